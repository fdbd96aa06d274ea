import { CreateApiKeyCommand, GetApiKeysCommand, TooManyRequestsException } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { checkGatewayKeys } from '../../lambda/gateway-keys/gateway-keys-resource';
import { deleteStackKeys, gatewayKeyReport } from '../../lambda/gateway-keys/gateway-key-inventory';
import { ensurePooledKeys } from '../../lambda/gateway-keys/gateway-pool';
import { changeTier, settleDelayMs } from '../../lambda/gateway-keys/tier-change';
import { pooledGatewayKeyName } from '../../lambda/shared/tiers';
import { bearer, createKey, expectError, registerTenant, startTestApi, uniqueEmail, type TestApi } from '../helpers/local-api';

const TIER_CHANGE = '/_local/operator/tier';

/** Every credential still gets through the gateway: its gateway key sits in a usage plan of the stage. */
async function expectServed(api: TestApi, credentials: readonly string[]): Promise<void> {
  for (const credential of credentials) {
    const response = await api.call('GET', '/v1/usage', { headers: bearer(credential) });
    if (response.status !== 200) throw new Error(`not served: ${response.status} ${response.text}`);
  }
}

const dedicatedKeys = (api: TestApi) => api.apiGateway.keys().filter((key) => !/-pool-\d+$/.test(key.name));
const throttled = () => new TooManyRequestsException({ message: 'Too Many Requests', $metadata: { httpStatusCode: 429 } });
/** A failure that may have done the call anyway (a 5xx or a timeout). */
const lostAnswer = () => Object.assign(new Error('We encountered an internal error. Please try again.'), { name: 'InternalFailure' });

describe('sign-up never waits on the API Gateway control plane', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('signs tenants up on pooled keys without one control-plane call, even while the control plane throttles', async () => {
    // Prepare: the clock stands still and the account's control-plane bucket is empty.
    api.clock.freezeAt(api.clock.now());
    const client = api.apiGateway.client();
    for (let i = 0; i < 10; i++) await client.send(new GetApiKeysCommand({}));
    await expect(client.send(new GetApiKeysCommand({}))).rejects.toBeInstanceOf(TooManyRequestsException);
    const callsBefore = api.apiGateway.calls.length;

    // Act
    const tenants = await Promise.all(Array.from({ length: 6 }, () => registerTenant(api.call)));

    // Assess
    expect(api.apiGateway.calls.length).toBe(callsBefore);
    await expectServed(
      api,
      tenants.map((tenant) => tenant.token),
    );
    expect(await api.deps.gatewayKeySlots.dedicatedKeysTaken()).toBe(0);
    api.clock.jumpTo(api.clock.now());
  });

  it('takes nothing when a sign-up fails, so its retry is not told EMAIL_TAKEN', async () => {
    // Prepare
    const email = uniqueEmail();
    const body = { email, password: 'correct horse battery', full_name: 'Retry' };
    jest.spyOn(api.deps.secrets, 'get').mockRejectedValueOnce(new Error('Secrets Manager is unreachable'));

    // Act
    const failed = await api.call('POST', '/v1/auth/register', { body });
    const retried = await api.call('POST', '/v1/auth/register', { body });

    // Assess
    expectError(failed, 500, 'INTERNAL_ERROR');
    expect(retried.status).toBe(201);
  });

  it('answers 503 with Retry-After and writes nothing while a tier has no pooled key yet', async () => {
    // Prepare
    for (const shard of (await api.deps.gatewayKeySlots.poolShards('free')).keys())
      await api.deps.gatewayKeySlots.deletePoolShard('free', shard);
    const email = uniqueEmail();
    const body = { email, password: 'correct horse battery', full_name: 'Early' };

    // Act: a second on, the control plane's calls of the second are there again, however busy the machine.
    const early = await api.call('POST', '/v1/auth/register', { body });
    api.clock.advance(1_000);
    await ensurePooledKeys(api.deps, ['free']);
    const later = await api.call('POST', '/v1/auth/register', { body });

    // Assess
    expectError(early, 503, 'SERVICE_UNAVAILABLE');
    expect(early.headers.get('retry-after')).toBe('60');
    expect(later.status).toBe(201);
  });
});

