import { servicesFromEnvironment } from '../services/services';
import { createAuthorizerHandler } from './entry-point';

export const handler = createAuthorizerHandler(servicesFromEnvironment);
