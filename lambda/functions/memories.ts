import { memoryOperations } from '../handlers/memories';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('memories', memoryOperations, servicesFromEnvironment);
