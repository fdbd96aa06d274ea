import type { Context } from 'aws-lambda';
import { ExternalTokenVerifier } from '../auth/external-tokens';
import { instrumented } from '../platform/invocation';
import { logger } from '../platform/logger';
import { provisionFromToken, type ProvisionResult } from '../provisioning/external-tenants';
import { dependenciesFromEnvironment } from '../wiring/dependencies';

const deps = () => dependenciesFromEnvironment();
let verifier: ExternalTokenVerifier | undefined;

/** Invoked by the authorizer only (the event is `{ token }`, never an HTTP request): creates an identity provider's tenant on first use. */
export const handler = instrumented(
  {
    name: 'provisioner',
    budgetMs: 'per-call',
    requestId: (_event: { readonly token?: unknown }, context: Context) => context.awsRequestId,
    metrics: () => deps().metrics,
  },
  async (event): Promise<ProvisionResult> => {
    if (typeof event.token !== 'string') return { ok: false, reason: 'external_token_invalid' };
    verifier ??= new ExternalTokenVerifier(deps().now);
    const result = await provisionFromToken(deps(), verifier, event.token);
    logger.info('tenant provisioning', result.ok ? { tenant_id: result.tenant.tenantId } : { reason: result.reason });
    return result;
  },
);