describe('API Gateway keys: pooled for sign-ups, dedicated only for tiers that give them', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ authorizerCacheTtlSeconds: 1 });
  });
  afterAll(async () => api.stop());

  it('takes none of the account’s API keys for a burst of sign-ups', async () => {
    // Prepare
    const keysBefore = api.apiGateway.keys().length;

    // Act
    await Promise.all(Array.from({ length: 8 }, () => registerTenant(api.call)));

    // Assess
    expect(api.apiGateway.keys().length).toBe(keysBefore);
    // One pooled key per tier and shard ahead, and the over-limit key.
    expect(keysBefore).toBe(Object.keys(api.deps.config.tiers).length * api.deps.config.pooledGatewayKeyShards + 1);
  });

  it('gives a tenant moving to a paid tier its own key, tagged with the stack, and deletes it when the tenant leaves that tier', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);

    // Act
    const upgraded = await api.call('POST', TIER_CHANGE, { headers: bearer(api.operatorToken), body: { tenantId, tier: 'pro' } });
    const own = dedicatedKeys(api);
    const downgraded = await api.call('POST', TIER_CHANGE, { headers: bearer(api.operatorToken), body: { tenantId, tier: 'free' } });
    api.clock.advance(settleDelayMs(api.deps));
    const settled = await api.call('POST', TIER_CHANGE, { headers: bearer(api.operatorToken), body: { tenantId, tier: 'free' } });

    // Assess
    expect(upgraded.json).toMatchObject({ ok: true, to: 'pro', gatewayKey: 'dedicated' });
    expect(own).toHaveLength(1);
    expect(own[0]?.tags).toEqual({ 'memory-api:stack': 'MemoryApi-dev' });
    expect(own[0]?.plans).toEqual(['MemoryApi-dev-pro']);
    expect(downgraded.json).toMatchObject({ ok: true, to: 'free', gatewayKey: 'pooled' });
    expect(settled.json.settlesAt).toBeUndefined();
    expect(dedicatedKeys(api)).toEqual([]);
    expect(await api.deps.gatewayKeySlots.dedicatedKeysTaken()).toBe(0);
    await expectServed(api, [token]);
  });
});

describe('the account’s API key quota', () => {
  let api: TestApi;
  beforeAll(async () => {
    // The account already holds as many keys as it may: the stack's pooled keys and its over-limit key.
    api = await startTestApi({ authorizerCacheTtlSeconds: 1 }, { apiKeyQuota: 21 });
  });
  afterAll(async () => api.stop());

  it('keeps a tenant moving to a paid tier on a pooled key when the account is full, says why, and reports the count', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);

    // Act
    const change = await api.call('POST', TIER_CHANGE, { headers: bearer(api.operatorToken), body: { tenantId, tier: 'pro' } });
    api.clock.advance(1_100);
    const usage = await api.call('GET', '/v1/usage', { headers: bearer(token) });
    const report = await gatewayKeyReport(api.deps);

    // Assess
    expect(change.json).toMatchObject({ ok: true, to: 'pro', gatewayKey: 'pooled' });
    expect(change.json.note).toMatch(/as many API keys as API Gateway allows/);
    expect(usage.json.tier).toBe('pro');
    expect(report).toMatchObject({
      stackKeys: { pooled: 21, dedicated: 0 },
      dedicatedSlots: { taken: 0, limit: 9_000 },
      account: { keys: 21 },
    });
  });
});

