import type { Environment } from '../shared/environments';
import type { Scope } from '../shared/scopes';

export interface Tenant {
  readonly tenantId: string;
  readonly tier: string;
  readonly ownerUserId: string;
  readonly createdAt: string;
  /** Keys counted against the tier's limit; kept exact by conditional writes. */
  readonly activeKeys: number;
  /** The API Gateway key that carries this tenant's usage plan ("dedicated", or shared "pooled" past the threshold). */
  readonly gatewayKeyId: string;
  readonly gatewayKeyValue: string;
  readonly gatewayKeyKind: 'dedicated' | 'pooled';
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
  /** The pepper version `keyHash` was made with (lambda/keys/pepper.ts); keys stored before versions existed have none: version 1. */
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
