import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JWKS_REFETCH_COOLDOWN_MS, externalTenantId } from '../../lambda/auth/external-tokens';
import type { Tenant } from '../../lambda/domain/records';
import { TestIdentityProvider } from '../helpers/jwks-server';
import { bearer, expectError, startTestApi, type TestApi } from '../helpers/local-api';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'agent-memory';

describe('tokens of a trusted identity provider', () => {
  let api: TestApi;
  let idp: TestIdentityProvider;
  /** A valid token of the provider for an organisation, at the gateway's time. */
  const tokenFor = (org: string, claims: Record<string, unknown> = {}) =>
    idp.sign({ aud: AUDIENCE, org_id: org, ...claims }, api.clock.now());

  beforeAll(async () => {
    idp = await TestIdentityProvider.start(ISSUER);
    api = await startTestApi({ identityProviders: [{ issuer: ISSUER, jwksUri: idp.jwksUri, audience: AUDIENCE }] });
  });
  afterAll(async () => {
    await api.stop();
    await idp.stop();
  });

  it('reach the API as the owner of the organisation’s tenant, created on first use on the default tier', async () => {
    // Prepare
    const token = await tokenFor('org_acme');

    // Act
    const usage = await api.call('GET', '/v1/usage', { headers: bearer(token) });
    const created = await api.call('POST', '/v1/memories', { headers: bearer(token), body: { content: 'Acme prefers tea' } });
    const key = await api.call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'from the provider' } });

    // Assess
    expect(usage.status).toBe(200);
    expect(usage.json).toMatchObject({ tenant_id: externalTenantId(ISSUER, 'org_acme'), tier: 'free' });
    expect(created.status).toBe(201);
    expect(key.status).toBe(201);
    const tenant = await api.deps.tenants.getTenant(externalTenantId(ISSUER, 'org_acme'));
    expect(tenant).toMatchObject({ tier: 'free', identityProvider: { issuer: ISSUER, tenant: 'org_acme' } });
  });

  it('keep the provider’s keys cached: later requests, new organisations included, fetch no keys', async () => {
    // Prepare
    const before = idp.fetches;
    const tokens = await Promise.all(['org_one', 'org_two', 'org_one'].map((org) => tokenFor(org)));

    // Act
    for (const token of tokens) expect((await api.call('GET', '/v1/usage', { headers: bearer(token) })).status).toBe(200);

    // Assess
    expect(idp.fetches - before).toBe(0);
  });

  it.each([
    ['another issuer', { iss: 'https://elsewhere.example.test/' }],
    ['another audience', { aud: 'someone-else' }],
    ['an expired token', { exp: 'past' }],
    ['a token not yet valid', { nbf: 'future' }],
    ['a token without exp', { exp: undefined }],
    ['a token without the tenant claim', { org_id: undefined }],
    ['an empty tenant claim', { org_id: '' }],
  ])('refuse %s with 401', async (_case, change) => {
    // Prepare
    const nowSeconds = Math.floor(api.clock.now() / 1000);
    const claims = Object.fromEntries(
      Object.entries(change).map(([name, value]) => [
        name,
        value === 'past' ? nowSeconds - 1 : value === 'future' ? nowSeconds + 600 : value,
      ]),
    );
    const token = await tokenFor('org_acme', claims);

    // Act
    const response = await api.call('GET', '/v1/usage', { headers: bearer(token) });

    // Assess
    expectError(response, 401, 'AUTH_REQUIRED');
  });

  it('refuse an HS256 token whose secret is the provider’s public key', async () => {
    // Prepare
    const token = await idp.signWithPublicKeyAsSecret({ aud: AUDIENCE, org_id: 'org_acme' }, api.clock.now());

    // Act
    const response = await api.call('GET', '/v1/usage', { headers: bearer(token) });

    // Assess
    expectError(response, 401, 'AUTH_REQUIRED');
  });

  it('refuse a token that names no key', async () => {
    // Prepare
    const token = await idp.sign({ aud: AUDIENCE, org_id: 'org_acme' }, api.clock.now(), { kid: null });

    // Act & Assess
    expectError(await api.call('GET', '/v1/usage', { headers: bearer(token) }), 401, 'AUTH_REQUIRED');
  });

  it('pick up a key the provider rotated to without a restart, fetching again at most once per cooldown', async () => {
    // Prepare: the gateway holds the old key; the provider now signs with a new one.
    expect((await api.call('GET', '/v1/usage', { headers: bearer(await tokenFor('org_acme')) })).status).toBe(200);
    api.clock.advance(JWKS_REFETCH_COOLDOWN_MS);
    await idp.rotate('ES256');
    const fetchesBefore = idp.fetches;
    const madeUpKid = await idp.sign({ aud: AUDIENCE, org_id: 'org_acme' }, api.clock.now(), { kid: 'made-up' });

    // Act
    const unknownKid = await api.call('GET', '/v1/usage', { headers: bearer(madeUpKid) });
    const newKeyWithinCooldown = await api.call('GET', '/v1/usage', { headers: bearer(await tokenFor('org_acme')) });
    api.clock.advance(JWKS_REFETCH_COOLDOWN_MS);
    const newKeyAfterCooldown = await api.call('GET', '/v1/usage', { headers: bearer(await tokenFor('org_acme')) });

    // Assess: the made-up kid cost one fetch (which found the new key); the cooldown then held until it ended.
    expectError(unknownKid, 401, 'AUTH_REQUIRED');
    expect(newKeyWithinCooldown.status).toBe(200);
    expect(newKeyAfterCooldown.status).toBe(200);
    expect(idp.fetches - fetchesBefore).toBe(1);
  });

  it('refuse a key unknown to the provider within the cooldown without fetching again', async () => {
    // Prepare
    api.clock.advance(JWKS_REFETCH_COOLDOWN_MS);
    const first = await idp.sign({ aud: AUDIENCE, org_id: 'org_acme' }, api.clock.now(), { kid: 'made-up-1' });
    const second = await idp.sign({ aud: AUDIENCE, org_id: 'org_acme' }, api.clock.now(), { kid: 'made-up-2' });
    const fetchesBefore = idp.fetches;

    // Act
    const responses = [
      await api.call('GET', '/v1/usage', { headers: bearer(first) }),
      await api.call('GET', '/v1/usage', { headers: bearer(second) }),
    ];

    // Assess
    for (const response of responses) expectError(response, 401, 'AUTH_REQUIRED');
    expect(idp.fetches - fetchesBefore).toBe(1);
  });

  it('keep two organisations’ tenants apart: neither sees the other’s memories', async () => {
    // Prepare
    const red = await tokenFor('org_red');
    const blue = await tokenFor('org_blue');
    const redMemory = await api.call('POST', '/v1/memories', { headers: bearer(red), body: { content: 'red secret' } });

    // Act
    const blueList = await api.call('GET', '/v1/memories', { headers: bearer(blue) });
    const blueGet = await api.call('GET', `/v1/memories/${redMemory.json.id}`, { headers: bearer(blue) });
    const redList = await api.call('GET', '/v1/memories', { headers: bearer(red) });

    // Assess
    expect(blueList.json.data).toEqual([]);
    expectError(blueGet, 404, 'NOT_FOUND');
    expect(redList.json.data.map((memory: { id: string }) => memory.id)).toEqual([redMemory.json.id]);
  });

  it('narrow a token that carries the scope claim to the scopes it names, ours or their aliases', async () => {
    // Prepare
    const reader = await tokenFor('org_scoped', { scope: 'openid read' });
    const oidcOnly = await tokenFor('org_scoped', { scope: 'openid profile' });
    const listed = await tokenFor('org_scoped', { scope: ['memories:write', 'keys:manage'] });

    // Act
    const readerList = await api.call('GET', '/v1/memories', { headers: bearer(reader) });
    const readerWrite = await api.call('POST', '/v1/memories', { headers: bearer(reader), body: { content: 'no' } });
    const oidcUsage = await api.call('GET', '/v1/usage', { headers: bearer(oidcOnly) });
    const oidcList = await api.call('GET', '/v1/memories', { headers: bearer(oidcOnly) });
    const listedWrite = await api.call('POST', '/v1/memories', { headers: bearer(listed), body: { content: 'yes' } });
    const listedKey = await api.call('POST', '/v1/api-keys', { headers: bearer(listed), body: { name: 'k', scopes: ['read'] } });

    // Assess
    expect(readerList.status).toBe(200);
    expectError(readerWrite, 403, 'INSUFFICIENT_SCOPE');
    expect(oidcUsage.status).toBe(200);
    expectError(oidcList, 403, 'INSUFFICIENT_SCOPE');
    expect(listedWrite.status).toBe(201);
    expectError(listedKey, 403, 'INSUFFICIENT_SCOPE');
  });

  it('act in the test sandbox with X-Environment: test, as our own owner tokens do', async () => {
    // Prepare
    const token = await tokenFor('org_sandbox');
    const test = { ...bearer(token), 'x-environment': 'test' };

    // Act
    const created = await api.call('POST', '/v1/memories', { headers: test, body: { content: 'only in test' } });
    const live = await api.call('GET', `/v1/memories/${created.json.id}`, { headers: bearer(token) });
    const inTest = await api.call('GET', `/v1/memories/${created.json.id}`, { headers: test });

    // Assess
    expect(created.json.environment).toBe('test');
    expectError(live, 404, 'NOT_FOUND');
    expect(inTest.status).toBe(200);
  });

  it('create the tenant exactly once when its first requests arrive together', async () => {
    // Prepare
    const created: Tenant[] = [];
    const accounts = api.deps.tenants;
    const createTenant = accounts.createTenant.bind(accounts);
    accounts.createTenant = async (tenant) => {
      const won = await createTenant(tenant);
      if (won) created.push(tenant);
      return won;
    };
    const token = await tokenFor('org_stampede');

    // Act
    const responses = await Promise.all(Array.from({ length: 8 }, () => api.call('GET', '/v1/usage', { headers: bearer(token) })));
    accounts.createTenant = createTenant;

    // Assess
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(new Set(responses.map((response) => response.json.tenant_id))).toEqual(new Set([externalTenantId(ISSUER, 'org_stampede')]));
    expect(created.map((tenant) => tenant.tenantId)).toEqual([externalTenantId(ISSUER, 'org_stampede')]);
  });
});

