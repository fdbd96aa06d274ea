import { describe, expect, it } from '@jest/globals';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { TenantEdgeGuard } from '../../lambda/authorizer/tenant-edge-guard';
import type { AuthorizationOutcome } from '../../lambda/authorizer/outcome';
import { CountingMetrics } from '../../lambda/platform/metrics';
import type { Dependencies } from '../../lambda/wiring/dependencies';
import { parseAppConfig } from '../../lambda/shared/config';
import { DEFAULT_TIERS, OVER_LIMIT_POOL, tenantsPerPooledKey } from '../../lambda/shared/tiers';

const MINUTE = 60_000;

function guardAt(clock: { now: number }, tiers = { free: { requestsPerMinute: 4, burst: 2, creditsPerMonth: 100, activeKeys: 2 } }) {
  const reads: string[] = [];
  const deps = {
    config: parseAppConfig({ tiers }, 'test'),
    now: () => clock.now,
    metrics: new CountingMetrics(),
    gatewayKeySlots: {
      poolShard: async (tier: string, shard: number) => {
        reads.push(`${tier}/${shard}`);
        return tier === OVER_LIMIT_POOL ? { id: 'over', value: 'over-limit-value' } : undefined;
      },
    },
  } as unknown as Dependencies;
  return { guard: new TenantEdgeGuard(deps), reads, metrics: deps.metrics as CountingMetrics };
}

const allowed = (tenantId: string): AuthorizationOutcome => ({
  allowed: true,
  identity: {
    tenantId,
    principalId: 'key_1',
    keyId: 'key_1',
    scopes: ['memories:read'],
    environment: 'live',
    tier: 'free',
    expiresAt: null,
    gatewayKeyValue: `own-${tenantId}`,
  },
});
const event = (method: string, resource: string) => ({ httpMethod: method, resource }) as APIGatewayRequestAuthorizerEvent;
const list = event('GET', '/v1/memories');

async function keysGiven(guard: TenantEdgeGuard, tenantId: string, count: number, on = list): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const outcome = await guard.admit(allowed(tenantId), on);
    keys.push(outcome.allowed ? outcome.identity.gatewayKeyValue : 'refused');
  }
  return keys;
}

describe('TenantEdgeGuard', () => {
  it('gives a tenant past its tier burst the over-limit key, and its shard-mate its own key', async () => {
    // Prepare
    const clock = { now: 10 * MINUTE };
    const { guard, metrics } = guardAt(clock);

    // Act
    const noisy = await keysGiven(guard, 'tnt_noisy', 5);
    const quiet = await keysGiven(guard, 'tnt_quiet', 2);

    // Assess
    expect(noisy).toEqual(['own-tnt_noisy', 'own-tnt_noisy', 'over-limit-value', 'over-limit-value', 'over-limit-value']);
    expect(quiet).toEqual(['own-tnt_quiet', 'own-tnt_quiet']);
    expect(metrics.count('EdgeGuardRefusals', { tier: 'free' })).toBe(3);
  });

  it('holds a tenant to its requests per minute even while its bucket refills, and lets it go again the next minute', async () => {
    // Prepare: 4 a minute, burst 4, a token every 15 s: the bucket never runs dry below
    const clock = { now: 10 * MINUTE };
    const { guard } = guardAt(clock, { free: { requestsPerMinute: 4, burst: 4, creditsPerMonth: 100, activeKeys: 2 } });
    const given: string[] = [];

    // Act: one request every 11 s: the fifth finds a token, but it is the minute's fifth
    for (let i = 0; i < 5; i++) {
      given.push(...(await keysGiven(guard, 'tnt_a', 1)));
      clock.now += 11_000;
    }
    clock.now = 11 * MINUTE;
    const nextMinute = await keysGiven(guard, 'tnt_a', 1);

    // Assess
    expect(given).toEqual(['own-tnt_a', 'own-tnt_a', 'own-tnt_a', 'own-tnt_a', 'over-limit-value']);
    expect(nextMinute).toEqual(['own-tnt_a']);
  });

  it('counts nothing on management routes, which no usage plan covers, and reads the over-limit key once', async () => {
    // Prepare
    const clock = { now: 10 * MINUTE };
    const { guard, reads } = guardAt(clock);

    // Act
    const management = await keysGiven(guard, 'tnt_a', 5, event('GET', '/v1/usage'));
    const metered = await keysGiven(guard, 'tnt_a', 4);

    // Assess
    expect(management).toEqual(Array(5).fill('own-tnt_a'));
    expect(metered).toEqual(['own-tnt_a', 'own-tnt_a', 'over-limit-value', 'over-limit-value']);
    expect(reads).toEqual([`${OVER_LIMIT_POOL}/0`]);
  });
});

describe('tenantsPerPooledKey', () => {
  it('keeps a pooled plan within the account throttle (10,000 rps, burst 5,000)', () => {
    for (const tier of Object.values(DEFAULT_TIERS)) {
      const tenants = tenantsPerPooledKey(tier, 100);
      expect((tier.requestsPerMinute / 60) * tenants).toBeLessThanOrEqual(10_000);
      expect(tier.burst * tenants).toBeLessThanOrEqual(5_000);
    }
    expect(tenantsPerPooledKey(DEFAULT_TIERS.free as never, 100)).toBe(100);
    expect(tenantsPerPooledKey(DEFAULT_TIERS.enterprise as never, 100)).toBe(5);
  });
});
