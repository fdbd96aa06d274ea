import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { REQUEST_BUDGET_MS, isUnavailable } from '../platform/budget';
import { instrumented } from '../platform/invocation';
import { logger } from '../platform/logger';
import type { TenantProvisioner } from '../provisioning/external-tenants';
import type { Dependencies } from '../wiring/dependencies';
import { recordAuditOncePerWindow } from '../audit/audit-trail';
import { encodeScopes } from '../domain/scopes';
import { Authorizer } from './authorize';
import { REFUSALS, type AuthorizationOutcome } from './outcome';
import { allowPolicy, denyPolicy } from './policy';

/** Thrown to make API Gateway answer 401 (its UNAUTHORIZED gateway response). */
export const UNAUTHORIZED = 'Unauthorized';

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/**
 * The authorizer as API Gateway calls it: the Lambda handler, and the local gateway's authorizer.
 * Only here does a refusal become `Unauthorized` (401) or a Deny (403); each is logged with its
 * reason, never with the credential, and counted by outcome (metric AuthorizerDecisions).
 */
export function createAuthorizerHandler(deps: () => Dependencies, provisioner?: () => TenantProvisioner): AuthorizerHandler {
  let authorizer: Authorizer | undefined;
  return instrumented(
    {
      name: 'authorizer',
      budgetMs: REQUEST_BUDGET_MS.authorizer,
      requestId: (event: APIGatewayRequestAuthorizerEvent) => event.requestContext.requestId,
      metrics: () => deps().metrics,
    },
    async (event) => {
      const current = (authorizer ??= new Authorizer(deps(), provisioner?.()));
      const { metrics } = deps();
      let outcome: AuthorizationOutcome | undefined;
      try {
        // A store or secret that does not answer within the budget fails the authorizer: closed, never open.
        const decided = await current.authorize(event);
        await auditExpiredKeyUse(deps(), decided, event);
        outcome = decided;
        return toGatewayResult(outcome, event.methodArn);
      } catch (error) {
        if (error instanceof Error && error.message === UNAUTHORIZED) throw error;
        logger.error('authorizer failed', error instanceof Error ? error : String(error));
        if (isUnavailable(error)) metrics.record('StoreTimeouts', {});
        throw error;
      } finally {
        metrics.record('AuthorizerDecisions', { outcome: outcome ? (outcome.allowed ? 'allowed' : outcome.reason) : 'error' });
      }
    },
  );
}

/** An expired key still in use is worth an owner's attention; recorded at most once per window per key. */
async function auditExpiredKeyUse(
  deps: Dependencies,
  outcome: AuthorizationOutcome,
  event: APIGatewayRequestAuthorizerEvent,
): Promise<void> {
  if (outcome.allowed || outcome.reason !== 'expired_key' || !outcome.identity) return;
  const { tenantId, keyId } = outcome.identity;
  const userAgent = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'user-agent')?.[1];
  await recordAuditOncePerWindow(
    deps,
    keyId,
    { tenantId, type: 'key.expired_used', actor: { type: 'key', id: keyId }, keyId },
    { sourceIp: event.requestContext.identity?.sourceIp, userAgent },
  );
}

function toGatewayResult(outcome: AuthorizationOutcome, methodArn: string): APIGatewayAuthorizerResult {
  if (outcome.allowed) {
    const { identity } = outcome;
    logger.appendKeys({ tenant_id: identity.tenantId, key_id: identity.keyId || 'owner-token' });
    const context = {
      tenantId: identity.tenantId,
      principalId: identity.principalId,
      keyId: identity.keyId,
      scopes: encodeScopes(identity.scopes),
      environment: identity.environment,
      tier: identity.tier,
      expiresAt: identity.expiresAt ?? '',
    };
    return allowPolicy(methodArn, context, identity.gatewayKeyValue);
  }
  if (outcome.identity) logger.appendKeys({ tenant_id: outcome.identity.tenantId, key_id: outcome.identity.keyId || 'owner-token' });
  logger.info('credential refused', { reason: outcome.reason });
  const refusal = REFUSALS[outcome.reason];
  if (refusal.status === 401) throw new Error(UNAUTHORIZED);
  return denyPolicy(methodArn, outcome.identity?.principalId ?? 'anonymous', refusal.code, outcome.message);
}
