import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';

describe('query parameters on every authenticated route', () => {
  let api: TestApi;
  let token: string;
  let tenantId: string;
  let keyId: string;
  let memoryId: string;
  beforeAll(async () => {
    api = await startTestApi();
    ({ token, tenantId } = await registerTenant(api.call));
    keyId = (await createKey(api.call, token)).id;
    memoryId = (await api.call('POST', '/v1/memories', { headers: bearer(token), body: { content: 'q' } })).json.id;
  });
  afterAll(async () => api.stop());

  const routes = () =>
    [
      ['POST', '/v1/memories', { content: 'x' }],
      ['GET', `/v1/memories/${memoryId}`, undefined],
      ['PATCH', `/v1/memories/${memoryId}`, { content: 'y' }],
      ['POST', '/v1/memories/search', { query: 'x' }],
      ['GET', `/v1/api-keys/${keyId}`, undefined],
      ['POST', '/v1/api-keys', { name: 'n' }],
      ['GET', '/v1/usage', undefined],
    ] as const;

  it('refuses an unknown query parameter with 400 naming it, on routes that read no query', async () => {
    for (const [method, path, body] of routes()) {
      const response = await api.call(method, `${path}?colour=blue`, { headers: bearer(token), body });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(response.json.error.details).toEqual([{ field: 'colour', issue: 'unknown field' }]);
    }
  });

  it('refuses query names inherited from Object.prototype like any other unknown name', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      expectError(await api.call('GET', `/v1/usage?${name}=1`, { headers: bearer(token) }), 400, 'VALIDATION_ERROR');
    }
  });

  it('applies the tenant rule to a tenant id in the query of any route', async () => {
    for (const [method, path, body] of routes()) {
      expectError(await api.call(method, `${path}?tenant_id=tnt_someone_else`, { headers: bearer(token), body }), 403, 'TENANT_MISMATCH');
    }
    expect((await api.call('GET', `/v1/usage?tenantId=${tenantId}`, { headers: bearer(token) })).status).toBe(200);
  });
});
