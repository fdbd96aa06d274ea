import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectError, startTestApi, type TestApi } from '../helpers/local-api';

describe('local gateway basics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('answers GET /health without credentials', async () => {
    const response = await api.call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toBe(response.headers.get('x-amzn-requestid'));
  });

  it('answers an unknown route with 404 NOT_FOUND in the error shape', async () => {
    expectError(await api.call('GET', '/v1/nothing-here'), 404, 'NOT_FOUND');
  });

  it('answers an unknown method on a known path with 404 NOT_FOUND', async () => {
    expectError(await api.call('PUT', '/v1/memories'), 404, 'NOT_FOUND');
  });
});
