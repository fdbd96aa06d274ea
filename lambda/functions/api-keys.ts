import { apiKeyOperations } from '../handlers/api-keys';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('apiKeys', apiKeyOperations, servicesFromEnvironment);
