import { apiKeyOperations } from '../handlers/api-keys';
import { createHandler } from '../handlers/pipeline';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

export const handler = createHandler('apiKeys', apiKeyOperations, dependenciesFromEnvironment);
