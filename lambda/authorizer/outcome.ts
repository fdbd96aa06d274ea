import type { ExternalRefusal } from '../auth/external-tokens';
import type { Environment } from '../domain/environments';
import type { ErrorCode } from '../shared/error-codes';
import type { Scope } from '../domain/scopes';

/** Who a credential is, once the authorizer has verified it. */
export interface Identity {
  readonly tenantId: string;
  /** The key id, or the owner's user id for an access token. */
  readonly principalId: string;
  /** The API key's id; empty for an owner token. */
  readonly keyId: string;
  readonly scopes: readonly Scope[];
  /** The sandbox this request acts in (an owner token may choose it with X-Environment). */
  readonly environment: Environment;
  readonly tier: string;
  /** When the calling key expires (ISO time); null for a key without expiry and for an owner token. */
  readonly expiresAt: string | null;
  /** The API Gateway key that carries the tenant's usage plan (returned as usageIdentifierKey). */
  readonly gatewayKeyValue: string;
}

/** Every reason a request is refused, named so an operator can count each from the logs. */
export type RefusalReason =
  | 'missing_credential'
  | 'malformed_credential'
  | 'conflicting_credentials'
  | 'bad_checksum'
  | 'unknown_key'
  | 'revoked_key'
  | 'expired_key'
  | 'invalid_token'
  | 'tenant_gone'
  | 'invalid_environment'
  | 'environment_forbidden'
  | 'insufficient_scope'
  | 'tier_unavailable'
  /** An identity provider's token: bad signature, algorithm, issuer or audience; expired; not yet valid; an unknown key; no tenant claim. */
  | ExternalRefusal;

export type AuthorizationOutcome =
  | { readonly allowed: true; readonly identity: Identity }
  | {
      readonly allowed: false;
      readonly reason: RefusalReason;
      /** What the client is told when the refusal is a 403 (a 401 carries API Gateway's fixed message). */
      readonly message: string;
      /** Known once the credential itself was valid (scope, environment and tier refusals). */
      readonly identity?: Pick<Identity, 'tenantId' | 'principalId' | 'keyId'>;
    };

/**
 * How each refusal reaches the client. A 401 is API Gateway's UNAUTHORIZED response (the
 * authorizer throws `Unauthorized`, no context); a 403 is a Deny whose context names the code and
 * message that the ACCESS_DENIED gateway response shows.
 */
export const REFUSALS: Readonly<Record<RefusalReason, { readonly status: 401 } | { readonly status: 403; readonly code: ErrorCode }>> = {
  missing_credential: { status: 401 },
  malformed_credential: { status: 401 },
  conflicting_credentials: { status: 401 },
  bad_checksum: { status: 401 },
  unknown_key: { status: 401 },
  revoked_key: { status: 401 },
  expired_key: { status: 401 },
  invalid_token: { status: 401 },
  tenant_gone: { status: 401 },
  invalid_environment: { status: 403, code: 'ENVIRONMENT_FORBIDDEN' },
  environment_forbidden: { status: 403, code: 'ENVIRONMENT_FORBIDDEN' },
  insufficient_scope: { status: 403, code: 'INSUFFICIENT_SCOPE' },
  tier_unavailable: { status: 403, code: 'TIER_UNAVAILABLE' },
  external_token_invalid: { status: 401 },
  external_token_expired: { status: 401 },
  external_token_not_yet_valid: { status: 401 },
  external_key_unknown: { status: 401 },
  external_tenant_missing: { status: 401 },
};
