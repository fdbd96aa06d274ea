import { authOperations } from '../handlers/auth';
import { createHandler } from '../handlers/pipeline';
import { servicesFromEnvironment } from '../services/services';

export const handler = createHandler('auth', authOperations, servicesFromEnvironment);
