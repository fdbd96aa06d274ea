import { healthOperations } from '../handlers/health';
import { createHandler } from '../handlers/pipeline';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

export const handler = createHandler('health', healthOperations, dependenciesFromEnvironment);
