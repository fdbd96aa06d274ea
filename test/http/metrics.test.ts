import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateApiKey } from '../../lambda/api-keys/key-format';
import { checkGatewayKeys } from '../../lambda/gateway-keys/gateway-keys-resource';
import { changeTier } from '../../lambda/gateway-keys/tier-change';
import { mergeTierOverrides } from '../../lambda/shared/config';
import { DEFAULT_TIERS } from '../../lambda/shared/tiers';
import { bearer, createKey, registerTenant, startTestApi, uniqueEmail, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

/** The figures the functions send to CloudWatch; the local gateway keeps them in memory (api.metrics). */
describe('business and safety metrics', () => {
  let api: TestApi;
  let owner: { token: string; email: string };
  let reader: { key: string; id: string };

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 10 }));
    owner = await registerTenant(api.call);
    reader = await createKey(api.call, owner.token, { name: 'reader', scopes: ['read'] });
  });
  afterAll(async () => api.stop());

  const decisions = (outcome: string) => api.metrics.count('AuthorizerDecisions', { outcome });

  it('counts the authorizer’s decisions by outcome: allowed and each named refusal', async () => {
    // Prepare
    const before = ['allowed', 'missing_credential', 'bad_checksum', 'unknown_key', 'insufficient_scope'].map(decisions);
    const wrongChecksum = reader.key.slice(0, -1) + (reader.key.endsWith('A') ? 'B' : 'A');

    // Act
    await api.call('GET', '/v1/memories', { headers: bearer(reader.key) });
    await api.call('GET', '/v1/memories');
    await api.call('GET', '/v1/memories', { headers: bearer(wrongChecksum) });
    await api.call('GET', '/v1/memories', { headers: bearer(generateApiKey('mem', 'live')) });
    await api.call('POST', '/v1/memories', { headers: bearer(reader.key), body: { content: 'not allowed' } });

    // Assess
    const after = ['allowed', 'missing_credential', 'bad_checksum', 'unknown_key', 'insufficient_scope'].map(decisions);
    expect(after.map((count, index) => count - (before[index] ?? 0))).toEqual([1, 1, 1, 1, 1]);
  });

  it('counts the requests each handler answers by route operation', async () => {
    // Prepare
    const before = api.metrics.count('Requests', { operation: 'tenantUsage' });

    // Act
    await api.call('GET', '/v1/usage', { headers: bearer(owner.token) });
    await api.call('GET', '/v1/usage', { headers: bearer(owner.token) });

    // Assess
    expect(api.metrics.count('Requests', { operation: 'tenantUsage' }) - before).toBe(2);
  });

  it('counts sign-ups, and keys created, rotated and revoked', async () => {
    // Prepare
    const count = () => ({
      signUps: api.metrics.count('SignUps', {}),
      created: api.metrics.count('KeysCreated', {}),
      rotated: api.metrics.count('KeysRotated', {}),
      revoked: api.metrics.count('KeysRevoked', {}),
    });
    const before = count();

    // Act
    const tenant = await registerTenant(api.call);
    const key = await createKey(api.call, tenant.token);
    await api.call('POST', `/v1/api-keys/${key.id}/rotate`, { headers: bearer(tenant.token), body: {} });
    await api.call('DELETE', `/v1/api-keys/${key.id}`, { headers: bearer(tenant.token) });
    await api.call('DELETE', `/v1/api-keys/${key.id}`, { headers: bearer(tenant.token) });

    // Assess
    const after = count();
    expect({
      signUps: after.signUps - before.signUps,
      created: after.created - before.created,
      rotated: after.rotated - before.rotated,
      revoked: after.revoked - before.revoked,
    }).toEqual({ signUps: 1, created: 1, rotated: 1, revoked: 1 });
  });

  it('counts a login lockout, not the failed attempts before it', async () => {
    // Prepare
    const email = uniqueEmail();
    const before = api.metrics.count('LoginLockouts', {});

    // Act
    for (let attempt = 0; attempt < 6; attempt++) {
      await api.call('POST', '/v1/auth/login', { body: { email, password: 'a wrong password' } });
    }

    // Assess
    expect(api.metrics.count('LoginLockouts', {}) - before).toBe(1);
  });
});

describe('gateway key metrics', () => {
  let api: TestApi;
  /** Every tier's pooled key (one shard each) and the over-limit key, as the local deploy makes them: the account holds exactly these. */
  const pooledKeys = Object.keys(DEFAULT_TIERS).length + 1;

  beforeAll(async () => {
    api = await startTestApi({ pooledGatewayKeyShards: 1 }, { apiKeyQuota: pooledKeys });
  });
  afterAll(async () => api.stop());

  it('counts a dedicated key the account quota refuses on a tier change; the tenant stays on a pooled key', async () => {
    // Prepare
    const { tenantId } = await registerTenant(api.call);
    const failuresBefore = api.metrics.count('GatewayKeyProvisioningFailures', {});

    // Act
    const result = await changeTier(api.deps, tenantId, 'starter');

    // Assess
    expect(result).toMatchObject({ ok: true, to: 'starter', gatewayKey: 'pooled' });
    expect(api.metrics.count('GatewayKeyProvisioningFailures', {}) - failuresBefore).toBe(1);
  });

  it('sends the account’s API key count from the hourly check', async () => {
    // Prepare: a second on, the control plane's 10 calls a second are there again.
    const before = api.metrics.values('AccountGatewayKeys', {}).length;
    api.clock.advance(1_000);

    // Act
    await checkGatewayKeys(api.deps);

    // Assess
    expect(api.metrics.values('AccountGatewayKeys', {}).slice(before)).toEqual([pooledKeys]);
  });
});

describe('429s by cause', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Pooled gateway keys have no edge quota, so the credit limit is met in our counters.
    api = await startTestApi({
      dedicatedGatewayKeyLimit: 0,
      tiers: mergeTierOverrides({ free: { requestsPerMinute: 2, burst: 100, creditsPerMonth: 1_000 }, starter: { creditsPerMonth: 1 } }),
    });
  });
  afterAll(async () => api.stop());

  it('counts refusals by our per-minute limit and by the monthly credits apart', async () => {
    // Prepare
    const minuteTenant = await registerTenant(api.call);
    const creditTenant = await registerTenant(api.call);
    await api.call('POST', '/_local/operator/tier', {
      headers: bearer(api.operatorToken),
      body: { tenantId: creditTenant.tenantId, tier: 'starter' },
    });
    api.clock.freezeAt(api.clock.nextMinute());

    // Act
    for (let request = 0; request < 3; request++) await api.call('GET', '/v1/memories', { headers: bearer(minuteTenant.token) });
    for (let request = 0; request < 2; request++) await api.call('GET', '/v1/memories', { headers: bearer(creditTenant.token) });

    // Assess
    expect(api.metrics.count('RateLimited', { cause: 'minute' })).toBe(1);
    expect(api.metrics.count('RateLimited', { cause: 'credits' })).toBe(1);
    expect(api.metrics.count('RateLimited', { cause: 'route_cap' })).toBe(0);
  });
});
