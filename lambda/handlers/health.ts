import type { Operations } from './pipeline';

/** 200 only while the store answers: a load balancer or operator sees a dead database here (503 otherwise). */
export const healthOperations: Operations<'health'> = {
  health: async (_request, deps) => {
    await deps.tenants.ping();
    return { status: 200, body: { status: 'ok' } };
  },
};
