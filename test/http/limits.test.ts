import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mergeTierOverrides } from '../../lambda/shared/config';
import { bearer, createKey, expectError, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';

describe('per-minute limit, route cap and rate-limit headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      tiers: mergeTierOverrides({ free: { requestsPerMinute: 5, burst: 100 }, starter: { requestsPerMinute: 1000, burst: 1000 } }),
    });
  });
  afterAll(async () => api.stop());

  it('counts Remaining down by one per request and refuses the request after it reaches 0', async () => {
    // Prepare: a fresh minute window, 1 s in.
    const { token, tenantId } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token);
    api.clock.freezeAt(api.clock.nextMinute(1));
    const windowEnd = Math.floor(api.clock.now() / 60_000) * 60 + 60;
    const creditsBefore = await api.deps.usage.creditsUsed(tenantId, api.clock.now());

    // Act
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await api.call('GET', '/v1/memories', { headers: bearer(key) }));

    // Assess
    const allowed = answers.slice(0, 5);
    expect(allowed.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(allowed.map((response) => response.headers.get('x-ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
    for (const response of answers) {
      expect(response.headers.get('x-ratelimit-limit')).toBe('5');
      expect(response.headers.get('x-ratelimit-reset')).toBe(String(windowEnd));
    }
    const refused = answers[5] as (typeof answers)[number];
    expectError(refused, 429, 'RATE_LIMIT_EXCEEDED');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    // 59 s of the window are left: the clock stands 1 s into it.
    expect(refused.headers.get('retry-after')).toBe('59');
    expect(refused.headers.get('x-ratelimit-retry-after')).toBe('59');
    // The refused request got its credit back.
    expect(await api.deps.usage.creditsUsed(tenantId, api.clock.now())).toBe(creditsBefore + 5);
    api.clock.jumpTo(api.clock.now());
  });

  it('shares one limit between the live and test keys of a tenant', async () => {
    const { token } = await registerTenant(api.call);
    const live = await createKey(api.call, token, { name: 'live' });
    const test = await createKey(api.call, token, { name: 'test', environment: 'test' });
    api.clock.startOfNextMinute();
    const first = await api.call('GET', '/v1/memories', { headers: bearer(live.key) });
    const second = await api.call('GET', '/v1/memories', { headers: bearer(test.key) });
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(Number(first.headers.get('x-ratelimit-remaining')) - 1);
  });

  it('caps POST /v1/memories/search at 30 per minute on top of the tier', async () => {
    const { token, tenantId } = await registerTenant(api.call);
    await api.setTier(tenantId, 'starter');
    api.clock.advance(1100);
    api.clock.startOfNextMinute();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'tea' } })).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    const refused = await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'tea' } });
    expectError(refused, 429, 'RATE_LIMIT_EXCEEDED');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    const other = await api.call('GET', '/v1/memories', { headers: bearer(token) });
    expect(other.status).toBe(200);
  });

  it('sends no rate-limit headers on public routes', async () => {
    const response = await api.call('GET', '/health');
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('monthly credits', () => {
  let api: TestApi;
  beforeAll(async () => {
    // No dedicated gateway keys: every tenant is on the pooled key, which has no edge quota, so only our counters limit credits.
    api = await startTestApi({
      dedicatedGatewayKeyLimit: 0,
      tiers: mergeTierOverrides({ free: { requestsPerMinute: 10_000, burst: 10_000, creditsPerMonth: 12 } }),
    });
  });
  afterAll(async () => api.stop());

  it('counts every authenticated request as one credit and refuses the one past the allowance', async () => {
    const { token } = await registerTenant(api.call);
    const seen: number[] = [];
    let refused;
    for (let i = 0; i < 13; i++) {
      const response = await api.call('GET', '/v1/memories', { headers: bearer(token) });
      if (response.status === 429) {
        refused = response;
        break;
      }
      seen.push(Number(response.headers.get('x-credits-remaining')));
    }
    expect(seen).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect((await api.call('GET', '/v1/usage', { headers: bearer(token) })).json.credits).toEqual({ limit: 12, used: 12, remaining: 0 });
    expect(refused).toBeDefined();
    if (!refused) return;
    expectError(refused, 429, 'QUOTA_EXCEEDED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-retry-after')).toBe(refused.headers.get('retry-after'));
  });

  it('never gives more successes than credits under concurrency', async () => {
    const { token } = await registerTenant(api.call);
    const responses = await Promise.all(Array.from({ length: 40 }, () => api.call('GET', '/v1/memories', { headers: bearer(token) })));
    const ok = responses.filter((response) => response.status === 200).length;
    expect(ok).toBe(12);
    for (const response of responses.filter((r) => r.status !== 200)) expectError(response, 429, 'QUOTA_EXCEEDED');
  });
});

describe('active-key limit under concurrency', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ tiers: mergeTierOverrides({ free: { requestsPerMinute: 10_000, burst: 10_000 } }) });
  });
  afterAll(async () => api.stop());

  it('creates exactly the tier limit of keys when many creations race', async () => {
    const { token } = await registerTenant(api.call);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: `racer ${i}` } })),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(2);
    for (const response of responses.filter((r) => r.status !== 201)) expectError(response, 403, 'KEY_LIMIT_REACHED');
    const listed = await api.call('GET', '/v1/api-keys?status=active', { headers: bearer(token) });
    expect(listed.json.data).toHaveLength(2);
  });

  it('lets a rotation take one slot past the limit while the old key is in its grace period, not more', async () => {
    const { token } = await registerTenant(api.call);
    const first = await createKey(api.call, token, { name: 'one' });
    await createKey(api.call, token, { name: 'two' });
    const replacement = await api.call('POST', `/v1/api-keys/${first.id}/rotate`, { headers: bearer(token), body: {} });
    expect(replacement.status).toBe(201);
    expectError(
      await api.call('POST', `/v1/api-keys/${replacement.json.id}/rotate`, { headers: bearer(token), body: {} }),
      403,
      'KEY_LIMIT_REACHED',
    );
    expectError(await api.call('POST', `/v1/api-keys/${first.id}/rotate`, { headers: bearer(token), body: {} }), 400, 'VALIDATION_ERROR');
    const usage = await api.call('GET', '/v1/usage', { headers: bearer(token) });
    expect(usage.json.keys).toEqual({ active: 3, limit: 2 });
  });

  it('frees the grace slot once the old key has expired', async () => {
    const { token } = await registerTenant(api.call);
    const first = await createKey(api.call, token, { name: 'one' });
    await createKey(api.call, token, { name: 'two' });
    const replacement = await api.call('POST', `/v1/api-keys/${first.id}/rotate`, {
      headers: bearer(token),
      body: { grace_period_seconds: 0 },
    });
    const again = await api.call('POST', `/v1/api-keys/${replacement.json.id}/rotate`, {
      headers: bearer(token),
      body: { grace_period_seconds: 0 },
    });
    expect(again.status).toBe(201);
  });

  it('stops counting a key toward the limit once it has expired', async () => {
    const { token } = await registerTenant(api.call);
    const first = await createKey(api.call, token, { name: 'one' });
    await createKey(api.call, token, { name: 'two' });
    const rotated = await api.call('POST', `/v1/api-keys/${first.id}/rotate`, {
      headers: bearer(token),
      body: { grace_period_seconds: 0 },
    });
    expect(rotated.status).toBe(201);
    expectError(await api.call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'three' } }), 403, 'KEY_LIMIT_REACHED');
    const usage = await api.call('GET', '/v1/usage', { headers: bearer(token) });
    expect(usage.json.keys).toEqual({ active: 2, limit: 2 });
  });
});

