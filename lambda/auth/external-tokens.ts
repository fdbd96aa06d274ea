import { createHash } from 'node:crypto';
import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { IdentityProvider } from '../shared/config';
import { SCOPES, SCOPE_ALIASES, isScope, type Scope } from '../domain/scopes';

/** Asymmetric signatures only: a provider publishes public keys, and an HMAC "signed" with one proves nothing. */
export const EXTERNAL_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** A token naming a key we do not hold may make us fetch the provider's keys again, at most this often. */
export const JWKS_REFETCH_COOLDOWN_MS = 30_000;
/** Keys are fetched again after this long even when every token names a known one. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/**
 * Half the authorizer's 3 s budget: a cold start's key fetch must leave time to find or provision
 * the tenant, or the first token after a deploy would time out the authorizer (503) every time.
 */
export const JWKS_TIMEOUT_MS = 1_500;
const MAX_TENANT_CLAIM_LENGTH = 256;

/** Who an identity provider's token speaks for. */
export interface ExternalIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** The value of the provider's tenant claim: with the issuer, it names one tenant of ours. */
  readonly tenant: string;
  /** Every scope unless the token carries the provider's scope claim. */
  readonly scopes: readonly Scope[];
}

export type ExternalRefusal =
  'external_token_invalid' | 'external_token_expired' | 'external_token_not_yet_valid' | 'external_key_unknown' | 'external_tenant_missing';
export type ExternalVerification = { ok: true; identity: ExternalIdentity } | { ok: false; reason: ExternalRefusal };

/** The configured provider whose issuer the token names (unverified: it only picks the keys to verify with). */
export function providerOf(token: string, providers: readonly IdentityProvider[]): IdentityProvider | undefined {
  if (providers.length === 0) return undefined;
  let issuer: unknown;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    return undefined;
  }
  return providers.find((provider) => provider.issuer === issuer);
}

/**
 * The tenant of (issuer, tenant claim), derived rather than looked up: the same pair always names
 * the same id, so a cache miss costs one read of the tenant item, and creating it on first use is
 * one conditional write. It has the shape of our other tenant ids.
 */
export function externalTenantId(issuer: string, tenant: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([issuer, tenant]))
    .digest();
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return `tnt_${[...digest.subarray(0, 26)].map((byte) => alphabet[byte % 32]).join('')}`;
}

/**
 * Verifies tokens of the configured identity providers with each provider's remote JWK set
 * (jose: keys cached, fetched again when a token names an unknown key). The refetch cooldown runs
 * on the injected clock, so a provider's new key is picked up without a restart and a flood of
 * tokens naming made-up keys costs at most one fetch per provider per cooldown.
 */
export class ExternalTokenVerifier {
  private readonly keySets = new Map<string, { keys: ReturnType<typeof createRemoteJWKSet>; fetchedAt?: number }>();

  constructor(private readonly now: () => number) {}

  async verify(token: string, provider: IdentityProvider): Promise<ExternalVerification> {
    const keySet = this.keySetOf(provider);
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return { ok: false, reason: 'external_token_invalid' };
    }
    // Every provider we support names its key; without a kid, no key could be looked up without a fetch.
    if (typeof kid !== 'string') return { ok: false, reason: 'external_token_invalid' };
    const held = keySet.keys.jwks();
    const coolingDown = keySet.fetchedAt !== undefined && this.now() - keySet.fetchedAt < JWKS_REFETCH_COOLDOWN_MS;
    // While a fetch is in flight (a cold start, a rotation) jose lets every caller wait for it.
    if (held && !keySet.keys.reloading && coolingDown && !held.keys.some((key) => key.kid === kid)) {
      return { ok: false, reason: 'external_key_unknown' };
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet.keys, {
        issuer: provider.issuer,
        audience: provider.audience,
        algorithms: EXTERNAL_TOKEN_ALGORITHMS,
        requiredClaims: ['exp', 'iat'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      const reason = refusalOf(error);
      if (reason === undefined) throw error;
      return { ok: false, reason };
    }
    const tenant = claimAt(payload, provider.tenantClaim);
    const value = typeof tenant === 'number' && Number.isSafeInteger(tenant) ? String(tenant) : tenant;
    if (typeof value !== 'string' || value === '' || value.length > MAX_TENANT_CLAIM_LENGTH) {
      return { ok: false, reason: 'external_tenant_missing' };
    }
    const scopes = scopesOf(claimAt(payload, provider.scopeClaim));
    if (!scopes) return { ok: false, reason: 'external_token_invalid' };
    return { ok: true, identity: { issuer: provider.issuer, subject: String(payload.sub ?? ''), tenant: value, scopes } };
  }

  private keySetOf(provider: IdentityProvider) {
    let keySet = this.keySets.get(provider.issuer);
    if (!keySet) {
      const created: { keys: ReturnType<typeof createRemoteJWKSet>; fetchedAt?: number } = {
        keys: createRemoteJWKSet(new URL(provider.jwksUri), {
          // Our own cooldown (above) decides when an unknown kid may cause a fetch.
          cooldownDuration: 0,
          cacheMaxAge: JWKS_MAX_AGE_MS,
          timeoutDuration: JWKS_TIMEOUT_MS,
          [customFetch]: (url: string, options: RequestInit) => {
            created.fetchedAt = this.now();
            return fetch(url, options);
          },
        }),
      };
      keySet = created;
      this.keySets.set(provider.issuer, keySet);
    }
    return keySet;
  }
}

/** Why jose refused a token; undefined when it did not refuse it but failed (the provider's key endpoint is down or broken). */
function refusalOf(error: unknown): ExternalRefusal | undefined {
  if (error instanceof errors.JWTExpired) return 'external_token_expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return 'external_token_not_yet_valid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'external_key_unknown';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) return undefined;
  // jose's generic error is what a failed key fetch (a non-200 answer, bad JSON) raises.
  return error.code === 'ERR_JOSE_GENERIC' ? undefined : 'external_token_invalid';
}

/** A claim by its name, or, when no claim has that name, by a dotted path into nested objects (`o.id`). */
function claimAt(payload: JWTPayload, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/**
 * Without the scope claim a token acts as the owner. With it, only our scope names and aliases it
 * lists count (a provider's own scopes, like `openid`, are ignored); a claim that is neither a
 * space-separated string nor a list of strings makes the token invalid.
 */
function scopesOf(claim: unknown): readonly Scope[] | undefined {
  if (claim === undefined) return SCOPES;
  // RFC 6749 (3.3): tokens apart by ASCII spaces only, each of printable ASCII but `"` and `\`. A
  // claim with anything else (a no-break space, a tab) is refused, never split another way.
  const names = typeof claim === 'string' ? claim.split(' ').filter(Boolean) : Array.isArray(claim) ? claim : undefined;
  if (!names?.every((name): name is string => typeof name === 'string' && SCOPE_TOKEN.test(name))) return undefined;
  const granted = new Set<Scope>();
  for (const name of names) {
    if (isScope(name)) granted.add(name);
    else if (Object.hasOwn(SCOPE_ALIASES, name)) for (const scope of SCOPE_ALIASES[name] ?? []) granted.add(scope);
  }
  return SCOPES.filter((scope) => granted.has(scope));
}
