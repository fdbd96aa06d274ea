import type { ChargedTransaction } from '../store/charged-write';
import type { Environment } from '../domain/environments';
import type { RouteDef } from '../shared/routes';
import type { Scope } from '../domain/scopes';

/** Who is calling, as the authorizer established it. */
export interface Principal {
  readonly tenantId: string;
  /** The API key's id, or undefined for an owner's access token. */
  readonly keyId?: string;
  /** The owner's user id, for an access token (who acted, in the audit trail). */
  readonly userId?: string;
  readonly scopes: Scope[];
  readonly environment: Environment;
  readonly tier: string;
  /** When the calling key expires; undefined for a key without expiry and for an owner token. */
  readonly expiresAt?: string;
}

export interface Request {
  readonly requestId: string;
  readonly route: RouteDef;
  readonly pathParameters: Record<string, string>;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly rawBody: string | null;
  readonly now: number;
  /** The client's address as API Gateway saw it (`requestContext.identity.sourceIp`). */
  readonly sourceIp: string;
}

export interface AuthenticatedRequest extends Request {
  readonly principal: Principal;
  /**
   * Credits used this month after this request's charge (exact, from the counter): known before
   * the operation only on management routes, which are charged first (see `runMetered`).
   */
  readonly creditsUsed: number | undefined;
  /** On a write route: the operation's store writes its items through this, in one transaction with the charge. */
  readonly withCharge?: ChargedTransaction;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}
