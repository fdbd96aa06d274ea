import { usageOperations } from '../handlers/usage';
import { createHandler } from '../handlers/pipeline';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

export const handler = createHandler('usage', usageOperations, dependenciesFromEnvironment);
