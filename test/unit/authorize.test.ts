import { describe, expect, it } from '@jest/globals';
import { signAccessToken } from '../../lambda/auth/tokens';
import { Authorizer } from '../../lambda/authorizer/authorize';
import type { ApiKeyRecord, Tenant } from '../../lambda/domain/records';
import { generateApiKey, keyStart } from '../../lambda/api-keys/key-format';
import { hashApiKey } from '../../lambda/api-keys/key-hash';
import type { Environment } from '../../lambda/domain/environments';
import { SCOPES, type Scope } from '../../lambda/domain/scopes';
import { JWT_SECRET, PEPPER, authorizerEvent, createFakeDependencies } from './fake-dependencies';

const TTL_MS = 10_000;
const START = Date.UTC(2026, 5, 1, 12);

function keyRecord(key: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    keyHash: hashApiKey(key, PEPPER),
    keyId: 'key_01',
    tenantId: 'tnt_01',
    name: 'agent',
    environment: key.startsWith('mem_test_') ? 'test' : 'live',
    scopes: ['memories:read', 'memories:write'],
    start: keyStart(key),
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    revokedAt: null,
    replaces: null,
    tier: 'pro',
    gatewayKeyValue: 'gw-key-value-of-tenant',
    ...overrides,
  };
}

const TENANT: Tenant = {
  tenantId: 'tnt_owner',
  tier: 'starter',
  ownerUserId: 'usr_owner',
  createdAt: '2026-01-01T00:00:00.000Z',
  activeKeys: 0,
  gatewayKeyId: 'gw-id',
  gatewayKeyValue: 'gw-owner-value',
  gatewayKeyKind: 'dedicated',
};

/** Dependencies whose key table holds one key with the given record fields. */
function withKey(environment: Environment = 'live', overrides: Partial<ApiKeyRecord> = {}, config = {}) {
  const fake = createFakeDependencies(config, START);
  const key = generateApiKey('mem', environment);
  const record = keyRecord(key, overrides);
  fake.getByHash.mockImplementation(async (hash) => (hash === record.keyHash ? record : undefined));
  return { ...fake, key, record, authorizer: new Authorizer(fake.deps) };
}

const listMemories = (headers: Record<string, string>) => authorizerEvent('GET', '/v1/memories', headers);
const refusedFor = (reason: string) => ({ allowed: false, reason });

