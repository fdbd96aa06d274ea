import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mergeTierOverrides } from '../../lambda/shared/config';
import { DEFAULT_TIERS } from '../../lambda/shared/tiers';
import { bearer, createKey, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';

/** Renaming "free" to "hobby": the new tier is configured next to the old one until the old one is empty. */
describe('moving every tenant of a tier to another (npm run set-tier -- --from)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ tiers: mergeTierOverrides({ hobby: { ...DEFAULT_TIERS.free } }) });
  });
  afterAll(async () => api.stop());

  const migrate = (fromTier: string, tier: string) =>
    api.call('POST', '/_local/operator/tier', { headers: bearer(api.operatorToken), body: { fromTier, tier } });

  it('moves every tenant of the old tier, and only those, keeping their keys working', async () => {
    // Prepare
    const [first, second, other] = [await registerTenant(api.call), await registerTenant(api.call), await registerTenant(api.call)];
    const key = await createKey(api.call, first.token);
    await api.call('POST', '/_local/operator/tier', {
      headers: bearer(api.operatorToken),
      body: { tenantId: other.tenantId, tier: 'starter' },
    });

    // Act
    const result = await migrate('free', 'hobby');
    api.clock.advance(11_000);

    // Assess
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ ok: true, from: 'free', to: 'hobby' });
    expect(result.json.tenantsMoved).toBe(2);
    const tiers = await Promise.all([first, second, other].map(async ({ tenantId }) => (await api.deps.tenants.getTenant(tenantId))?.tier));
    expect(tiers).toEqual(['hobby', 'hobby', 'starter']);
    const withKey = await api.call('GET', '/v1/usage', { headers: bearer(key.key) });
    expect(withKey.status).toBe(200);
    expect(withKey.json.tier).toBe('hobby');
  });

  it('refuses a source tier that is no longer configured, naming the order to follow', async () => {
    // Act
    const result = await migrate('platinum', 'hobby');

    // Assess
    expect(result.status).toBe(400);
    expect(result.json.reason).toMatch(/not configured: migrate its tenants before removing it/);
  });
});
