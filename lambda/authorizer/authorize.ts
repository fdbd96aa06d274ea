import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { looksLikeJwt } from '../auth/jwt-shape';
import type { Tenant } from '../domain/records';
import { ApiKeyVerifier } from '../api-keys/key-verification';
import type { TenantProvisioner } from '../provisioning/external-tenants';
import type { Dependencies } from '../wiring/dependencies';
import { findTier, tierUnavailableMessage } from '../shared/deployed-config';
import type { Environment } from '../domain/environments';
import { routeFor, type RouteAccess } from '../shared/routes';
import { SCOPES } from '../domain/scopes';
import { extractCredential, headerValue } from './credentials';
import type { ExternalIdentities } from './external-identity';
import type { AuthorizationOutcome, Identity, RefusalReason } from './outcome';
import { TenantEdgeGuard } from './tenant-edge-guard';
import { loadTokenSupport, type TokenSupport } from './token-support-loader';
import { TtlCache } from '../platform/ttl-cache';

const CACHE_ENTRIES = 10_000;

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
 * malformed key or one with a bad checksum: none. Keys are checked by the API-key verifier
 * (api-keys/key-verification.ts); a revocation is seen here once the record's cache entry expires
 * (the configured TTL), and by the handler's charge at once. Only what exists is cached for the
 * TTL: a tenant that is not found is read again, so one created a moment ago works.
 */
export class Authorizer {
  private readonly keys: ApiKeyVerifier;
  private readonly tenants: TtlCache<Tenant>;
  private external: ExternalIdentities | undefined;
  private readonly edgeGuard: TenantEdgeGuard;

  constructor(
    private readonly deps: Dependencies,
    private readonly provisioner?: TenantProvisioner,
  ) {
    this.keys = new ApiKeyVerifier(deps, CACHE_ENTRIES);
    this.tenants = new TtlCache(deps.config.authorizerCacheTtlSeconds * 1000, CACHE_ENTRIES);
    this.edgeGuard = new TenantEdgeGuard(deps);
  }

  async authorize(event: APIGatewayRequestAuthorizerEvent): Promise<AuthorizationOutcome> {
    // Routes of another API that reuses this authorizer are not in our table: any valid credential may call them.
    const access: RouteAccess = routeFor(event.httpMethod, event.resource)?.access ?? 'authenticated';
    const extracted = extractCredential(event.headers);
    if (!extracted.ok) return refused(CREDENTIAL_REFUSALS[extracted.reason]);
    const credential = await this.identify(extracted.credential, extracted.bearer);
    if ('reason' in credential) return credential;
    return this.edgeGuard.admit(decide(credential, access, headerValue(event.headers, 'x-environment'), this.deps), event);
  }

  private async identify(credential: string, bearer: boolean): Promise<Credential | Refused> {
    const now = this.deps.now();
    if (credential.startsWith(`${this.deps.config.keyPrefix}_`)) return this.identifyKey(credential, now);
    if (!bearer || !looksLikeJwt(credential)) return refused('malformed_credential');
    const support = await loadTokenSupport();
    const ttlMs = this.deps.config.authorizerCacheTtlSeconds * 1000;
    const external = (this.external ??= new support.ExternalIdentities(this.deps, this.provisioner, { ttlMs, entries: CACHE_ENTRIES }));
    return external.handles(credential) ? this.identifyExternal(external, credential, now) : this.identifyToken(support, credential, now);
  }

  private async identifyKey(key: string, now: number): Promise<Credential | Refused> {
    const verified = await this.keys.verify(key, now);
    if (!verified.ok) {
      // Named, so the entry point can put the attempt in the tenant's audit trail.
      if (verified.reason === 'expired') {
        const { tenantId, keyId } = verified.key;
        return refused('expired_key', undefined, { tenantId, principalId: keyId, keyId });
      }
      return refused(KEY_REFUSALS[verified.reason]);
    }
    const record = verified.key;
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

  private async identifyToken(support: TokenSupport, token: string, now: number): Promise<Credential | Refused> {
    const secrets = await this.deps.secrets.get('jwt');
    let claims = await support.verifyAccessToken(token, secrets, now);
    if (!claims && support.signedWithUnknownKey(token, secrets))
      claims = await support.verifyAccessToken(token, await this.deps.secrets.refresh('jwt'), now);
    if (!claims) return refused('invalid_token');
    let tenant = this.tenants.get(claims.tenantId, now);
    if (tenant === undefined) {
      tenant = await this.deps.tenants.getTenant(claims.tenantId);
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

const KEY_REFUSALS = {
  malformed: 'malformed_credential',
  bad_checksum: 'bad_checksum',
  unknown: 'unknown_key',
  revoked: 'revoked_key',
} as const satisfies Record<string, RefusalReason>;

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
  deps: Dependencies,
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
  if (!findTier(deps.config, credential.tier)) return refused('tier_unavailable', tierUnavailableMessage(credential.tier), who);
  const { ownEnvironment: _own, mayChooseEnvironment: _choose, ...identity } = credential;
  return { allowed: true, identity: { ...identity, environment } };
}
