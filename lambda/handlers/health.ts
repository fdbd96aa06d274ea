import { servicesFromEnvironment } from '../services/services';
import { createHandler, type Operations } from './pipeline';

export const healthOperations: Operations<'health'> = {
  health: async () => ({ status: 200, body: { status: 'ok' } }),
};

export const handler = createHandler('health', healthOperations, servicesFromEnvironment);