describe('tier changes under API Gateway’s one-usage-plan-per-stage rule', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ authorizerCacheTtlSeconds: 1 });
  });
  afterAll(async () => api.stop());

  it('moves a tenant free → pro → scale → free, served at every step, with no key left behind once it settles', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token);
    const tiers = ['pro', 'scale', 'free'] as const;

    // Act & Assess: before and after the authorizer caches expire, both credentials get through.
    for (const tier of tiers) {
      const change = await api.call('POST', TIER_CHANGE, { headers: bearer(api.operatorToken), body: { tenantId, tier } });
      expect(change.json).toMatchObject({ ok: true, to: tier, keysUpdated: 1 });
      await expectServed(api, [token, key]);
      api.clock.advance(1_100);
      await expectServed(api, [token, key]);
      expect((await api.call('GET', '/v1/usage', { headers: bearer(key) })).json.tier).toBe(tier);
    }
    api.clock.advance(settleDelayMs(api.deps));
    const settled = await api.call('POST', TIER_CHANGE, { headers: bearer(api.operatorToken), body: { tenantId, tier: 'free' } });
    expect(settled.json.settlesAt).toBeUndefined();
    expect(dedicatedKeys(api)).toEqual([]);
    expect(await api.deps.gatewayKeySlots.dedicatedKeysTaken()).toBe(0);
    await expectServed(api, [token, key]);
  });

  it.each([
    ['CreateApiKey is throttled', 'CreateApiKey', throttled, false],
    ['CreateApiKey’s answer is lost', 'CreateApiKey', lostAnswer, true],
    ['CreateUsagePlanKey fails', 'CreateUsagePlanKey', lostAnswer, false],
    ['CreateUsagePlanKey’s answer is lost', 'CreateUsagePlanKey', lostAnswer, true],
  ])(
    'when %s, the tenant stays served and running the change again finishes it, leaving no stray key',
    async (_case, operation, error, afterApplying) => {
      // Prepare
      const { token, tenantId } = await registerTenant(api.call);
      api.clock.advance(1_000);
      api.apiGateway.failNext(operation, error(), afterApplying);

      // Act
      const crashed = changeTier(api.deps, tenantId, 'pro');
      await expect(crashed).rejects.toThrow();
      await expectServed(api, [token]);
      const rerun = await changeTier(api.deps, tenantId, 'pro');

      // Assess
      expect(rerun).toMatchObject({ ok: true, to: 'pro', gatewayKey: 'dedicated' });
      const tenant = await api.deps.tenants.getTenant(tenantId);
      expect(
        dedicatedKeys(api)
          .filter((gatewayKey) => gatewayKey.name.includes(tenantId))
          .map((gatewayKey) => gatewayKey.id),
      ).toEqual([tenant?.gatewayKeyId]);
      expect(tenant?.pendingGatewayKey).toBeUndefined();
      api.clock.advance(1_100);
      await expectServed(api, [token]);
    },
  );

  it('stays served when it crashes after the switch, before the keys are rewritten, and a re-run rewrites them', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token);
    jest.spyOn(api.deps.apiKeys, 'copyTenantPlan').mockRejectedValueOnce(new Error('the process died'));

    // Act
    await expect(changeTier(api.deps, tenantId, 'starter')).rejects.toThrow('the process died');
    api.clock.advance(1_100);
    await expectServed(api, [token, key]);
    const rerun = await changeTier(api.deps, tenantId, 'starter');
    api.clock.advance(1_100);

    // Assess
    expect(rerun).toMatchObject({ ok: true, keysUpdated: 1 });
    expect((await api.call('GET', '/v1/usage', { headers: bearer(key) })).json.tier).toBe('starter');
  });

  it('finishes deleting the keys a change left when the deletion failed the first time', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    await changeTier(api.deps, tenantId, 'pro');
    await changeTier(api.deps, tenantId, 'free');
    api.clock.advance(settleDelayMs(api.deps));
    api.apiGateway.failNext('DeleteApiKey', lostAnswer());

    // Act
    await expect(changeTier(api.deps, tenantId, 'free')).rejects.toThrow();
    await expectServed(api, [token]);
    const rerun = await changeTier(api.deps, tenantId, 'free');

    // Assess
    expect(rerun.ok && rerun.settlesAt).toBeFalsy();
    expect(dedicatedKeys(api).filter((gatewayKey) => gatewayKey.name.includes(tenantId))).toEqual([]);
    expect((await api.deps.tenants.getTenant(tenantId))?.retiringGatewayKeys).toBeUndefined();
  });
});

describe('deleting the stack', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('deletes every API Gateway key tagged with the stack, dedicated ones included, and no other', async () => {
    // Prepare
    const { tenantId } = await registerTenant(api.call);
    await changeTier(api.deps, tenantId, 'pro');
    const other = await api.apiGateway.client().send(new CreateApiKeyCommand({ name: 'another-workload', enabled: true }));
    const stackKeys = api.apiGateway.keys().length - 1;

    // Act
    const outcome = await deleteStackKeys(api.deps, { pause: async (ms) => api.clock.advance(ms) });

    // Assess
    expect(outcome).toEqual({ deleted: stackKeys, left: 0 });
    expect(stackKeys).toBe(22);
    expect(api.apiGateway.keys().map((key) => key.id)).toEqual([other.id]);
    expect((await api.deps.gatewayKeySlots.poolShards('free')).size).toBe(0);
  });
});

