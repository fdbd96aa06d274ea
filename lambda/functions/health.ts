import { healthOperations } from '../handlers/health';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('health', healthOperations, servicesFromEnvironment);
