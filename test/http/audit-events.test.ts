import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';
import { ISO_TIMESTAMP, roomyFreeTier } from './support';

const DAY_MS = 86_400_000;
const PASSWORD = 'correct horse battery';
const AGENT = { 'user-agent': 'audit-test/1.0' };
const types = (response: ApiResponse): string[] => response.json.data.map((event: { type: string }) => event.type);

describe('GET /v1/audit-events', () => {
  let api: TestApi;
  let owner: { token: string; tenantId: string; email: string };
  let other: { token: string; tenantId: string };
  let created: { key: string; id: string };
  let rotated: { key: string; id: string };

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 50 }));
    [owner, other] = await Promise.all([registerTenant(api.call), registerTenant(api.call)]);
    const createdResponse = await api.call('POST', '/v1/api-keys', {
      headers: { ...bearer(owner.token), ...AGENT },
      body: { name: 'audited', scopes: ['read', 'keys:manage'] },
    });
    created = { key: createdResponse.json.key, id: createdResponse.json.id };
    const rotation = await api.call('POST', `/v1/api-keys/${created.id}/rotate`, {
      headers: bearer(owner.token),
      body: { grace_period_seconds: 60 },
    });
    rotated = { key: rotation.json.key, id: rotation.json.id };
    await api.call('DELETE', `/v1/api-keys/${rotated.id}`, { headers: bearer(rotated.key) });
  });
  afterAll(async () => api.stop());

  /** Access tokens live an hour: after moving the clock by days, a test logs in again. */
  const relogin = async (email: string): Promise<string> =>
    (await api.call('POST', '/v1/auth/login', { body: { email, password: PASSWORD } })).json.access_token;
  const list = (query = '', token = owner.token) => api.call('GET', `/v1/audit-events${query}`, { headers: bearer(token) });

  it('lists key creation, rotation and revocation newest first, with actor, source address, user agent and time', async () => {
    const response = await list('?type=key.created');
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual([
      {
        id: expect.stringMatching(/^evt_/),
        type: 'key.created',
        occurred_at: expect.stringMatching(ISO_TIMESTAMP),
        actor: { type: 'user', id: expect.stringMatching(/^usr_/) },
        key_id: created.id,
        environment: 'live',
        source_ip: expect.any(String),
        user_agent: 'audit-test/1.0',
        details: { name: 'audited', scopes: ['memories:read', 'keys:manage'], expires_at: null },
      },
    ]);
    const keyEvents = (await list()).json.data.filter((event: { type: string }) => event.type.startsWith('key.'));
    expect(keyEvents.map((event: { type: string; key_id: string }) => [event.type, event.key_id])).toEqual([
      ['key.revoked', rotated.id],
      ['key.rotated', created.id],
      ['key.created', created.id],
    ]);
    expect(keyEvents[0].actor).toEqual({ type: 'key', id: rotated.id });
    expect(keyEvents[1].details).toEqual({ name: 'audited', new_key_id: rotated.id, grace_period_seconds: 60 });
  });

  it('never contains a plaintext key, a key hash or a password', async () => {
    await api.call('POST', '/v1/auth/login', { body: { email: owner.email, password: 'wrong password!' } });
    const text = (await list('?limit=100')).text;
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(rotated.key);
    expect(text).not.toContain('wrong password!');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/hash/i);
  });

  it('records logins that succeed, fail and are locked, once per window for a locked email', async () => {
    const tenant = await registerTenant(api.call);
    const login = (password: string) => api.call('POST', '/v1/auth/login', { headers: AGENT, body: { email: tenant.email, password } });
    expect((await login(PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt++) expect((await login('not the password')).status).toBe(401);
    expectError(await login(PASSWORD), 429, 'TOO_MANY_ATTEMPTS');
    expectError(await login(PASSWORD), 429, 'TOO_MANY_ATTEMPTS');
    const events = (await list('?limit=100', tenant.token)).json.data;
    expect(events.map((event: { type: string }) => event.type)).toEqual([
      'login.locked',
      ...Array<string>(5).fill('login.failed'),
      'login.succeeded',
    ]);
    expect(events[0]).toMatchObject({ actor: { type: 'user' }, user_agent: 'audit-test/1.0', details: { email: tenant.email } });
  });

  it('records an expired key in use once per window, with the key as actor', async () => {
    const tenant = await registerTenant(api.call);
    const expiring = await createKey(api.call, tenant.token, { name: 'short', expires_in_days: 1 });
    api.clock.advance(2 * DAY_MS);
    try {
      for (let attempt = 0; attempt < 3; attempt++)
        expect((await api.call('GET', '/v1/memories', { headers: bearer(expiring.key) })).status).toBe(401);
      const response = await list('?type=key.expired_used', await relogin(tenant.email));
      expect(response.json.data).toEqual([
        expect.objectContaining({ type: 'key.expired_used', key_id: expiring.id, actor: { type: 'key', id: expiring.id } }),
      ]);
    } finally {
      api.clock.advance(-2 * DAY_MS);
    }
  });

  it('records a tier change by the operator', async () => {
    const tenant = await registerTenant(api.call);
    expect((await api.setTier(tenant.tenantId, 'pro')).status).toBe(200);
    const response = await list('?type=tier.changed', tenant.token);
    expect(response.json.data).toEqual([
      expect.objectContaining({ actor: { type: 'operator', id: 'set-tier' }, key_id: null, details: { from: 'free', to: 'pro' } }),
    ]);
  });

  it('pages with a cursor without repeating or skipping events', async () => {
    const all = types(await list('?limit=100'));
    const first = await list('?limit=2');
    expect(first.json.data).toHaveLength(2);
    const second = await list(`?limit=100&cursor=${first.json.next_cursor}`);
    expect([...types(first), ...types(second)]).toEqual(all);
    expect(second.json.next_cursor).toBeNull();
  });

  it('filters by key id', async () => {
    const response = await list(`?key_id=${rotated.id}`);
    expect(types(response)).toEqual(['key.revoked']);
  });

  it('refuses a cursor of another filter, an unknown type and a malformed key id', async () => {
    const cursor = (await list('?limit=1')).json.next_cursor;
    expectError(await list(`?type=key.created&cursor=${cursor}`), 400, 'VALIDATION_ERROR');
    expectError(await list('?type=key.stolen'), 400, 'VALIDATION_ERROR');
    expectError(await list('?key_id=nope'), 400, 'VALIDATION_ERROR');
  });

  it('shows a tenant its own events only', async () => {
    const theirs = await list('?limit=100', other.token);
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.json)).not.toContain(created.id);
    expectError(await list(`?tenant_id=${owner.tenantId}`, other.token), 403, 'TENANT_MISMATCH');
    expect(types(await list(`?key_id=${created.id}`, other.token))).toEqual([]);
  });

  it('needs keys:manage', async () => {
    const reader = await createKey(api.call, owner.token, { name: 'reader', scopes: ['read'] });
    expectError(await list('', reader.key), 403, 'INSUFFICIENT_SCOPE');
  });

  it('shows a test key the events of test keys only', async () => {
    const tenant = await registerTenant(api.call);
    await createKey(api.call, tenant.token, { name: 'live one' });
    const testKey = await createKey(api.call, tenant.token, { name: 'test one', environment: 'test', scopes: ['keys:manage'] });
    const response = await list('?limit=100', testKey.key);
    expect(response.json.data.map((event: { key_id: string }) => event.key_id)).toEqual([testKey.id]);
  });

  it('keeps events 90 days', async () => {
    const tenant = await registerTenant(api.call);
    await createKey(api.call, tenant.token, { name: 'old news' });
    api.clock.advance(89 * DAY_MS);
    try {
      const token = await relogin(tenant.email);
      const within = await createKey(api.call, token, { name: 'fresh' });
      expect(types(await list('?type=key.created', token))).toHaveLength(2);
      api.clock.advance(2 * DAY_MS);
      const response = await list('?type=key.created', await relogin(tenant.email));
      expect(response.json.data.map((event: { key_id: string }) => event.key_id)).toEqual([within.id]);
    } finally {
      api.clock.advance(-91 * DAY_MS);
    }
  });
});
