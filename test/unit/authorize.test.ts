import { describe, expect, it } from '@jest/globals';
import { signAccessToken } from '../../lambda/auth/tokens';
import { Authorizer } from '../../lambda/authorizer/authorize';
import type { ApiKeyRecord, Tenant } from '../../lambda/domain/records';
import { generateApiKey, keyStart, type Environment } from '../../lambda/keys/key-format';
import { hashApiKey } from '../../lambda/keys/key-hash';
import { SCOPES, type Scope } from '../../lambda/shared/scopes';
import { JWT_SECRET, PEPPER, authorizerEvent, createFakeRuntime } from './fake-runtime';

const TTL_MS = 10_000;

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

/** A runtime whose key table holds one key with the given record fields. */
function withKey(environment: Environment = 'live', overrides: Partial<ApiKeyRecord> = {}) {
  const fake = createFakeRuntime();
  const key = generateApiKey('mem', environment);
  const record = keyRecord(key, overrides);
  fake.getByHash.mockImplementation(async (hash) => (hash === record.keyHash ? record : undefined));
  return { ...fake, key, record, authorizer: new Authorizer(fake.runtime) };
}

const listMemories = (headers: Record<string, string>) => authorizerEvent('GET', '/v1/memories', headers);

describe('Authorizer with API keys', () => {
  it.each([
    ['a malformed key', 'mem_live_tooShort'],
    ['a key with a bad checksum', 'mem_live_0123456789abcdefghijABCDEFGHIJ000000'],
    ['a key of another prefix', 'abc_live_0123456789abcdefghijABCDEFGHIJ000000'],
    ['a string that is neither key nor token', 'hello'],
  ])('refuses %s as Unauthorized without any store call', async (_label, credential) => {
    // Prepare
    const { authorizer, storeCalls, getByHash } = withKey();

    // Act
    const outcome = authorizer.authorize(listMemories({ Authorization: `Bearer ${credential}` }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
    expect(getByHash).not.toHaveBeenCalled();
    expect(storeCalls).toEqual([]);
  });

  it('refuses a key whose checksum is wrong at its last character without a read', async () => {
    // Prepare
    const { authorizer, key, storeCalls } = withKey();
    const last = key.at(-1) === 'A' ? 'B' : 'A';

    // Act
    const outcome = authorizer.authorize(listMemories({ 'x-api-key': key.slice(0, -1) + last }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
    expect(storeCalls).toEqual([]);
  });

  it.each([
    ['missing', {}],
    ['conflicting', { authorization: 'Bearer mem_live_a', 'x-api-key': 'mem_live_b' }],
    ['malformed', { authorization: 'Basic x' }],
  ])('refuses a %s credential without any store call', async (_label, headers) => {
    // Prepare
    const { authorizer, storeCalls } = withKey();

    // Act
    const outcome = authorizer.authorize(listMemories(headers));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
    expect(storeCalls).toEqual([]);
  });

  it('allows a valid key after one read by its keyed hash', async () => {
    // Prepare
    const { authorizer, key, record, getByHash } = withKey();
    const event = listMemories({ 'X-API-Key': key });

    // Act
    const policy = await authorizer.authorize(event);

    // Assess
    expect(getByHash).toHaveBeenCalledTimes(1);
    expect(getByHash).toHaveBeenCalledWith(hashApiKey(key, PEPPER));
    expect(policy.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }]);
    expect(policy.principalId).toBe(record.keyId);
    expect(policy.context).toEqual({
      tenantId: 'tnt_01',
      principalId: 'key_01',
      keyId: 'key_01',
      scopes: 'memories:read memories:write',
      environment: 'live',
      tier: 'pro',
    });
  });

  it("returns the key record's gateway key value as usageIdentifierKey", async () => {
    // Prepare
    const { authorizer, key } = withKey('live', { gatewayKeyValue: 'pooled-gateway-value-7' });

    // Act
    const policy = await authorizer.authorize(listMemories({ authorization: `Bearer ${key}` }));

    // Assess
    expect(policy.usageIdentifierKey).toBe('pooled-gateway-value-7');
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

  it('refuses an unknown key, and remembers the miss for the cache time', async () => {
    // Prepare
    const { authorizer, getByHash } = withKey();
    const unknown = generateApiKey('mem', 'live');

    // Act
    const first = authorizer.authorize(listMemories({ 'x-api-key': unknown }));
    await expect(first).rejects.toThrow('Unauthorized');
    const second = authorizer.authorize(listMemories({ 'x-api-key': unknown }));

    // Assess
    await expect(second).rejects.toThrow('Unauthorized');
    expect(getByHash).toHaveBeenCalledTimes(1);
  });

  it('refuses a revoked key', async () => {
    // Prepare
    const { authorizer, key } = withKey('live', { revokedAt: '2026-05-01T00:00:00.000Z' });

    // Act
    const outcome = authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
  });

  it('refuses an expired key', async () => {
    // Prepare
    const { authorizer, key, clock } = withKey('live', { expiresAt: new Date(Date.UTC(2026, 5, 1, 12) - 1).toISOString() });
    expect(clock.now).toBe(Date.UTC(2026, 5, 1, 12));

    // Act
    const outcome = authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
  });

  it('refuses a cached key the moment it expires, without waiting for the cache', async () => {
    // Prepare
    const { authorizer, key, clock, getByHash } = withKey('live', { expiresAt: new Date(Date.UTC(2026, 5, 1, 12) + 5_000).toISOString() });
    await authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Act
    clock.now += 5_000;
    const outcome = authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
    expect(getByHash).toHaveBeenCalledTimes(1);
  });

  it('stops honouring a revoked key once its cache entry expires', async () => {
    // Prepare
    const { authorizer, key, record, clock, getByHash } = withKey();
    await authorizer.authorize(listMemories({ 'x-api-key': key }));
    getByHash.mockResolvedValue({ ...record, revokedAt: '2026-06-01T12:00:01.000Z' });

    // Act
    clock.now += TTL_MS;
    const outcome = authorizer.authorize(listMemories({ 'x-api-key': key }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
  });

  it.each([
    ['POST', '/v1/memories', 'memories:write', ['memories:read']],
    ['DELETE', '/v1/memories/{id}', 'memories:delete', ['memories:read', 'memories:write']],
    ['POST', '/v1/api-keys', 'keys:manage', ['memories:read', 'memories:write', 'memories:delete']],
  ] as const)('denies %s %s to a key without %s, naming the scope', async (method, resource, needed, held) => {
    // Prepare
    const { authorizer, key } = withKey('live', { scopes: [...held] });
    const event = authorizerEvent(method, resource, { 'x-api-key': key });

    // Act
    const policy = await authorizer.authorize(event);

    // Assess
    expect(policy.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: event.methodArn }]);
    expect(policy.context).toEqual({ errorCode: 'INSUFFICIENT_SCOPE', errorMessage: `This route needs scope ${needed}` });
    expect(policy.usageIdentifierKey).toBeUndefined();
  });

  it('allows GET /v1/usage to a key with any scope', async () => {
    // Prepare
    const { authorizer, key } = withKey('live', { scopes: ['memories:delete'] satisfies Scope[] });

    // Act
    const policy = await authorizer.authorize(authorizerEvent('GET', '/v1/usage', { 'x-api-key': key }));

    // Assess
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('allows any valid credential on a route outside the table (another API reusing the authorizer)', async () => {
    // Prepare
    const { authorizer, key } = withKey();

    // Act
    const policy = await authorizer.authorize(authorizerEvent('GET', '/reports', { 'x-api-key': key }));

    // Assess
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('still refuses an invalid credential on a route outside the table', async () => {
    // Prepare
    const { authorizer, key } = withKey();

    // Act
    const outcome = authorizer.authorize(
      authorizerEvent('GET', '/reports', { 'x-api-key': key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a') }),
    );

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
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
    const policy = await authorizer.authorize(listMemories({ 'x-api-key': key, 'X-Environment': requested }));

    // Assess
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(policy.context).toMatchObject({ environment: expected });
  });

  it.each([
    ['live', 'test'],
    ['test', 'live'],
  ] as const)('forbids a %s key to act in %s', async (environment, requested) => {
    // Prepare
    const { authorizer, key } = withKey(environment);

    // Act
    const policy = await authorizer.authorize(listMemories({ 'x-api-key': key, 'x-environment': requested }));

    // Assess
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(policy.context).toEqual({
      errorCode: 'ENVIRONMENT_FORBIDDEN',
      errorMessage: `This ${environment} key cannot act in ${requested}`,
    });
  });

  it('forbids an environment that is neither live nor test', async () => {
    // Prepare
    const { authorizer, key } = withKey('live');

    // Act
    const policy = await authorizer.authorize(listMemories({ 'x-api-key': key, 'x-environment': 'prod' }));

    // Assess
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(policy.context).toMatchObject({ errorCode: 'ENVIRONMENT_FORBIDDEN' });
  });
});

describe('Authorizer with owner access tokens', () => {
  /** Starts the runtime's clock at real time, so tokens signed here are fresh. */
  async function withOwnerToken() {
    const fake = createFakeRuntime({}, Date.now());
    fake.getTenant.mockImplementation(async (tenantId) => (tenantId === TENANT.tenantId ? TENANT : undefined));
    const token = await signAccessToken({ userId: 'usr_owner', tenantId: TENANT.tenantId }, { current: JWT_SECRET }, fake.clock.now);
    return { ...fake, token, authorizer: new Authorizer(fake.runtime) };
  }

  it('allows every scope in live after one tenant read', async () => {
    // Prepare
    const { authorizer, token, getTenant, getByHash } = await withOwnerToken();
    const event = authorizerEvent('POST', '/v1/api-keys', { Authorization: `Bearer ${token}` });

    // Act
    const policy = await authorizer.authorize(event);

    // Assess
    expect(policy.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }]);
    expect(policy.principalId).toBe('usr_owner');
    expect(policy.context).toEqual({
      tenantId: 'tnt_owner',
      principalId: 'usr_owner',
      keyId: '',
      scopes: SCOPES.join(' '),
      environment: 'live',
      tier: 'starter',
    });
    expect(policy.usageIdentifierKey).toBe('gw-owner-value');
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
    const policy = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}`, 'X-Environment': 'test' }));

    // Assess
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(policy.context).toMatchObject({ environment: 'test' });
  });

  it('forbids an owner token an environment that is neither live nor test', async () => {
    // Prepare
    const { authorizer, token } = await withOwnerToken();

    // Act
    const policy = await authorizer.authorize(listMemories({ Authorization: `Bearer ${token}`, 'X-Environment': 'staging' }));

    // Assess
    expect(policy.context).toMatchObject({ errorCode: 'ENVIRONMENT_FORBIDDEN' });
  });

  it('refuses a token for a tenant that does not exist', async () => {
    // Prepare
    const { authorizer, clock } = await withOwnerToken();
    const token = await signAccessToken({ userId: 'usr_x', tenantId: 'tnt_gone' }, { current: JWT_SECRET }, clock.now);

    // Act
    const outcome = authorizer.authorize(listMemories({ Authorization: `Bearer ${token}` }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
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
    const outcome = authorizer.authorize(listMemories({ Authorization: `Bearer ${forged}` }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
    expect(getTenant).not.toHaveBeenCalled();
  });

  it('reloads the signing secret once when a token names a key it does not know, then accepts it', async () => {
    // Prepare
    const { authorizer, runtime, secretsGet, secretsRefresh, clock } = await withOwnerToken();
    const rotated = { current: 'rotated-secret-0123456789abcdef', previous: JWT_SECRET };
    secretsRefresh.mockResolvedValue(rotated);
    const token = await signAccessToken({ userId: 'usr_owner', tenantId: TENANT.tenantId }, rotated, clock.now);

    // Act
    const policy = await authorizer.authorize(authorizerEvent('GET', '/v1/memories', { Authorization: `Bearer ${token}` }));

    // Assess
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(secretsGet).toHaveBeenCalledWith('jwt');
    expect(secretsRefresh).toHaveBeenCalledTimes(1);
    expect(runtime.secrets.refresh).toBe(secretsRefresh);
  });

  it('does not reload the secret for a token signed with a known key that fails verification', async () => {
    // Prepare
    const { authorizer, token, secretsRefresh } = await withOwnerToken();
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');

    // Act
    const outcome = authorizer.authorize(authorizerEvent('GET', '/v1/memories', { Authorization: `Bearer ${tampered}` }));

    // Assess
    await expect(outcome).rejects.toThrow('Unauthorized');
    expect(secretsRefresh).not.toHaveBeenCalled();
  });
});
