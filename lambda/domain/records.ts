import type { Environment } from './environments';
import type { Scope } from './scopes';

/** How a tenant reaches its usage plan: its own gateway key, or one its tier's tenants share. */
export type GatewayKeyKind = 'dedicated' | 'pooled';

export interface Tenant {
  readonly tenantId: string;
  readonly tier: string;
  /** The user who signed up; a tenant made for an identity provider's organisation has none. */
  readonly ownerUserId?: string;
  /** The identity provider's issuer and tenant claim this tenant was created for on first use. */
  readonly identityProvider?: { readonly issuer: string; readonly tenant: string };
  readonly createdAt: string;
  /** Keys counted against the tier's limit; kept exact by conditional writes. */
  readonly activeKeys: number;
  /** The API Gateway key that carries this tenant's usage plan: its own ("dedicated"), or one its tier's tenants share ("pooled"). */
  readonly gatewayKeyId: string;
  readonly gatewayKeyValue: string;
  readonly gatewayKeyKind: GatewayKeyKind;
  /** A dedicated key being made for the tenant: it holds a slot, and a crashed tier change finds it again by name. */
  readonly pendingGatewayKey?: PendingGatewayKey;
  /** Dedicated keys the tenant used before a tier change; deleted once the change settles. */
  readonly retiringGatewayKeys?: ReadonlySet<string>;
  /** When the last tier change settles: authorizer caches have expired and the keys index has caught up. */
  readonly settlesAt?: string;
}

export interface PendingGatewayKey {
  readonly name: string;
  readonly tier: string;
}

export interface User {
  readonly userId: string;
  readonly tenantId: string;
  readonly email: string;
  readonly fullName: string;
  readonly passwordHash: string;
  readonly createdAt: string;
}

export interface ApiKeyRecord {
  readonly keyHash: string;
  /** The pepper version `keyHash` was made with (lambda/api-keys/pepper.ts); keys stored before versions existed have none: version 1. */
  readonly pepperVersion?: number;
  readonly keyId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly environment: Environment;
  readonly scopes: Scope[];
  readonly start: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly replaces: string | null;
  /** Set once, when the key is rotated: a key is replaced at most once. */
  readonly replacedBy?: string;
  /** Copied from the tenant so the authorizer needs one read; a tier change rewrites them. */
  readonly tier: string;
  readonly gatewayKeyValue: string;
}

export type KeyStatus = 'active' | 'expired' | 'revoked';

export function keyStatus(key: Pick<ApiKeyRecord, 'revokedAt' | 'expiresAt'>, now: number): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}
