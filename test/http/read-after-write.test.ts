import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, registerTenant, startTestApi, uniqueEmail, type TestApi } from '../helpers/local-api';

/**
 * The local stack hides writes from eventually consistent reads for a second, as DynamoDB may
 * (index queries, and GetItem without ConsistentRead of a new item). What a client reads right
 * after writing it must still be there.
 */
describe('reads right after a write', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('accepts an owner token the moment its tenant signs up', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);

    // Act
    const response = await api.call('GET', '/v1/usage', { headers: bearer(token) });

    // Assess
    expect(response.status).toBe(200);
  });

  it('logs the owner in the moment it signs up', async () => {
    // Prepare
    const email = uniqueEmail();
    await registerTenant(api.call, email);

    // Act
    const response = await api.call('POST', '/v1/auth/login', { body: { email, password: 'correct horse battery' } });

    // Assess
    expect(response.status).toBe(200);
  });

  it('finds a key by id the moment it is created: read, rotate and revoke', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const headers = bearer(token);
    const first = await createKey(api.call, token, { name: 'read at once' });
    const second = await createKey(api.call, token, { name: 'rotated at once' });

    // Act
    const read = await api.call('GET', `/v1/api-keys/${first.id}`, { headers });
    const rotated = await api.call('POST', `/v1/api-keys/${second.id}/rotate`, { headers, body: { grace_period_seconds: 60 } });
    const revoked = await api.call('DELETE', `/v1/api-keys/${rotated.json.id}`, { headers });

    // Assess
    expect([read.status, rotated.status, revoked.status]).toEqual([200, 201, 200]);
    expect(revoked.json.status).toBe('revoked');
  });

  it('lists a key the moment it is created, and its new status the moment it changes', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const headers = bearer(token);
    const created = await createKey(api.call, token, { name: 'listed at once' });

    // Act
    const listed = await api.call('GET', '/v1/api-keys', { headers });
    await api.call('DELETE', `/v1/api-keys/${created.id}`, { headers });
    const active = await api.call('GET', '/v1/api-keys?status=active', { headers });
    const usage = await api.call('GET', '/v1/usage', { headers });

    // Assess
    expect(listed.json.data.map((key: { id: string }) => key.id)).toEqual([created.id]);
    expect(active.json.data).toEqual([]);
    expect(usage.json.keys.active).toBe(0);
  });
});
