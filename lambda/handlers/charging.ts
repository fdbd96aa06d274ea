import type { Services } from '../services/services';
import { tierOf } from '../shared/config';
import { ApiError, retryAfterHeaders } from '../shared/errors';
import type { RateLimitCause } from '../shared/metrics';
import { minuteWindowEnd, monthEnd } from '../store/usage-counters';
import type { Principal, Request } from './request';

const RATE_LIMIT_CAUSES = { rate: 'minute', cap: 'route_cap', quota: 'credits' } as const satisfies Record<string, RateLimitCause>;

export interface Charged {
  /** `X-RateLimit-*` and `X-Credits-*`, from the values the counters returned. */
  readonly headers: Record<string, string>;
  readonly creditsUsed: number;
}

/**
 * Counts the request against the tenant's exact counters (minute window, route cap, monthly
 * credits) and returns the rate-limit headers; a refused request throws the matching 429.
 */
export async function charge(services: Services, request: Request, principal: Principal): Promise<Charged> {
  const tier = tierOf(services.config, principal.tier);
  const cap = request.route.perMinuteCap ? { name: request.route.operation, perMinute: request.route.perMinuteCap } : undefined;
  const result = await services.usage.charge({
    tenantId: principal.tenantId,
    keyId: principal.keyId,
    requestsPerMinute: tier.requestsPerMinute,
    creditsPerMonth: tier.creditsPerMonth,
    cap,
    now: request.now,
  });
  const reset = minuteWindowEnd(request.now);
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(tier.requestsPerMinute),
    'X-RateLimit-Remaining': String(Math.max(0, tier.requestsPerMinute - result.minuteCount)),
    'X-RateLimit-Reset': String(reset),
  };
  if (tier.creditsPerMonth !== null) {
    headers['X-Credits-Limit'] = String(tier.creditsPerMonth);
    headers['X-Credits-Remaining'] = String(Math.max(0, tier.creditsPerMonth - Math.max(result.creditsUsed, 0)));
  }
  if (result.ok) return { headers, creditsUsed: result.creditsUsed };
  services.metrics.record('RateLimited', { cause: RATE_LIMIT_CAUSES[result.reason] });
  const nowSeconds = Math.floor(request.now / 1000);
  const retry = retryAfterHeaders((result.reason === 'quota' ? monthEnd(request.now) : reset) - nowSeconds);
  if (result.reason === 'quota') {
    throw new ApiError('QUOTA_EXCEEDED', 'The monthly credits of this plan are used up', undefined, { ...headers, ...retry });
  }
  const message =
    result.reason === 'cap'
      ? `This route allows ${cap?.perMinute ?? tier.requestsPerMinute} requests per minute`
      : `This plan allows ${tier.requestsPerMinute} requests per minute`;
  throw new ApiError('RATE_LIMIT_EXCEEDED', message, undefined, { ...headers, ...retry });
}
