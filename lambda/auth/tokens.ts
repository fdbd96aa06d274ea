import { createHash } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { SecretVersions } from '../platform/secrets';
import { ACCESS_TOKEN_ISSUER } from '../shared/config';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const ISSUER = ACCESS_TOKEN_ISSUER;
const AUDIENCE = 'agent-memory-api';

export interface AccessTokenClaims {
  readonly userId: string;
  readonly tenantId: string;
}

const encoder = new TextEncoder();
/** The key id names the secret version: a verifier that does not know it has missed a rotation. */
const keyId = (secret: string) => createHash('sha256').update(secret).digest('base64url').slice(0, 12);

export async function signAccessToken(claims: AccessTokenClaims, secrets: SecretVersions, now: number): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ tenant_id: claims.tenantId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId(secrets.current) })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(encoder.encode(secrets.current));
}

/**
 * Accepts tokens signed with the current or the previous secret version; anything else is
 * undefined. A token must say when it was issued and when it ends, and may not live longer than
 * this issuer makes them: a signed token without `exp` would never expire.
 */
export async function verifyAccessToken(token: string, secrets: SecretVersions, now: number): Promise<AccessTokenClaims | undefined> {
  for (const secret of [secrets.current, secrets.previous]) {
    if (!secret) continue;
    try {
      const { payload } = await jwtVerify(token, encoder.encode(secret), {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(now),
        requiredClaims: ['exp', 'iat'],
        // jose also refuses an `iat` in the future.
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS,
      });
      if (typeof payload.sub !== 'string' || typeof payload.tenant_id !== 'string') return undefined;
      if ((payload.exp ?? Infinity) - (payload.iat ?? -Infinity) > ACCESS_TOKEN_TTL_SECONDS) return undefined;
      return { userId: payload.sub, tenantId: payload.tenant_id };
    } catch (error) {
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) return undefined;
    }
  }
  return undefined;
}

/** True when the token names a signing key that neither known secret version is (a rotation happened since they were read). */
export function signedWithUnknownKey(token: string, secrets: SecretVersions): boolean {
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return false;
  }
  return typeof kid === 'string' && ![secrets.current, secrets.previous].some((secret) => secret !== undefined && keyId(secret) === kid);
}
