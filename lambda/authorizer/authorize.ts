import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { looksLikeJwt } from '../auth/jwt-shape';
import { keyStatus, type ApiKeyRecord, type Tenant } from '../domain/records';
import { parseApiKey } from '../keys/key-format';
import { hashApiKey } from '../keys/key-hash';
import type { TenantProvisioner } from '../services/external-tenants';
import { parsePeppers, type Pepper } from '../keys/pepper';
import type { Services } from '../services/services';
import { findTier, tierUnavailableMessage } from '../shared/deployed-config';
import type { Environment } from '../shared/environments';
import { routeFor, type RouteAccess } from '../shared/routes';
import { SCOPES } from '../shared/scopes';
import { extractCredential, headerValue } from './credentials';
import type { ExternalIdentities } from './external-identity';
import type { AuthorizationOutcome, Identity, RefusalReason } from './outcome';
import { TenantEdgeGuard } from './tenant-edge-guard';
import { loadTokenSupport, type TokenSupport } from './token-support-loader';
import { TtlCache } from './ttl-cache';

const CACHE_ENTRIES = 10_000;
/**
 * "No such key" is remembered this long, in a cache of its own: CRC32 is public, so anyone can make
 * keys that pass the checksum, and a stream of them must never push real keys out of the cache.
 * It only spares the reads of one forged key sent again and again.
 */
const UNKNOWN_KEY_TTL_MS = 1_000;

/** A verified credential before the request's environment is settled. */
interface Credential extends Omit<Identity, 'environment'> {
  readonly ownEnvironment: Environment;
  /** An owner token may pick its sandbox with X-Environment; a key is bound to its own. */
  readonly mayChooseEnvironment: boolean;
}

type Refused = Extract<AuthorizationOutcome, { allowed: false }>;
const refused = (
  reason: RefusalReason,
  message = 'A valid API key or access token is required',
  identity?: Refused['identity'],
): Refused => ({
  allowed: false,
  reason,
  message,
  ...(identity ? { identity } : {}),
});

/**
 * Decides whether a request may call its route, and says why not. It never throws for a refusal:
 * only a failing store or secret throws. Warm cache hit: no DynamoDB call; miss: one read; a
 * malformed key or one with a bad checksum: none. Expiry is checked on every request against the
 * cached record; a revocation is seen here once the record's cache entry expires (the configured
 * TTL), and by the handler's charge at once. Only what exists is cached for the TTL: a key or
 * tenant that is not found is read again (a key after a second), so one created a moment ago works.
 */
export class Authorizer {
  private readonly keys: TtlCache<ApiKeyRecord>;
  private readonly unknownKeys: TtlCache<true>;
  private readonly tenants: TtlCache<Tenant>;
  private external: ExternalIdentities | undefined;
  private readonly edgeGuard: TenantEdgeGuard;

  constructor(
    private readonly services: Services,
    private readonly provisioner?: TenantProvisioner,
  ) {
    const ttlMs = services.config.authorizerCacheTtlSeconds * 1000;
    this.keys = new TtlCache(ttlMs, CACHE_ENTRIES);
    this.unknownKeys = new TtlCache(Math.min(ttlMs, UNKNOWN_KEY_TTL_MS), CACHE_ENTRIES);
    this.tenants = new TtlCache(ttlMs, CACHE_ENTRIES);
    this.edgeGuard = new TenantEdgeGuard(services);
  }

  async authorize(event: APIGatewayRequestAuthorizerEvent): Promise<AuthorizationOutcome> {
    // Routes of another API that reuses this authorizer are not in our table: any valid credential may call them.
    const access: RouteAccess = routeFor(event.httpMethod, event.resource)?.access ?? 'authenticated';
    const extracted = extractCredential(event.headers);
    if (!extracted.ok) return refused(CREDENTIAL_REFUSALS[extracted.reason]);
    const credential = await this.identify(extracted.credential, extracted.bearer);
    if ('reason' in credential) return credential;
    return this.edgeGuard.admit(decide(credential, access, headerValue(event.headers, 'x-environment'), this.services), event);
  }

  private async identify(credential: string, bearer: boolean): Promise<Credential | Refused> {
    const now = this.services.now();
    if (credential.startsWith(`${this.services.config.keyPrefix}_`)) return this.identifyKey(credential, now);
    if (!bearer || !looksLikeJwt(credential)) return refused('malformed_credential');
    const support = await loadTokenSupport();
    const ttlMs = this.services.config.authorizerCacheTtlSeconds * 1000;
    const external = (this.external ??= new support.ExternalIdentities(this.services, this.provisioner, { ttlMs, entries: CACHE_ENTRIES }));
    return external.handles(credential) ? this.identifyExternal(external, credential, now) : this.identifyToken(support, credential, now);
  }

  private async identifyKey(key: string, now: number): Promise<Credential | Refused> {
    const parsed = parseApiKey(key, this.services.config.keyPrefix);
    if (!parsed.ok) return refused(parsed.problem === 'bad_checksum' ? 'bad_checksum' : 'malformed_credential');
    const peppers = parsePeppers((await this.services.secrets.get('pepper')).current).all;
    // Cached by the hash under the newest pepper, which changes when a pepper version is added.
    const record = await this.keyRecord(key, hashApiKey(key, (peppers[0] as Pepper).value), peppers, now);
    if (!record) return refused('unknown_key');
    const status = keyStatus(record, now);
    if (status === 'revoked') return refused('revoked_key');
    // Named, so the entry point can put the attempt in the tenant's audit trail.
    if (status === 'expired')
      return refused('expired_key', undefined, { tenantId: record.tenantId, principalId: record.keyId, keyId: record.keyId });
    return {
      tenantId: record.tenantId,
      principalId: record.keyId,
      keyId: record.keyId,
      scopes: record.scopes,
      ownEnvironment: record.environment,
      mayChooseEnvironment: false,
      tier: record.tier,
      expiresAt: record.expiresAt,
      gatewayKeyValue: record.gatewayKeyValue,
    };
  }

