import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { looksLikeJwt, signedWithUnknownKey, verifyAccessToken } from '../auth/tokens';
import { keyStatus, type ApiKeyRecord, type Tenant } from '../domain/records';
import { hashApiKey } from '../keys/key-hash';
import { parseApiKey, type Environment } from '../keys/key-format';
import { logger } from '../platform/logger';
import type { Runtime } from '../platform/runtime';
import { routeFor, type RouteAccess } from '../shared/routes';
import { SCOPES, encodeScopes, type Scope } from '../shared/scopes';
import { extractCredential, headerValue } from './credentials';
import { allowPolicy, denyPolicy } from './policy';
import { TtlCache } from './ttl-cache';

/** Thrown to make API Gateway answer 401 (its UNAUTHORIZED gateway response). */
export const UNAUTHORIZED = 'Unauthorized';

const CACHE_ENTRIES = 10_000;

interface Identity {
  readonly tenantId: string;
  readonly principalId: string;
  readonly keyId: string;
  readonly scopes: readonly Scope[];
  readonly environment: Environment;
  readonly tier: string;
  readonly gatewayKeyValue: string;
  /** An owner token may pick its sandbox with X-Environment; a key is bound to its own. */
  readonly mayChooseEnvironment: boolean;
}

/**
 * Validates the credential and the route's scope. Warm cache hit: no DynamoDB call; miss: one
 * read; a malformed key or one with a bad checksum: none. A revoked key is refused at the latest
 * when its cache entry expires (the configured TTL).
 */
export class Authorizer {
  private readonly keys: TtlCache<ApiKeyRecord | null>;
  private readonly tenants: TtlCache<Tenant | null>;

  constructor(private readonly runtime: Runtime) {
    const ttlMs = runtime.config.authorizerCacheTtlSeconds * 1000;
    this.keys = new TtlCache(ttlMs, CACHE_ENTRIES);
    this.tenants = new TtlCache(ttlMs, CACHE_ENTRIES);
  }

  async authorize(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
    // Routes of another API that reuses this authorizer are not in our table: any valid credential may call them.
    const access: RouteAccess = routeFor(event.httpMethod, event.resource)?.access ?? 'authenticated';
    const credential = extractCredential(event.headers);
    if (!credential.ok) return refuse(credential.reason);
    const identity = await this.identify(credential.credential, credential.bearer);
    if (!identity) return refuse('unknown credential');
    logger.appendKeys({ tenant_id: identity.tenantId, key_id: identity.keyId || 'owner-token' });

    const requested = headerValue(event.headers, 'x-environment')?.trim().toLowerCase();
    const environment = requested ?? identity.environment;
    if (environment !== 'live' && environment !== 'test') {
      return denyPolicy(event.methodArn, identity.principalId, 'ENVIRONMENT_FORBIDDEN', 'X-Environment must be live or test');
    }
    if (environment !== identity.environment && !identity.mayChooseEnvironment) {
      return denyPolicy(
        event.methodArn,
        identity.principalId,
        'ENVIRONMENT_FORBIDDEN',
        `This ${identity.environment} key cannot act in ${environment}`,
      );
    }
    if (access !== 'authenticated' && access !== 'public' && !identity.scopes.includes(access)) {
      return denyPolicy(event.methodArn, identity.principalId, 'INSUFFICIENT_SCOPE', `This route needs scope ${access}`);
    }
    return allowPolicy(
      event.methodArn,
      {
        tenantId: identity.tenantId,
        principalId: identity.principalId,
        keyId: identity.keyId,
        scopes: encodeScopes(identity.scopes),
        environment,
        tier: identity.tier,
      },
      identity.gatewayKeyValue,
    );
  }

  private async identify(credential: string, bearer: boolean): Promise<Identity | undefined> {
    const now = this.runtime.now();
    if (credential.startsWith(`${this.runtime.config.keyPrefix}_`)) return this.identifyKey(credential, now);
    if (bearer && looksLikeJwt(credential)) return this.identifyToken(credential, now);
    return undefined;
  }

  private async identifyKey(key: string, now: number): Promise<Identity | undefined> {
    if (!parseApiKey(key, this.runtime.config.keyPrefix)) return undefined;
    const keyHash = hashApiKey(key, (await this.runtime.secrets.get('pepper')).current);
    let record = this.keys.get(keyHash, now);
    if (record === undefined) {
      record = (await this.runtime.apiKeys.getByHash(keyHash)) ?? null;
      this.keys.set(keyHash, record, now);
    }
    if (!record || keyStatus(record, now) !== 'active') return undefined;
    return {
      tenantId: record.tenantId,
      principalId: record.keyId,
      keyId: record.keyId,
      scopes: record.scopes,
      environment: record.environment,
      tier: record.tier,
      gatewayKeyValue: record.gatewayKeyValue,
      mayChooseEnvironment: false,
    };
  }

  private async identifyToken(token: string, now: number): Promise<Identity | undefined> {
    const secrets = await this.runtime.secrets.get('jwt');
    let claims = await verifyAccessToken(token, secrets, now);
    if (!claims && signedWithUnknownKey(token, secrets))
      claims = await verifyAccessToken(token, await this.runtime.secrets.refresh('jwt'), now);
    if (!claims) return undefined;
    let tenant = this.tenants.get(claims.tenantId, now);
    if (tenant === undefined) {
      tenant = (await this.runtime.accounts.getTenant(claims.tenantId)) ?? null;
      this.tenants.set(claims.tenantId, tenant, now);
    }
    if (!tenant) return undefined;
    return {
      tenantId: tenant.tenantId,
      principalId: claims.userId,
      keyId: '',
      scopes: SCOPES,
      environment: 'live',
      tier: tenant.tier,
      gatewayKeyValue: tenant.gatewayKeyValue,
      mayChooseEnvironment: true,
    };
  }
}

function refuse(reason: string): never {
  logger.info('credential refused', { reason });
  throw new Error(UNAUTHORIZED);
}
