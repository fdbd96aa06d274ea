import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, remember, startTestApi, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

const DAY_MS = 86_400_000;

/** A day later the owner's hour-long token has expired: the owner signs in again. */
async function signIn(api: TestApi, email: string): Promise<string> {
  const response = await api.call('POST', '/v1/auth/login', { body: { email, password: 'correct horse battery' } });
  return response.json.access_token as string;
}

/** `GET /v1/usage/daily`: the console's usage page in one request, and the audit trail by sandbox. */
describe('the usage report and the audit trail by sandbox', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 5 }));
  });
  afterAll(async () => api.stop());

  it("answers the tenant's usage and each key's requests per day of the sandbox the owner acts in, spending no credit", async () => {
    // Prepare: two live keys used on two days, one test key used once.
    const { token: before, email } = await registerTenant(api.call);
    const first = await createKey(api.call, before, { name: 'first' });
    const second = await createKey(api.call, before, { name: 'second' });
    const sandbox = await createKey(api.call, before, { name: 'sandbox', environment: 'test' });
    await remember(api.call, first.key, 'yesterday');
    api.clock.advance(DAY_MS);
    const token = await signIn(api, email);
    await remember(api.call, first.key, 'today one');
    await remember(api.call, second.key, 'today two');
    await remember(api.call, sandbox.key, 'test today');

    // Act
    const live = await api.call('GET', '/v1/usage/daily?days=7', { headers: bearer(token) });
    const test = await api.call('GET', '/v1/usage/daily?days=7', { headers: { ...bearer(token), 'X-Environment': 'test' } });
    const again = await api.call('GET', '/v1/usage/daily?days=7', { headers: bearer(token) });

    // Assess
    expect(live.status).toBe(200);
    expect(live.json.environment).toBe('live');
    expect(live.json.days).toHaveLength(7);
    expect(live.json.days[6]).toBe(new Date(api.clock.now()).toISOString().slice(0, 10));
    expect(live.json.keys.map((key: { name: string; requests: number[] }) => [key.name, key.requests.slice(5)])).toEqual([
      ['second', [0, 1]],
      ['first', [1, 1]],
    ]);
    expect(live.json.total).toBe(3);
    expect(live.json.usage.credits.used).toBe(4);
    expect(test.json.keys.map((key: { name: string; total: number }) => [key.name, key.total])).toEqual([['sandbox', 1]]);
    expect(again.json.usage.credits.used).toBe(4);
  });

  it('leaves out keys that ended before the period, and refuses a key without keys:manage', async () => {
    // Prepare
    const { token: before, email } = await registerTenant(api.call);
    const old = await createKey(api.call, before, { name: 'old' });
    const reader = await createKey(api.call, before, { name: 'reader', scopes: ['memories:read'] });
    await api.call('DELETE', `/v1/api-keys/${old.id}`, { headers: bearer(before) });
    api.clock.advance(3 * DAY_MS);
    const token = await signIn(api, email);

    // Act
    const recent = await api.call('GET', '/v1/usage/daily?days=2', { headers: bearer(token) });
    const byReader = await api.call('GET', '/v1/usage/daily', { headers: bearer(reader.key) });
    const badDays = await api.call('GET', '/v1/usage/daily?days=91', { headers: bearer(token) });

    // Assess
    expect(recent.json.keys.map((key: { name: string }) => key.name)).toEqual(['reader']);
    expectError(byReader, 403, 'INSUFFICIENT_SCOPE');
    expectError(badDays, 400, 'VALIDATION_ERROR');
  });

  it("names a rotated key's successor, and filters audit events by sandbox with the account's own events", async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const live = await createKey(api.call, token, { name: 'live agent' });
    await createKey(api.call, token, { name: 'test agent', environment: 'test' });
    const rotated = await api.call('POST', `/v1/api-keys/${live.id}/rotate`, {
      headers: bearer(token),
      body: { grace_period_seconds: 60 },
    });

    // Act
    const old = await api.call('GET', `/v1/api-keys/${live.id}`, { headers: bearer(token) });
    const testEvents = await api.call('GET', '/v1/audit-events?environment=test', { headers: bearer(token) });
    const liveEvents = await api.call('GET', '/v1/audit-events?environment=live', { headers: bearer(token) });
    const allEvents = await api.call('GET', '/v1/audit-events', { headers: bearer(token) });

    // Assess
    expect(old.json.replaced_by).toBe(rotated.json.id);
    expect(rotated.json.replaced_by).toBeNull();
    const kinds = (response: typeof testEvents) =>
      response.json.data.map((event: { type: string; environment: string | null }) => `${event.type} ${event.environment}`);
    expect(kinds(testEvents)).toEqual(['key.created test']);
    expect(kinds(liveEvents)).toEqual(['key.rotated live', 'key.created live']);
    expect(kinds(allEvents)).toEqual(['key.rotated live', 'key.created test', 'key.created live']);
  });
});