describe('Authorizer with API keys', () => {
  it.each([
    ['a malformed key', 'mem_live_tooShort', 'malformed_credential'],
    ['a key with a bad checksum', 'mem_live_0123456789abcdefghijABCDEFGHIJKL000000', 'bad_checksum'],
    ['a key of another prefix', 'abc_live_0123456789abcdefghijABCDEFGHIJKL000000', 'malformed_credential'],
    ['a string that is neither key nor token', 'hello', 'malformed_credential'],
  ])('refuses %s without any store call', async (_label, credential, reason) => {
    // Prepare
    const { authorizer, storeCalls, getByHash } = withKey();

    // Act
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${credential}` }));

    // Assess
    expect(outcome).toMatchObject(refusedFor(reason));
    expect(getByHash).not.toHaveBeenCalled();
    expect(storeCalls).toEqual([]);
  });

  it('refuses a key whose checksum is wrong at its last character without a read', async () => {
    // Prepare
    const { authorizer, key, storeCalls } = withKey();
    const last = key.at(-1) === 'A' ? 'B' : 'A';

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key.slice(0, -1) + last }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('bad_checksum'));
    expect(storeCalls).toEqual([]);
  });

  it.each([
    ['missing', {}, 'missing_credential'],
    ['conflicting', { authorization: 'Bearer mem_live_a', 'x-api-key': 'mem_live_b' }, 'conflicting_credentials'],
    ['malformed', { authorization: 'Basic x' }, 'malformed_credential'],
  ])('refuses a %s credential without any store call', async (_label, headers, reason) => {
    // Prepare
    const { authorizer, storeCalls } = withKey();

    // Act
    const outcome = await authorizer.authorize(listMemories(headers));

    // Assess
    expect(outcome).toMatchObject(refusedFor(reason));
    expect(storeCalls).toEqual([]);
  });

  it('allows a valid key after one read by its keyed hash', async () => {
    // Prepare
    const { authorizer, key, getByHash } = withKey();

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'X-API-Key': key }));

    // Assess
    expect(getByHash).toHaveBeenCalledTimes(1);
    expect(getByHash).toHaveBeenCalledWith(hashApiKey(key, PEPPER));
    expect(outcome).toEqual({
      allowed: true,
      identity: {
        tenantId: 'tnt_01',
        principalId: 'key_01',
        keyId: 'key_01',
        scopes: ['memories:read', 'memories:write'],
        environment: 'live',
        tier: 'pro',
        expiresAt: null,
        gatewayKeyValue: 'gw-key-value-of-tenant',
      },
    });
  });

  it('answers a second request within the cache time without a read, and reads again after it', async () => {
    // Prepare
    const { authorizer, key, clock, getByHash } = withKey();
    const event = listMemories({ 'x-api-key': key });
    await authorizer.authorize(event);

    // Act
    clock.now += TTL_MS - 1;
    await authorizer.authorize(event);
    const readsWithinTtl = getByHash.mock.calls.length;
    clock.now += 1;
    await authorizer.authorize(event);

    // Assess
    expect(readsWithinTtl).toBe(1);
    expect(getByHash).toHaveBeenCalledTimes(2);
  });

  it('shares the cache between the Authorization and X-API-Key forms of one key', async () => {
    // Prepare
    const { authorizer, key, getByHash } = withKey();
    await authorizer.authorize(listMemories({ authorization: `Bearer ${key}` }));

    // Act
    await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(getByHash).toHaveBeenCalledTimes(1);
  });

  it('refuses an unknown key, and remembers the miss for one second only, not the cache time', async () => {
    // Prepare
    const { authorizer, getByHash, clock } = withKey();
    const unknown = generateApiKey('mem', 'live');

    // Act
    const first = await authorizer.authorize(listMemories({ 'x-api-key': unknown }));
    const second = await authorizer.authorize(listMemories({ 'x-api-key': unknown }));
    const readsWithinASecond = getByHash.mock.calls.length;
    clock.now += 1_000;
    const third = await authorizer.authorize(listMemories({ 'x-api-key': unknown }));

    // Assess
    expect([first, second, third]).toMatchObject([refusedFor('unknown_key'), refusedFor('unknown_key'), refusedFor('unknown_key')]);
    expect(readsWithinASecond).toBe(1);
    expect(getByHash).toHaveBeenCalledTimes(2);
  });

  it('keeps a real key cached while a stream of forged keys twice the cache size passes, at one read per forged key', async () => {
    // Prepare: forged keys pass the checksum (CRC32 is public) but name no stored key.
    const { authorizer, key, getByHash } = withKey();
    await authorizer.authorize(listMemories({ 'x-api-key': key }));
    const forged = Array.from({ length: 20_000 }, () => generateApiKey('mem', 'live'));

    // Act
    for (const candidate of forged) await authorizer.authorize(listMemories({ 'x-api-key': candidate }));
    const readsForForged = getByHash.mock.calls.length - 1;
    const real = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(readsForForged).toBe(forged.length);
    expect(real).toMatchObject({ allowed: true });
    expect(getByHash).toHaveBeenCalledTimes(forged.length + 1);
  });

  it('refuses a revoked key as revoked', async () => {
    // Prepare
    const { authorizer, key } = withKey('live', { revokedAt: '2026-05-01T00:00:00.000Z' });

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('revoked_key'));
  });

  it('refuses an expired key as expired', async () => {
    // Prepare
    const { authorizer, key } = withKey('live', { expiresAt: new Date(START - 1).toISOString() });

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('expired_key'));
  });

  it('refuses a cached key the moment it expires, without waiting for the cache', async () => {
    // Prepare
    const { authorizer, key, clock, getByHash } = withKey('live', { expiresAt: new Date(START + 5_000).toISOString() });
    await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Act
    clock.now += 5_000;
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('expired_key'));
    expect(getByHash).toHaveBeenCalledTimes(1);
  });

  it('stops honouring a revoked key once its cache entry expires', async () => {
    // Prepare
    const { authorizer, key, record, clock, getByHash } = withKey();
    await authorizer.authorize(listMemories({ 'x-api-key': key }));
    getByHash.mockResolvedValue({ ...record, revokedAt: '2026-06-01T12:00:01.000Z' });

    // Act
    clock.now += TTL_MS;
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('revoked_key'));
  });

  it.each([
    ['POST', '/v1/memories', 'memories:write', ['memories:read']],
    ['DELETE', '/v1/memories/{id}', 'memories:delete', ['memories:read', 'memories:write']],
    ['POST', '/v1/api-keys', 'keys:manage', ['memories:read', 'memories:write', 'memories:delete']],
  ] as const)('refuses %s %s to a key without %s, naming the scope', async (method, resource, needed, held) => {
    // Prepare
    const { authorizer, key } = withKey('live', { scopes: [...held] });

    // Act
    const outcome = await authorizer.authorize(authorizerEvent(method, resource, { 'x-api-key': key }));

    // Assess
    expect(outcome).toEqual({
      allowed: false,
      reason: 'insufficient_scope',
      message: `This route needs scope ${needed}`,
      identity: { tenantId: 'tnt_01', principalId: 'key_01', keyId: 'key_01' },
    });
  });

  it('allows GET /v1/usage to a key with any scope', async () => {
    // Prepare
    const { authorizer, key } = withKey('live', { scopes: ['memories:delete'] satisfies Scope[] });

    // Act
    const outcome = await authorizer.authorize(authorizerEvent('GET', '/v1/usage', { 'x-api-key': key }));

    // Assess
    expect(outcome.allowed).toBe(true);
  });

  it('allows any valid credential on a route outside the table (another API reusing the authorizer)', async () => {
    // Prepare
    const { authorizer, key } = withKey();

    // Act
    const outcome = await authorizer.authorize(authorizerEvent('GET', '/reports', { 'x-api-key': key }));

    // Assess
    expect(outcome.allowed).toBe(true);
  });

  it('still refuses an invalid credential on a route outside the table', async () => {
    // Prepare
    const { authorizer, key } = withKey();

    // Act
    const outcome = await authorizer.authorize(
      authorizerEvent('GET', '/reports', { 'x-api-key': key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a') }),
    );

    // Assess
    expect(outcome).toMatchObject(refusedFor('bad_checksum'));
  });

  it('refuses a key whose tier is no longer configured, naming the tier', async () => {
    // Prepare
    const { authorizer, key } = withKey('live', { tier: 'legacy' });

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('tier_unavailable'));
    expect(outcome.allowed === false && outcome.message).toContain('"legacy"');
  });
});

describe('Authorizer X-Environment rules', () => {
  it.each([
    ['live', 'live', 'live'],
    ['live', 'LIVE', 'live'],
    ['test', 'test', 'test'],
    ['test', ' Test ', 'test'],
  ] as const)('allows a %s key that asks for %j', async (environment, requested, expected) => {
    // Prepare
    const { authorizer, key } = withKey(environment);

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key, 'X-Environment': requested }));

    // Assess
    expect(outcome).toMatchObject({ allowed: true, identity: { environment: expected } });
  });

  it.each([
    ['live', 'test'],
    ['test', 'live'],
  ] as const)('refuses a %s key to act in %s', async (environment, requested) => {
    // Prepare
    const { authorizer, key } = withKey(environment);

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key, 'x-environment': requested }));

    // Assess
    expect(outcome).toMatchObject({
      allowed: false,
      reason: 'environment_forbidden',
      message: `This ${environment} key cannot act in ${requested}`,
    });
  });

  it('refuses an environment that is neither live nor test', async () => {
    // Prepare
    const { authorizer, key } = withKey('live');

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key, 'x-environment': 'prod' }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('invalid_environment'));
  });
});

describe('Authorizer with owner access tokens', () => {
  async function withOwnerToken() {
    const fake = createFakeDependencies({}, START);
    fake.getTenant.mockImplementation(async (tenantId) => (tenantId === TENANT.tenantId ? TENANT : undefined));
    const token = await signAccessToken({ userId: 'usr_owner', tenantId: TENANT.tenantId }, { current: JWT_SECRET }, fake.clock.now);
    return { ...fake, token, authorizer: new Authorizer(fake.deps) };
  }

  it('allows every scope in live after one tenant read', async () => {
    // Prepare
    const { authorizer, token, getTenant, getByHash } = await withOwnerToken();

    // Act
    const outcome = await authorizer.authorize(authorizerEvent('POST', '/v1/api-keys', { Authorization: `Bearer ${token}` }));

    // Assess
    expect(outcome).toEqual({
      allowed: true,
      identity: {
        tenantId: 'tnt_owner',
        principalId: 'usr_owner',
        keyId: '',
        scopes: SCOPES,
        environment: 'live',
        tier: 'starter',
        expiresAt: null,
        gatewayKeyValue: 'gw-owner-value',
      },
    });
    expect(getTenant).toHaveBeenCalledTimes(1);
    expect(getTenant).toHaveBeenCalledWith('tnt_owner');
    expect(getByHash).not.toHaveBeenCalled();
  });

  it('caches the tenant for the cache time', async () => {
    // Prepare
    const { authorizer, token, getTenant, clock } = await withOwnerToken();
    const event = listMemories({ Authorization: `Bearer ${token}` });
    await authorizer.authorize(event);

    // Act
    clock.now += TTL_MS - 1;
    await authorizer.authorize(event);
    const readsWithinTtl = getTenant.mock.calls.length;
    clock.now += 1;
    await authorizer.authorize(event);

    // Assess
    expect(readsWithinTtl).toBe(1);
    expect(getTenant).toHaveBeenCalledTimes(2);
  });

  it('lets an owner token switch to the test sandbox with X-Environment', async () => {
    // Prepare
    const { authorizer, token } = await withOwnerToken();

    // Act
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}`, 'X-Environment': 'test' }));

    // Assess
    expect(outcome).toMatchObject({ allowed: true, identity: { environment: 'test' } });
  });

  it('refuses an owner token an environment that is neither live nor test', async () => {
    // Prepare
    const { authorizer, token } = await withOwnerToken();

    // Act
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}`, 'X-Environment': 'staging' }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('invalid_environment'));
  });

  it('refuses a token for a tenant that does not exist', async () => {
    // Prepare
    const { authorizer, clock } = await withOwnerToken();
    const token = await signAccessToken({ userId: 'usr_x', tenantId: 'tnt_gone' }, { current: JWT_SECRET }, clock.now);

    // Act
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}` }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('tenant_gone'));
  });

  it('never caches a tenant that was not found: it works the moment it is found', async () => {
    // Prepare
    const { authorizer, clock, getTenant } = await withOwnerToken();
    const token = await signAccessToken({ userId: 'usr_new', tenantId: 'tnt_new' }, { current: JWT_SECRET }, clock.now);
    getTenant.mockResolvedValueOnce(undefined);

    // Act
    const before = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}` }));
    getTenant.mockResolvedValueOnce({ ...TENANT, tenantId: 'tnt_new' });
    const after = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}` }));

    // Assess
    expect(before).toMatchObject(refusedFor('tenant_gone'));
    expect(after).toMatchObject({ allowed: true });
  });

  it('refuses a token signed with another secret without reading the tenant', async () => {
    // Prepare
    const { authorizer, getTenant, clock } = await withOwnerToken();
    const forged = await signAccessToken(
      { userId: 'usr_owner', tenantId: TENANT.tenantId },
      { current: 'not-the-secret-0123456789abcdef' },
      clock.now,
    );

    // Act
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${forged}` }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('invalid_token'));
    expect(getTenant).not.toHaveBeenCalled();
  });

  it('refuses a token once the clock passes its expiry', async () => {
    // Prepare
    const { authorizer, token, clock } = await withOwnerToken();

    // Act
    clock.now += 3_600_000;
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}` }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('invalid_token'));
  });

  it('refuses an access token sent as X-API-Key (tokens travel only as Bearer)', async () => {
    // Prepare
    const { authorizer, token } = await withOwnerToken();

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': token }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('malformed_credential'));
  });

  it('reloads the signing secret once when a token names a key it does not know, then accepts it', async () => {
    // Prepare
    const { authorizer, deps, secretsGet, secretsRefresh, clock } = await withOwnerToken();
    const rotated = { current: 'rotated-secret-0123456789abcdef', previous: JWT_SECRET };
    secretsRefresh.mockResolvedValue(rotated);
    const token = await signAccessToken({ userId: 'usr_owner', tenantId: TENANT.tenantId }, rotated, clock.now);

    // Act
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}` }));

    // Assess
    expect(outcome.allowed).toBe(true);
    expect(secretsGet).toHaveBeenCalledWith('jwt');
    expect(secretsRefresh).toHaveBeenCalledTimes(1);
    expect(deps.secrets.refresh).toBe(secretsRefresh);
  });

  it('does not reload the secret for a token signed with a known key that fails verification', async () => {
    // Prepare
    const { authorizer, token, secretsRefresh } = await withOwnerToken();
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');

    // Act
    const outcome = await authorizer.authorize(listMemories({ Authorization: `Bearer ${tampered}` }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('invalid_token'));
    expect(secretsRefresh).not.toHaveBeenCalled();
  });
});

describe('Authorizer with several pepper versions', () => {
  const V1 = 'a'.repeat(64);
  const V2 = 'b'.repeat(64);

  function withPeppers(secret: string, hashedWith: string) {
    const fake = createFakeDependencies({}, START);
    const key = generateApiKey('mem', 'live');
    const record = keyRecord(key, { keyHash: hashApiKey(key, hashedWith) });
    fake.getByHash.mockImplementation(async (hash) => (hash === record.keyHash ? record : undefined));
    fake.secretsGet.mockImplementation(async (name) => ({ current: name === 'pepper' ? secret : JWT_SECRET }));
    return { ...fake, key, authorizer: new Authorizer(fake.deps) };
  }

  it('reads once, under the one pepper, when there is one version', async () => {
    // Prepare
    const { authorizer, key, getByHash } = withPeppers(V1, V1);

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome.allowed).toBe(true);
    expect(getByHash).toHaveBeenCalledTimes(1);
  });

  it('finds a key hashed with an older version, reading under every version at once', async () => {
    // Prepare
    const { authorizer, key, getByHash } = withPeppers(JSON.stringify({ '1': V1, '2': V2 }), V1);

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome.allowed).toBe(true);
    expect(getByHash.mock.calls.map(([hash]) => hash)).toEqual([hashApiKey(key, V2), hashApiKey(key, V1)]);
  });

  it('reads the secret again for a key it cannot find, and finds one hashed with a version added since', async () => {
    // Prepare
    const { authorizer, key, secretsRefresh } = withPeppers(V1, V2);
    secretsRefresh.mockResolvedValueOnce({ current: JSON.stringify({ '1': V1, '2': V2 }) });

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    expect(outcome.allowed).toBe(true);
    expect(secretsRefresh).toHaveBeenCalledWith('pepper');
  });

  it('makes no second read for an unknown key when the secret has not changed', async () => {
    // Prepare
    const { authorizer, getByHash } = withPeppers(V1, V1);

    // Act
    const outcome = await authorizer.authorize(listMemories({ 'x-api-key': generateApiKey('mem', 'live') }));

    // Assess
    expect(outcome).toMatchObject(refusedFor('unknown_key'));
    expect(getByHash).toHaveBeenCalledTimes(1);
  });
});
