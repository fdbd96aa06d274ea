import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensurePooledKeys } from '../../lambda/gateway-keys/gateway-pool';
import { mergeTierOverrides } from '../../lambda/shared/config';
import { bearer, expectError, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';

const memories = (api: TestApi, token: string) => api.call('GET', '/v1/memories', { headers: bearer(token) });

async function times(count: number, send: () => Promise<ApiResponse>): Promise<ApiResponse[]> {
  const answers: ApiResponse[] = [];
  for (let i = 0; i < count; i++) answers.push(await send());
  return answers;
}

const statuses = (answers: readonly ApiResponse[]) => answers.map((answer) => answer.status);

describe('pooled keys filled in turn', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ pooledTenantsPerKey: 2, pooledGatewayKeyShards: 1 });
  });
  afterAll(async () => api.stop());

  it('puts N tenants on a key, shares the first key when sign-ups outrun the keys, and the scheduled check makes the next ones', async () => {
    // Prepare: one free key ready (none filled yet, one ahead)
    const first = await registerTenant(api.call);
    const second = await registerTenant(api.call);

    // Act
    const third = await registerTenant(api.call);
    await ensurePooledKeys(api.deps);
    const fourth = await registerTenant(api.call);

    // Assess
    const shards = await api.deps.gatewayKeySlots.poolShards('free');
    const keyOf = async (tenantId: string) => (await api.deps.tenants.getTenant(tenantId))?.gatewayKeyId;
    expect(await keyOf(first.tenantId)).toBe(shards.get(0)?.id);
    expect(await keyOf(second.tenantId)).toBe(shards.get(0)?.id);
    expect(await keyOf(third.tenantId)).toBe(shards.get(0)?.id);
    expect(api.metrics.count('PooledKeyOverflow', { tier: 'free' })).toBe(1);
    // Three places taken: the first key filled, the second being filled.
    expect([...shards.keys()]).toEqual([0, 1]);
    expect(await keyOf(fourth.tenantId)).toBe(shards.get(1)?.id);
  });
});

describe('shard-mates at the edge', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Two tenants to a key: the key's bucket holds 2 × 3 tokens and refills at 2 × 3 a minute.
    api = await startTestApi({
      tiers: mergeTierOverrides({ free: { requestsPerMinute: 3, burst: 3 } }),
      pooledTenantsPerKey: 2,
      pooledGatewayKeyShards: 1,
    });
  });
  afterAll(async () => api.stop());

  it('leaves a neighbour unaffected by a shard-mate’s burst, and its refused requests cost the neighbour nothing', async () => {
    // Prepare
    const noisy = await registerTenant(api.call);
    const quiet = await registerTenant(api.call);
    const tenants = await Promise.all([noisy, quiet].map(({ tenantId }) => api.deps.tenants.getTenant(tenantId)));
    expect(tenants[0]?.gatewayKeyId).toBe(tenants[1]?.gatewayKeyId);
    api.clock.freezeAt(api.clock.nextMinute());

    // Act: the noisy tenant sends ten times its minute at once, then its neighbour its whole minute
    const burst = await times(30, () => memories(api, noisy.token));
    const neighbour = await times(3, () => memories(api, quiet.token));

    // Assess
    expect(statuses(burst.slice(0, 3))).toEqual([200, 200, 200]);
    expect(statuses(burst.slice(3))).toEqual(Array(27).fill(429));
    // The first refused request reached our counters through the over-limit key: the exact answer.
    expect(burst[3]?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(burst[3]?.headers.get('retry-after'))).toBe(59);
    for (const refused of burst.slice(3)) expectError(refused, 429, 'RATE_LIMIT_EXCEEDED');
    expect(statuses(neighbour)).toEqual([200, 200, 200]);
    expect(api.metrics.count('EdgeGuardRefusals', { tier: 'free' })).toBe(27);
  });
});

describe('credits at the edge', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      tiers: mergeTierOverrides({ starter: { requestsPerMinute: 5, burst: 5, creditsPerMonth: 8 } }),
    });
  });
  afterAll(async () => api.stop());

  it('never cuts off a tenant with credits left, however many of its requests our counters refused', async () => {
    // Prepare: a tenant on its own gateway key
    const owner = await registerTenant(api.call);
    expect((await api.setTier(owner.tenantId, 'starter')).status).toBe(200);
    const start = api.clock.nextMinute();
    api.clock.freezeAt(start);
    const inFirstMinute = await times(5, () => memories(api, owner.token));
    // Spread over the minute, each finds a token in the key's own bucket: only our counters refuse them.
    const refusedForTheMinute: ApiResponse[] = [];
    for (let i = 1; i <= 4; i++) {
      api.clock.freezeAt(start + i * 12_000);
      refusedForTheMinute.push(await memories(api, owner.token));
    }

    // Act: the next minute, the three credits left, and one more
    api.clock.freezeAt(api.clock.nextMinute());
    const nextMinute = await times(4, () => memories(api, owner.token));

    // Assess
    expect(statuses(inFirstMinute)).toEqual(Array(5).fill(200));
    expect(statuses(refusedForTheMinute)).toEqual(Array(4).fill(429));
    expect(statuses(nextMinute.slice(0, 3))).toEqual([200, 200, 200]);
    expect(nextMinute[2]?.headers.get('x-credits-remaining')).toBe('0');
    expectError(nextMinute[3] as ApiResponse, 429, 'QUOTA_EXCEEDED');
    expect(nextMinute[3]?.json.error.message).toBe('The monthly credits of this plan are used up');
  });
});
