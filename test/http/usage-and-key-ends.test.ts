import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KEY_SLOTS } from '../../lambda/store/key-day-counts';
import { bearer, createKey, expectError, freshTables, registerTenant, scanTable, startTestApi, type TestApi } from '../helpers/local-api';

describe('management routes never lock the owner out', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      dedicatedGatewayKeyLimit: 0,
      managementRequestsPerMinute: 5,
      tiers: { free: { requestsPerMinute: 100, burst: 100, creditsPerMonth: 6 } },
    });
  });
  afterAll(async () => api.stop());

  it('lets the owner list, rotate and revoke keys and read usage after a leaked key used up every credit', async () => {
    // Prepare: the leaked key spends every credit of the month.
    const { token } = await registerTenant(api.call);
    const leaked = await createKey(api.call, token, { name: 'leaked' });
    const spent = [];
    for (let i = 0; i < 7; i++) spent.push(await api.call('GET', '/v1/memories', { headers: bearer(leaked.key) }));

    // Act
    const usage = await api.call('GET', '/v1/usage', { headers: bearer(token) });
    const listed = await api.call('GET', '/v1/api-keys', { headers: bearer(token) });
    const rotated = await api.call('POST', `/v1/api-keys/${leaked.id}/rotate`, {
      headers: bearer(token),
      body: { grace_period_seconds: 0 },
    });
    const revoked = await api.call('DELETE', `/v1/api-keys/${rotated.json.id}`, { headers: bearer(token) });

    // Assess
    expectError(spent[6] as (typeof spent)[number], 429, 'QUOTA_EXCEEDED');
    expect([usage.status, listed.status, rotated.status, revoked.status]).toEqual([200, 200, 201, 200]);
    expect(usage.json.credits).toEqual({ limit: 6, used: 6, remaining: 0 });
    expect(usage.headers.get('x-credits-remaining')).toBe('0');
    expect(usage.headers.get('x-ratelimit-limit')).toBe('5');
  });

  it("gives each credential its own management budget, so a leaked key's requests leave the owner's untouched", async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const leaked = await createKey(api.call, token, { name: 'leaked' });
    api.clock.startOfNextMinute();
    const byLeaked = [];
    for (let i = 0; i < 6; i++) byLeaked.push(await api.call('GET', '/v1/usage', { headers: bearer(leaked.key) }));

    // Act
    const byOwner = await api.call('DELETE', `/v1/api-keys/${leaked.id}`, { headers: bearer(token) });

    // Assess
    expect(byLeaked.slice(0, 5).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expectError(byLeaked[5] as (typeof byLeaked)[number], 429, 'RATE_LIMIT_EXCEEDED');
    expect(byLeaked[5]?.headers.get('retry-after')).toBeTruthy();
    expect(byOwner.status).toBe(200);
    expect(byOwner.headers.get('x-ratelimit-remaining')).toBe('4');
  });

  it('spends no credit on a management request', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    await api.call('GET', '/v1/memories', { headers: bearer(token) });

    // Act
    const first = await api.call('GET', '/v1/usage', { headers: bearer(token) });
    const second = await api.call('GET', '/v1/usage', { headers: bearer(token) });

    // Assess
    expect(first.json.credits.used).toBe(1);
    expect(second.json.credits.used).toBe(1);
  });
});

describe('usage items stay small whatever the number of keys used', () => {
  let api: TestApi;
  const tables = freshTables();

  beforeAll(async () => {
    api = await startTestApi(
      { keyCreationsPerHour: 100, tiers: { free: { requestsPerMinute: 10_000, burst: 10_000, creditsPerMonth: null, activeKeys: null } } },
      { tables },
    );
  });
  afterAll(async () => api.stop());

  it('keeps the tenant counter within one write unit whatever the number of keys used in a day, and counts every key exactly', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    const keys = [];
    for (let i = 0; i < 40; i++) keys.push(await createKey(api.call, token, { name: `key ${i}` }));

    // Act
    for (const { key } of keys) expect((await api.call('GET', '/v1/memories', { headers: bearer(key) })).status).toBe(200);
    const first = await api.call('GET', `/v1/api-keys/${keys[0]?.id}/usage?days=1`, { headers: bearer(token) });
    const last = await api.call('GET', `/v1/api-keys/${keys[39]?.id}/usage?days=1`, { headers: bearer(token) });
    const listed = await api.call('GET', '/v1/api-keys?limit=100', { headers: bearer(token) });

    // Assess: the first keys of the day count on the counter, the others on their own day items; each counts once.
    const items = (await scanTable(tables.usage)).filter((item) => String(item.pk).startsWith(`TENANT#${tenantId}`));
    const counter = items.find((item) => item.sk === 'COUNTER');
    expect(Object.keys((counter?.kr ?? {}) as object)).toHaveLength(KEY_SLOTS);
    expect(items.filter((item) => String(item.pk).includes('#KEY#'))).toHaveLength(keys.length - KEY_SLOTS);
    expect(Math.max(...items.map((item) => Object.keys(item).length))).toBeLessThan(12);
    expect([first.json.total, last.json.total]).toEqual([1, 1]);
    const used = (listed.json.data as { id: string; last_used_at: string | null }[]).filter((key) => key.last_used_at !== null);
    expect(used.map((key) => key.id).sort()).toEqual(keys.map((key) => key.id).sort());
  });
});