describe('the operator tier change', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ authorizerCacheTtlSeconds: 1 });
  });
  afterAll(async () => api.stop());

  it('applies a new tier to tokens and existing keys after the authorizer cache time', async () => {
    const { token, tenantId } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token);
    const change = await api.setTier(tenantId, 'pro');
    expect(change.status).toBe(200);
    expect(change.json).toMatchObject({ ok: true, from: 'free', to: 'pro', keysUpdated: 1 });
    api.clock.advance(1100);
    const usage = await api.call('GET', '/v1/usage', { headers: bearer(key) });
    expect(usage.json.tier).toBe('pro');
    const byKey = await api.call('GET', '/v1/memories', { headers: bearer(key) });
    expect(byKey.headers.get('x-ratelimit-limit')).toBe('1200');
    const byToken = await api.call('GET', '/v1/memories', { headers: bearer(token) });
    expect(byToken.headers.get('x-ratelimit-limit')).toBe('1200');
    expect(byToken.headers.get('x-credits-limit')).toBe('200000');
  });

  it('refuses a tier change sent without a JSON content type, as a cross-site form post would be', async () => {
    const { tenantId } = await registerTenant(api.call);
    const change = await api.call('POST', '/_local/operator/tier', {
      raw: JSON.stringify({ tenantId, tier: 'pro' }),
      headers: { ...bearer(api.operatorToken), 'content-type': 'text/plain' },
    });
    expect(change.status).toBe(415);
    expect((await api.deps.tenants.getTenant(tenantId))?.tier).toBe('free');
  });

  it('refuses an unknown tier without changing anything', async () => {
    const { tenantId } = await registerTenant(api.call);
    const change = await api.setTier(tenantId, 'platinum');
    expect(change.status).toBe(400);
    expect((await api.deps.tenants.getTenant(tenantId))?.tier).toBe('free');
  });
});

