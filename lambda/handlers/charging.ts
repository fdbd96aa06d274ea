import type { Dependencies } from '../wiring/dependencies';
import { tierOf } from '../shared/deployed-config';
import { ApiError } from '../http/errors';
import { retryAfterHeaders } from '../shared/error-codes';
import type { RateLimitCause } from '../shared/metrics';
import type { Tier } from '../shared/tiers';
import { minuteWindowEnd, monthEnd } from '../domain/periods';
import type { NamedItems } from '../platform/dynamo';
import type { ChargeResult } from '../store/usage-counters';
import type { Principal, Request } from './request';

const RATE_LIMIT_CAUSES = { rate: 'minute', cap: 'route_cap', quota: 'credits' } as const satisfies Record<string, RateLimitCause>;

export interface Charged {
  /** `X-RateLimit-*` and `X-Credits-*`, from the values the counters returned. */
  readonly headers: Record<string, string>;
  readonly creditsUsed: number;
}

/**
 * Counts the request and returns the rate-limit headers; a refused request throws the matching
 * error. Most routes spend one credit and count in the tenant's minute (and route cap); management
 * routes spend no credit and count in the calling credential's own small budget, so a leaked key
 * that used up the tenant's credits or minute cannot lock the owner out of revoking it.
 */
export async function charge(deps: Dependencies, request: Request, principal: Principal, withItems?: NamedItems<string>): Promise<Charged> {
  const tier = tierOf(deps.config, principal.tier);
  if (request.route.management) {
    const perMinute = deps.config.managementRequestsPerMinute;
    const result = await deps.usage.chargeManagement({
      tenantId: principal.tenantId,
      keyId: principal.keyId,
      principalId: principal.userId,
      perMinute,
      now: request.now,
    });
    return settle(deps, result, {
      now: request.now,
      tier,
      perMinute,
      management: true,
      rateMessage: `Key management allows ${perMinute} requests per minute for each credential`,
    });
  }
  const cap = request.route.perMinuteCap ? { name: request.route.operation, perMinute: request.route.perMinuteCap } : undefined;
  const counted = {
    tenantId: principal.tenantId,
    keyId: principal.keyId,
    requestsPerMinute: tier.requestsPerMinute,
    creditsPerMonth: tier.creditsPerMonth,
    cap,
    now: request.now,
  };
  // With the operation's items, the charge and the operation's write happen together or not at all.
  const result = await (withItems ? deps.usage.chargeWithWrite(counted, withItems) : deps.usage.charge(counted));
  const rateMessage =
    result.ok || result.reason !== 'cap'
      ? `This plan allows ${tier.requestsPerMinute} requests per minute`
      : `This route allows ${cap?.perMinute ?? tier.requestsPerMinute} requests per minute`;
  return settle(deps, result, { now: request.now, tier, perMinute: tier.requestsPerMinute, management: false, rateMessage });
}

/** How a charge result is answered: the limits it was counted against, and the message of a refusal. */
interface Settlement {
  readonly now: number;
  readonly tier: Tier;
  /** The per-minute limit the headers report. */
  readonly perMinute: number;
  /** A management route's own budget (counted apart in RateLimited). */
  readonly management: boolean;
  readonly rateMessage: string;
}

function settle(deps: Dependencies, result: ChargeResult, { now, tier, perMinute, management, rateMessage }: Settlement): Charged {
  const reset = minuteWindowEnd(now);
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(perMinute),
    'X-RateLimit-Remaining': String(Math.max(0, perMinute - result.minuteCount)),
    'X-RateLimit-Reset': String(reset),
  };
  if (tier.creditsPerMonth !== null) {
    headers['X-Credits-Limit'] = String(tier.creditsPerMonth);
    headers['X-Credits-Remaining'] = String(Math.max(0, tier.creditsPerMonth - Math.max(result.creditsUsed, 0)));
  }
  if (result.ok) return { headers, creditsUsed: result.creditsUsed };
  // The key was revoked, or its rotation's grace period ended, after the authorizer last read it.
  if (result.reason === 'ended') throw new ApiError('AUTH_REQUIRED', 'A valid API key or access token is required');
  deps.metrics.record('RateLimited', { cause: management ? 'management' : RATE_LIMIT_CAUSES[result.reason] });
  const nowSeconds = Math.floor(now / 1000);
  const retry = retryAfterHeaders((result.reason === 'quota' ? monthEnd(now) : reset) - nowSeconds);
  if (result.reason === 'quota') {
    throw new ApiError('QUOTA_EXCEEDED', 'The monthly credits of this plan are used up', undefined, { ...headers, ...retry });
  }
  throw new ApiError('RATE_LIMIT_EXCEEDED', rateMessage, undefined, { ...headers, ...retry });
}