  /** Known keys and unknown ones live in caches of their own, so a stream of forged keys never pushes a real key out. */
  private async keyRecord(key: string, cacheKey: string, peppers: readonly Pepper[], now: number): Promise<ApiKeyRecord | undefined> {
    const cached = this.keys.get(cacheKey, now);
    if (cached || this.unknownKeys.get(cacheKey, now)) return cached;
    const record = (await this.findKey(key, peppers)) ?? (await this.findKeyUnderNewPeppers(key, peppers));
    if (record) this.keys.set(cacheKey, record, now);
    else this.unknownKeys.set(cacheKey, true, now);
    return record;
  }

  /** One read per pepper version, in parallel (one version, one read, outside a pepper change). */
  private async findKey(key: string, peppers: readonly Pepper[]): Promise<ApiKeyRecord | undefined> {
    const found = await Promise.all(peppers.map((pepper) => this.services.apiKeys.getByHash(hashApiKey(key, pepper.value))));
    return found.find((record) => record !== undefined);
  }

  /**
   * A key hashed with a pepper version added since this instance read the secret: read it again
   * (at most every 30 s) and look the key up under the versions it did not know.
   */
  private async findKeyUnderNewPeppers(key: string, known: readonly Pepper[]): Promise<ApiKeyRecord | undefined> {
    const fresh = parsePeppers((await this.services.secrets.refresh('pepper')).current).all;
    const added = fresh.filter((pepper) => !known.some((old) => old.version === pepper.version && old.value === pepper.value));
    return added.length > 0 ? this.findKey(key, added) : undefined;
  }

  private async identifyToken(support: TokenSupport, token: string, now: number): Promise<Credential | Refused> {
    const secrets = await this.services.secrets.get('jwt');
    let claims = await support.verifyAccessToken(token, secrets, now);
    if (!claims && support.signedWithUnknownKey(token, secrets))
      claims = await support.verifyAccessToken(token, await this.services.secrets.refresh('jwt'), now);
    if (!claims) return refused('invalid_token');
    let tenant = this.tenants.get(claims.tenantId, now);
    if (tenant === undefined) {
      tenant = await this.services.tenants.getTenant(claims.tenantId);
      if (tenant) this.tenants.set(claims.tenantId, tenant, now);
    }
    if (!tenant) return refused('tenant_gone');
    return {
      tenantId: tenant.tenantId,
      principalId: claims.userId,
      keyId: '',
      scopes: SCOPES,
      ownEnvironment: 'live',
      mayChooseEnvironment: true,
      tier: tenant.tier,
      expiresAt: null,
      gatewayKeyValue: tenant.gatewayKeyValue,
    };
  }

  /** An identity provider's token acts as the owner of its tenant, narrowed by its scope claim when it has one. */
  private async identifyExternal(identities: ExternalIdentities, token: string, now: number): Promise<Credential | Refused> {
    const external = await identities.identify(token, now);
    if (!external.ok) return refused(external.reason);
    return {
      tenantId: external.tenant.tenantId,
      principalId: external.subject || external.tenant.tenantId,
      keyId: '',
      scopes: external.scopes,
      ownEnvironment: 'live',
      mayChooseEnvironment: true,
      tier: external.tenant.tier,
      expiresAt: null,
      gatewayKeyValue: external.tenant.gatewayKeyValue,
    };
  }
}

const CREDENTIAL_REFUSALS = {
  missing: 'missing_credential',
  malformed: 'malformed_credential',
  conflicting: 'conflicting_credentials',
} as const satisfies Record<string, RefusalReason>;

/** The rules that need a verified credential: the sandbox it acts in, the route's scope, and its tier. */
function decide(
  credential: Credential,
  access: RouteAccess,
  requestedEnvironment: string | undefined,
  services: Services,
): AuthorizationOutcome {
  const who = { tenantId: credential.tenantId, principalId: credential.principalId, keyId: credential.keyId };
  const requested = requestedEnvironment?.trim().toLowerCase();
  const environment = requested ?? credential.ownEnvironment;
  if (environment !== 'live' && environment !== 'test') return refused('invalid_environment', 'X-Environment must be live or test', who);
  if (environment !== credential.ownEnvironment && !credential.mayChooseEnvironment) {
    return refused('environment_forbidden', `This ${credential.ownEnvironment} key cannot act in ${environment}`, who);
  }
  if (access !== 'authenticated' && access !== 'public' && !credential.scopes.includes(access)) {
    return refused('insufficient_scope', `This route needs scope ${access}`, who);
  }
  if (!findTier(services.config, credential.tier)) return refused('tier_unavailable', tierUnavailableMessage(credential.tier), who);
  const { ownEnvironment: _own, mayChooseEnvironment: _choose, ...identity } = credential;
  return { allowed: true, identity: { ...identity, environment } };
}