describe('the usage plan at the edge (local emulation of API Gateway)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      authorizerCacheTtlSeconds: 1,
      tiers: mergeTierOverrides({
        // A free tenant's own edge bucket holds 1: past it the authorizer gives it the over-limit key (1 a second reaches the handler).
        free: { requestsPerMinute: 60, burst: 1, creditsPerMonth: 1000 },
        starter: { requestsPerMinute: 10_000, burst: 10_000, creditsPerMonth: 4 },
      }),
    });
  });
  afterAll(async () => api.stop());

  it('throttles a burst past the tenant’s bucket with the gateway’s 429 before any handler runs', async () => {
    const { token, tenantId } = await registerTenant(api.call);
    api.clock.freezeAt(api.clock.now());
    const responses = await Promise.all(Array.from({ length: 14 }, () => api.call('GET', '/v1/memories', { headers: bearer(token) })));
    api.clock.jumpTo(api.clock.now());
    const throttled = responses.filter((response) => response.status === 429);
    expect(throttled).toHaveLength(12);
    for (const response of throttled) {
      expectError(response, 429, 'RATE_LIMIT_EXCEEDED');
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('x-ratelimit-retry-after')).toBe('1');
      // Gateway-made: no handler ran, so no counter headers and no credit spent.
      expect(response.headers.get('x-ratelimit-limit')).toBeNull();
    }
    expect(await api.deps.usage.creditsUsed(tenantId, api.clock.now())).toBe(responses.length - throttled.length);
  });

  it('refuses requests past a dedicated key’s credits with our counters’ answer: no edge quota counts refused requests', async () => {
    const { token, tenantId } = await registerTenant(api.call);
    expect((await api.setTier(tenantId, 'starter')).status).toBe(200);
    api.clock.advance(1_100);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.call('GET', '/v1/memories', { headers: bearer(token) })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
    const refused = await api.call('GET', '/v1/memories', { headers: bearer(token) });
    expectError(refused, 429, 'QUOTA_EXCEEDED');
    expect(refused.json.error.message).toBe('The monthly credits of this plan are used up');
    expect(refused.headers.get('x-credits-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(1);
  });
});
