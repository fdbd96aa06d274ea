import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ExternalTokenVerifier, JWKS_TIMEOUT_MS, externalTenantId, providerOf } from '../../lambda/auth/external-tokens';
import { REQUEST_BUDGET_MS } from '../../lambda/platform/budget';
import { parseAppConfig, type IdentityProvider } from '../../lambda/shared/config';
import { SCOPES } from '../../lambda/domain/scopes';
import { TestIdentityProvider } from '../helpers/jwks-server';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const NOW_SECONDS = NOW / 1000;

describe('ExternalTokenVerifier', () => {
  let idp: TestIdentityProvider;
  let provider: IdentityProvider;
  const verifier = () => new ExternalTokenVerifier(() => NOW);
  const sign = (claims: Record<string, unknown>) => idp.sign({ aud: 'memory-api', org_id: 'org_1', ...claims }, NOW);

  beforeAll(async () => {
    idp = await TestIdentityProvider.start('https://idp.example.test');
    [provider] = parseAppConfig(
      { identityProviders: [{ issuer: idp.issuer, jwksUri: idp.jwksUri, audience: ['memory-api', 'other'] }] },
      'test',
    ).identityProviders as [IdentityProvider];
  });
  afterAll(async () => idp.stop());

  it('names each refusal, so an operator can count it from the logs', async () => {
    // Prepare
    const subject = verifier();
    const cases = {
      external_token_expired: await sign({ exp: NOW_SECONDS - 1 }),
      external_token_not_yet_valid: await sign({ nbf: NOW_SECONDS + 60 }),
      external_token_invalid: await sign({ aud: 'someone-else' }),
      external_tenant_missing: await sign({ org_id: undefined }),
    };

    // Act
    const reasons = Object.fromEntries(
      await Promise.all(Object.entries(cases).map(async ([expected, token]) => [expected, await subject.verify(token, provider)])),
    );

    // Assess
    for (const [expected, result] of Object.entries(reasons)) expect(result).toEqual({ ok: false, reason: expected });
  });

  it('reads the tenant claim by name or dotted path, numbers included, and the scope claim as a string or a list', async () => {
    // Prepare
    const nested = { ...provider, tenantClaim: 'o.id', scopeClaim: 'permissions' };

    // Act
    const byPath = await verifier().verify(await sign({ o: { id: 'org_nested' }, permissions: ['write', 'keys:manage'] }), nested);
    const numeric = await verifier().verify(await sign({ org_id: 42, scope: 'openid delete' }), provider);
    const owner = await verifier().verify(await sign({}), provider);
    const badScope = await verifier().verify(await sign({ scope: 7 }), provider);

    // Assess
    expect(byPath).toEqual({
      ok: true,
      identity: { issuer: idp.issuer, subject: 'user_1', tenant: 'org_nested', scopes: ['memories:write', 'keys:manage'] },
    });
    expect(numeric).toMatchObject({ ok: true, identity: { tenant: '42', scopes: ['memories:delete'] } });
    expect(owner).toMatchObject({ ok: true, identity: { scopes: SCOPES } });
    expect(badScope).toEqual({ ok: false, reason: 'external_token_invalid' });
  });

  it('gives a cold start’s key fetch at most half the authorizer budget, leaving time to find or provision the tenant', () => {
    expect(JWKS_TIMEOUT_MS * 2).toBeLessThanOrEqual(REQUEST_BUDGET_MS.authorizer);
  });

  it('splits the scope claim on ASCII spaces only and refuses a claim with any other whitespace (RFC 6749 scope syntax)', async () => {
    // Act
    const spaced = await verifier().verify(await sign({ org_id: 'org_a', scope: 'openid  read' }), provider);
    const noBreak = await verifier().verify(await sign({ org_id: 'org_a', scope: 'openid\u00a0admin' }), provider);
    const tab = await verifier().verify(await sign({ org_id: 'org_a', scope: 'openid\tadmin' }), provider);
    const listed = await verifier().verify(await sign({ org_id: 'org_a', scope: ['read', 'keys:manage\u2003admin'] }), provider);

    // Assess
    expect(spaced).toMatchObject({ ok: true, identity: { scopes: ['memories:read'] } });
    for (const refused of [noBreak, tab, listed]) expect(refused).toEqual({ ok: false, reason: 'external_token_invalid' });
  });

  it('lets tokens that arrive together on a cold start share one key fetch, none refused', async () => {
    // Prepare
    const subject = verifier();
    const tokens = await Promise.all(['org_a', 'org_b', 'org_c'].map((org) => sign({ org_id: org })));
    const before = idp.fetches;

    // Act
    const results = await Promise.all(tokens.map((token) => subject.verify(token, provider)));

    // Assess
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    expect(idp.fetches - before).toBe(1);
  });

  it('throws, rather than refuses, when the provider’s key endpoint fails', async () => {
    // Prepare
    const broken = { ...provider, jwksUri: idp.jwksUri.replace('/.well-known/jwks.json', '/missing') };

    // Act & Assess
    await expect(verifier().verify(await sign({}), broken)).rejects.toThrow();
  });
});

describe('providerOf and externalTenantId', () => {
  const providers = parseAppConfig(
    { identityProviders: [{ issuer: 'https://a.example', jwksUri: 'https://a.example/jwks', audience: 'x' }] },
    'test',
  ).identityProviders;
  const unsigned = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  it('picks the provider by the token’s issuer, and none for our own tokens or garbage', () => {
    expect(providerOf(unsigned({ iss: 'https://a.example' }), providers)?.issuer).toBe('https://a.example');
    expect(providerOf(unsigned({ iss: 'agent-memory-api' }), providers)).toBeUndefined();
    expect(providerOf('not.a.jwt', providers)).toBeUndefined();
  });

  it('derives one tenant id per (issuer, tenant claim), in the shape of our tenant ids', () => {
    expect(externalTenantId('https://a.example', 'org_1')).toBe(externalTenantId('https://a.example', 'org_1'));
    expect(externalTenantId('https://a.example', 'org_1')).not.toBe(externalTenantId('https://b.example', 'org_1'));
    expect(externalTenantId('https://a.example', 'org_1')).toMatch(/^tnt_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