describe('identity provider tokens and the key-management budget', () => {
  let api: TestApi;
  let idp: TestIdentityProvider;
  const PER_MINUTE = 3;
  const tokenFor = (subject: string, scope: string) =>
    idp.sign({ aud: AUDIENCE, org_id: 'org_budget', sub: subject, scope }, api.clock.now());

  beforeAll(async () => {
    idp = await TestIdentityProvider.start(ISSUER);
    api = await startTestApi({
      managementRequestsPerMinute: PER_MINUTE,
      identityProviders: [{ issuer: ISSUER, jwksUri: idp.jwksUri, audience: AUDIENCE }],
    });
  });
  afterAll(async () => {
    await api.stop();
    await idp.stop();
  });

  it('gives each subject its own budget: a token without our scopes cannot spend the admin’s', async () => {
    // Prepare: a token of the organisation with none of our scopes spends its whole budget.
    const admin = await tokenFor('admin_1', 'openid admin');
    const key = await api.call('POST', '/v1/api-keys', { headers: bearer(admin), body: { name: 'to revoke' } });
    api.clock.startOfNextMinute();
    const scanner = await tokenFor('scanner_9', 'openid');
    const spent = [];
    for (let i = 0; i <= PER_MINUTE; i++) spent.push(await api.call('GET', '/v1/usage', { headers: bearer(scanner) }));

    // Act
    const revoked = await api.call('DELETE', `/v1/api-keys/${key.json.id}`, { headers: bearer(admin) });

    // Assess
    expect(key.status).toBe(201);
    expectError(spent[PER_MINUTE] as (typeof spent)[number], 429, 'RATE_LIMIT_EXCEEDED');
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get('x-ratelimit-remaining')).toBe(String(PER_MINUTE - 1));
  });
});
