import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mergeTierOverrides } from '../../lambda/shared/config';
import { bearer, createKey, expectError, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';

describe('a test key manages the test sandbox only', () => {
  let api: TestApi;
  let token: string;
  let live: { key: string; id: string };
  let sandboxAdmin: { key: string; id: string };
  let sandboxOther: { key: string; id: string };
  beforeAll(async () => {
    api = await startTestApi({ tiers: mergeTierOverrides({ free: { activeKeys: 10 } }) });
    ({ token } = await registerTenant(api.call));
    live = await createKey(api.call, token, { name: 'live' });
    sandboxAdmin = await createKey(api.call, token, { name: 'sandbox admin', environment: 'test', scopes: ['admin'] });
    sandboxOther = await createKey(api.call, token, { name: 'sandbox other', environment: 'test' });
  });
  afterAll(async () => api.stop());

  it('lists only test keys, and refuses to list live ones', async () => {
    const listed = await api.call('GET', '/v1/api-keys', { headers: bearer(sandboxAdmin.key) });
    expect(listed.json.data.map((key: { id: string }) => key.id).sort()).toEqual([sandboxAdmin.id, sandboxOther.id].sort());
    expectError(
      await api.call('GET', '/v1/api-keys?environment=live', { headers: bearer(sandboxAdmin.key) }),
      403,
      'ENVIRONMENT_FORBIDDEN',
    );
  });

  it('cannot see, revoke, rotate or read the usage of a live key', async () => {
    const headers = bearer(sandboxAdmin.key);
    expectError(await api.call('GET', `/v1/api-keys/${live.id}`, { headers }), 404, 'NOT_FOUND');
    expectError(await api.call('DELETE', `/v1/api-keys/${live.id}`, { headers }), 404, 'NOT_FOUND');
    expectError(await api.call('POST', `/v1/api-keys/${live.id}/rotate`, { headers, body: {} }), 404, 'NOT_FOUND');
    expectError(await api.call('GET', `/v1/api-keys/${live.id}/usage`, { headers }), 404, 'NOT_FOUND');
    expect((await api.call('GET', '/v1/memories', { headers: bearer(live.key) })).status).toBe(200);
  });

  it('can revoke another test key', async () => {
    const revoked = await api.call('DELETE', `/v1/api-keys/${sandboxOther.id}`, { headers: bearer(sandboxAdmin.key) });
    expect(revoked.status).toBe(200);
    expect(revoked.json.status).toBe('revoked');
  });

  it('accepts an access token only in Authorization: Bearer, never in X-API-Key', async () => {
    expectError(await api.call('GET', '/v1/memories', { headers: { 'x-api-key': token } }), 401, 'AUTH_REQUIRED');
    expect((await api.call('GET', '/v1/memories', { headers: bearer(token) })).status).toBe(200);
  });
});