describe('tenants whose gateway key is gone recover by themselves', () => {
  let api: TestApi;
  beforeAll(async () => {
    // One pooled key a tier keeps a whole check within the control plane's 10 calls a second (the stand-in does not retry).
    api = await startTestApi({ authorizerCacheTtlSeconds: 1, pooledGatewayKeyShards: 1 });
  });
  afterAll(async () => api.stop());

  /** Past the authorizer's cache and with the control plane's calls of the second back. */
  const later = () => api.clock.advance(2_000);

  it('moves tenants off a pooled key that went missing at the hourly check, API keys included', async () => {
    // Prepare: the pooled key of the tenant's shard is deleted behind the stack's back.
    const { token, tenantId } = await registerTenant(api.call);
    const key = await createKey(api.call, token, { name: 'agent' });
    const gone = (await api.deps.tenants.getTenant(tenantId))?.gatewayKeyId as string;
    await api.deps.gatewayKeys.deleteKey(gone);
    later();
    const broken = await api.call('GET', '/v1/memories', { headers: bearer(key.key) });

    // Act
    later();
    await checkGatewayKeys(api.deps);
    later();

    // Assess
    expectError(broken, 500, 'INTERNAL_ERROR');
    expect((await api.deps.tenants.getTenant(tenantId))?.gatewayKeyId).not.toBe(gone);
    expect((await api.call('GET', '/v1/memories', { headers: bearer(key.key) })).status).toBe(200);
    expect((await api.call('GET', '/v1/memories', { headers: bearer(token) })).status).toBe(200);
  });

  it('moves a tenant whose dedicated key is gone to a pooled key, and set-tier to the same tier gives it a new one', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    later();
    expect(await changeTier(api.deps, tenantId, 'pro')).toMatchObject({ ok: true, gatewayKey: 'dedicated' });
    const gone = (await api.deps.tenants.getTenant(tenantId))?.gatewayKeyId as string;
    await api.deps.gatewayKeys.deleteKey(gone);
    later();

    // Act
    await checkGatewayKeys(api.deps);
    later();
    const served = await api.call('GET', '/v1/memories', { headers: bearer(token) });
    const again = await changeTier(api.deps, tenantId, 'pro');
    later();

    // Assess
    expect(served.status).toBe(200);
    expect(again).toMatchObject({ ok: true, to: 'pro', gatewayKey: 'dedicated' });
    expect((await api.deps.tenants.getTenant(tenantId))?.gatewayKeyId).not.toBe(gone);
    expect((await api.call('GET', '/v1/memories', { headers: bearer(token) })).status).toBe(200);
  });

  it('deletes the duplicate pooled keys that two overlapping checks made, keeping the recorded one', async () => {
    // Prepare: another check made the free tier's pooled key a second time.
    const name = pooledGatewayKeyName(api.deps.gatewayKeys.stack, 'free', 0);
    const recorded = (await api.deps.gatewayKeySlots.poolShards('free')).get(0);
    const duplicate = await api.deps.gatewayKeys.createKey(name);
    await api.deps.gatewayKeys.addToPlan(duplicate.id, 'free', 'pooled');
    later();

    // Act
    await ensurePooledKeys(api.deps, ['free']);

    // Assess
    expect(
      api.apiGateway
        .keys()
        .filter((key) => key.name === name)
        .map((key) => key.id),
    ).toEqual([recorded?.id]);
    expect((await api.deps.gatewayKeySlots.poolShards('free')).get(0)?.id).toBe(recorded?.id);
  });

  it('lets set-tier to the same tier mend a tenant whose pooled key is gone, without waiting for the hourly check', async () => {
    // Prepare: the key is gone and the deploy's pool repair has run, but the tenant still names the old key.
    const { token, tenantId } = await registerTenant(api.call);
    const gone = (await api.deps.tenants.getTenant(tenantId))?.gatewayKeyId as string;
    await api.deps.gatewayKeys.deleteKey(gone);
    later();
    await ensurePooledKeys(api.deps);
    later();

    // Act
    const mended = await changeTier(api.deps, tenantId, 'free');
    later();

    // Assess
    expect(mended).toMatchObject({ ok: true, to: 'free', gatewayKey: 'pooled' });
    expect((await api.call('GET', '/v1/memories', { headers: bearer(token) })).status).toBe(200);
  });
});
