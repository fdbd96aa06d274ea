import { SignJWT } from 'jose';
import { describe, expect, it } from '@jest/globals';
import { looksLikeJwt } from '../../lambda/auth/jwt-shape';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from '../../lambda/auth/tokens';

const CLAIMS = { userId: 'usr_01', tenantId: 'tnt_01' };
const SECRETS = { current: 'current-secret-0123456789abcdef' };
/** Tokens are signed and checked at this instant unless a test says otherwise. */
const NOW = Date.UTC(2026, 5, 1, 12);

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A token signed with the right secret and claims, but with the given lifetime claims (undefined: left out). */
async function signedWith(times: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ tenant_id: CLAIMS.tenantId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(CLAIMS.userId)
    .setIssuer('agent-memory-api')
    .setAudience('agent-memory-api');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  return jwt.sign(new TextEncoder().encode(SECRETS.current));
}

describe('the lifetime claims of access tokens', () => {
  const nowSeconds = NOW / 1000;

  it('accepts a token with iat and exp an hour apart, as this issuer makes them', async () => {
    expect(await verifyAccessToken(await signedWith({ iat: nowSeconds - 60, exp: nowSeconds + 3540 }), SECRETS, NOW)).toEqual(CLAIMS);
  });

  it.each([
    ['without exp', { iat: nowSeconds }],
    ['without iat', { exp: nowSeconds + 600 }],
    ['without either', {}],
    ['living longer than an hour', { iat: nowSeconds, exp: nowSeconds + 3601 }],
    ['living a year', { iat: nowSeconds - 60, exp: nowSeconds + 365 * 86_400 }],
    ['issued in the future', { iat: nowSeconds + 600, exp: nowSeconds + 1200 }],
    ['issued more than an hour ago, whatever its exp says', { iat: nowSeconds - 3700, exp: nowSeconds + 100 }],
  ])('refuses a correctly signed token %s', async (_label, times) => {
    expect(await verifyAccessToken(await signedWith(times), SECRETS, NOW)).toBeUndefined();
  });
});

describe('access tokens', () => {
  it('verifies a token it signed and returns its user and tenant', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, SECRETS, NOW);

    // Act
    const claims = await verifyAccessToken(token, SECRETS, NOW);

    // Assess
    expect(claims).toEqual(CLAIMS);
  });

  it('signs with HS256 and expires an hour after issue', async () => {
    // Prepare
    const now = Date.UTC(2026, 0, 1, 12);

    // Act
    const token = await signAccessToken(CLAIMS, SECRETS, now);

    // Assess
    expect(decodePart(token, 0)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const payload = decodePart(token, 1);
    expect(payload).toMatchObject({ sub: 'usr_01', tenant_id: 'tnt_01', iat: now / 1000 });
    expect(payload.exp).toBe(now / 1000 + ACCESS_TOKEN_TTL_SECONDS);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(3600);
  });

  it('verifies a token signed with the previous secret after a rotation', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, { current: 'old-secret-0123456789abcdef' }, NOW);

    // Act
    const claims = await verifyAccessToken(token, { current: 'new-secret-0123456789abcdef', previous: 'old-secret-0123456789abcdef' }, NOW);

    // Assess
    expect(claims).toEqual(CLAIMS);
  });

  it('refuses a token signed with the old secret once no previous version is kept', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, { current: 'old-secret-0123456789abcdef' }, NOW);

    // Act
    const claims = await verifyAccessToken(token, { current: 'new-secret-0123456789abcdef' }, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses a token signed with an unknown secret', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, { current: 'someone-else-0123456789abcdef' }, NOW);

    // Act
    const claims = await verifyAccessToken(token, { current: 'new-secret-0123456789abcdef', previous: 'old-secret-0123456789abcdef' }, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses an expired token', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, SECRETS, NOW - 2 * 3600 * 1000);

    // Act
    const claims = await verifyAccessToken(token, SECRETS, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses an expired token even when it was signed with the previous secret', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, { current: 'old-secret-0123456789abcdef' }, NOW - 2 * 3600 * 1000);

    // Act
    const claims = await verifyAccessToken(token, { current: 'new-secret-0123456789abcdef', previous: 'old-secret-0123456789abcdef' }, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses a token whose payload was changed after signing', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, SECRETS, NOW);
    const [header, , signature] = token.split('.');
    const payload = { ...decodePart(token, 1), tenant_id: 'tnt_someone_else' };
    const tampered = `${header}.${base64url(payload)}.${signature}`;

    // Act
    const claims = await verifyAccessToken(tampered, SECRETS, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses an unsigned token (alg none)', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, SECRETS, NOW);
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${token.split('.')[1]}.`;

    // Act
    const claims = await verifyAccessToken(unsigned, SECRETS, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses a token signed with the right secret but another algorithm', async () => {
    // Prepare
    const now = Math.floor(NOW / 1000);
    const token = await new SignJWT({ tenant_id: 'tnt_01' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('usr_01')
      .setIssuer('agent-memory-api')
      .setAudience('agent-memory-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(SECRETS.current));

    // Act
    const claims = await verifyAccessToken(token, SECRETS, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses a correctly signed token for another audience', async () => {
    // Prepare
    const now = Math.floor(NOW / 1000);
    const token = await new SignJWT({ tenant_id: 'tnt_01' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('usr_01')
      .setIssuer('agent-memory-api')
      .setAudience('another-service')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(SECRETS.current));

    // Act
    const claims = await verifyAccessToken(token, SECRETS, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });

  it.each(['', 'garbage', 'a.b.c', 'mem_live_abc'])('refuses %j', async (token) => {
    // Act
    const claims = await verifyAccessToken(token, SECRETS, NOW);

    // Assess
    expect(claims).toBeUndefined();
  });
});

describe('looksLikeJwt', () => {
  it('recognises a signed token', async () => {
    // Prepare
    const token = await signAccessToken(CLAIMS, SECRETS, NOW);

    // Act
    const looks = looksLikeJwt(token);

    // Assess
    expect(looks).toBe(true);
  });

  it.each(['mem_live_0123456789abcdefghijABCDEFGHIJ012345', 'a.b', 'a.b.', 'a..c', 'a.b.c.d', 'a b.c.d', ''])(
    'does not take %j for a token',
    (candidate) => {
      // Act
      const looks = looksLikeJwt(candidate);

      // Assess
      expect(looks).toBe(false);
    },
  );
});

describe('verifyAccessToken with an injected clock', () => {
  it('refuses a token at the moment the given clock passes its expiry', async () => {
    // Prepare
    const issuedAt = Date.UTC(2026, 10, 24, 12, 0, 0);
    const token = await signAccessToken({ userId: 'usr_1', tenantId: 'tnt_1' }, { current: 'clock-secret-0123456789abcdef' }, issuedAt);

    // Act
    const justBefore = await verifyAccessToken(
      token,
      { current: 'clock-secret-0123456789abcdef' },
      issuedAt + (ACCESS_TOKEN_TTL_SECONDS - 1) * 1000,
    );
    const after = await verifyAccessToken(
      token,
      { current: 'clock-secret-0123456789abcdef' },
      issuedAt + (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000,
    );

    // Assess
    expect(justBefore).toEqual({ userId: 'usr_1', tenantId: 'tnt_1' });
    expect(after).toBeUndefined();
  });
});
