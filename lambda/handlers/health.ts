import { runtimeFromEnvironment } from '../platform/runtime';
import { createHandler, type Operations } from './pipeline';

export const healthOperations: Operations = {
  health: async () => ({ status: 200, body: { status: 'ok' } }),
};

export const handler = createHandler('health', healthOperations, runtimeFromEnvironment);
