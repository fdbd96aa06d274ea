import { usageOperations } from '../handlers/usage';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('usage', usageOperations, servicesFromEnvironment);
