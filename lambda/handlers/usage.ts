import type { Dependencies } from '../wiring/dependencies';
import { tierOf } from '../shared/deployed-config';
import { ApiError } from '../http/errors';
import { monthEnd, monthStart } from '../domain/periods';
import type { Operations } from './pipeline';
import type { AuthenticatedRequest } from './request';
import type { UsageReportView, UsageView } from './response-bodies';
import { keyHistories } from './usage-report';

/** Active keys are counted, not read from the limit counter, which may still hold expired keys. */
const MAX_KEYS_COUNTED = 1_000;

async function tenantUsage(request: AuthenticatedRequest, deps: Dependencies) {
  const tenant = await deps.tenants.getTenant(request.principal.tenantId);
  if (!tenant) throw new ApiError('AUTH_REQUIRED', 'The tenant of this credential no longer exists');
  const tier = tierOf(deps.config, tenant.tier);
  const active = await deps.apiKeys.list(tenant.tenantId, { status: 'active' }, { limit: MAX_KEYS_COUNTED }, request.now);
  // A management route: charged before it runs, so the count is known.
  const used = request.creditsUsed ?? 0;
  return {
    status: 200,
    body: {
      tenant_id: tenant.tenantId,
      tier: tenant.tier,
      period: { start: new Date(monthStart(request.now) * 1000).toISOString(), end: new Date(monthEnd(request.now) * 1000).toISOString() },
      credits: {
        limit: tier.creditsPerMonth,
        used,
        remaining: tier.creditsPerMonth === null ? null : Math.max(0, tier.creditsPerMonth - used),
      },
      rate_limit: { requests_per_minute: tier.requestsPerMinute, burst: tier.burst },
      keys: { active: active.items.length, limit: tier.activeKeys },
    } satisfies UsageView,
  };
}

/** The tenant's usage and its sandbox's keys' daily requests: the console's usage page in one request. */
async function usageReport(request: AuthenticatedRequest, deps: Dependencies) {
  const [tenant, histories] = await Promise.all([tenantUsage(request, deps), keyHistories(request, deps)]);
  return { status: 200, body: { usage: tenant.body, ...histories } satisfies UsageReportView };
}

export const usageOperations: Operations<'usage'> = { tenantUsage, usageReport };