describe("a key's end is exact, though an authorizer may still hold its record", () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({ authorizerCacheTtlSeconds: 10, tiers: { free: { activeKeys: 50 } } });
    ({ token } = await registerTenant(api.call));
  });
  afterAll(async () => api.stop());

  const list = (key: string) => api.call('GET', '/v1/memories', { headers: bearer(key) });

  it('refuses a revoked key from the moment of its revocation', async () => {
    // Prepare: the authorizer has the key's record cached.
    const victim = await createKey(api.call, token, { name: 'revoked now' });
    expect((await list(victim.key)).status).toBe(200);

    // Act
    await api.call('DELETE', `/v1/api-keys/${victim.id}`, { headers: bearer(token) });
    const refused = await list(victim.key);
    const refusedOnManagement = await api.call('GET', '/v1/usage', { headers: bearer(victim.key) });

    // Assess
    expectError(refused, 401, 'AUTH_REQUIRED');
    expectError(refusedOnManagement, 401, 'AUTH_REQUIRED');
  });

  it('refuses the old key of a rotation exactly when a grace period shorter than the cache time ends', async () => {
    // Prepare
    const old = await createKey(api.call, token, { name: 'rotated' });
    expect((await list(old.key)).status).toBe(200);
    const rotated = await api.call('POST', `/v1/api-keys/${old.id}/rotate`, { headers: bearer(token), body: { grace_period_seconds: 4 } });

    // Act
    api.clock.advance(3_000);
    const during = await list(old.key);
    api.clock.advance(1_100);
    const after = await list(old.key);

    // Assess
    expect(rotated.status).toBe(201);
    expect(during.status).toBe(200);
    expectError(after, 401, 'AUTH_REQUIRED');
    expect((await list(rotated.json.key)).status).toBe(200);
  });

  it('gives the refused request its credit back', async () => {
    // Prepare
    const victim = await createKey(api.call, token, { name: 'no credit' });
    await list(victim.key);
    const before = (await api.call('GET', '/v1/usage', { headers: bearer(token) })).json.credits.used;

    // Act
    await api.call('DELETE', `/v1/api-keys/${victim.id}`, { headers: bearer(token) });
    await list(victim.key);
    const after = (await api.call('GET', '/v1/usage', { headers: bearer(token) })).json.credits.used;

    // Assess
    expect(after).toBe(before);
  });
});

describe('a revoked key on management routes', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ authorizerCacheTtlSeconds: 10, managementRequestsPerMinute: 3 });
  });
  afterAll(async () => api.stop());

  it('refuses a revoked key as revoked (401) on management routes, even once its budget there is spent, never with 429', async () => {
    // Prepare: the key spends its whole management budget of the minute, the authorizer holding its record.
    const { token: owner } = await registerTenant(api.call);
    const victim = await createKey(api.call, owner, { name: 'budget spent' });
    api.clock.startOfNextMinute();
    let spent = await api.call('GET', '/v1/usage', { headers: bearer(victim.key) });
    while (spent.status === 200) spent = await api.call('GET', '/v1/usage', { headers: bearer(victim.key) });
    expectError(spent, 429, 'RATE_LIMIT_EXCEEDED');

    // Act
    await api.call('DELETE', `/v1/api-keys/${victim.id}`, { headers: bearer(owner) });
    const refused = await api.call('GET', '/v1/usage', { headers: bearer(victim.key) });

    // Assess
    expectError(refused, 401, 'AUTH_REQUIRED');
  });
});
