import { findTier, type AppConfig } from '../lambda/shared/config';
import type { RouteDef } from '../lambda/shared/routes';
import { routeCapEdgeThrottle, tierEdgeQuota, tierEdgeThrottle } from '../lambda/shared/tiers';
import type { UsagePlanMembership } from './local-gateway-keys';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * What a usage plan does at the edge, per gateway key: a token bucket (rate and burst), a token
 * bucket per capped method, and a monthly quota. Counts live in memory, like API Gateway's they
 * are best effort; our DynamoDB counters stay the exact source of truth.
 */
export class EdgeThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly quotas = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  admit(plan: UsagePlanMembership, route: RouteDef, now: number): 'ok' | 'THROTTLED' | 'QUOTA_EXCEEDED' | 'INVALID_API_KEY' {
    // A plan whose tier is gone would not exist in API Gateway: the key would be in no plan.
    const tier = findTier(this.config, plan.tier);
    if (!tier) return 'INVALID_API_KEY';
    const limits = [{ id: plan.keyId, ...tierEdgeThrottle(tier, plan.kind) }];
    if (route.perMinuteCap)
      limits.push({ id: `${plan.keyId}:${route.method} ${route.path}`, ...routeCapEdgeThrottle(route.perMinuteCap, plan.kind) });
    const buckets = limits.map((limit) => ({ bucket: this.refill(limit.id, limit.rateLimit, limit.burstLimit, now), limit }));
    if (buckets.some(({ bucket }) => bucket.tokens < 1)) return 'THROTTLED';
    const month = `${plan.keyId}:${new Date(now).toISOString().slice(0, 7)}`;
    const used = this.quotas.get(month) ?? 0;
    const quota = tierEdgeQuota(tier, plan.kind);
    if (quota !== null && used >= quota) return 'QUOTA_EXCEEDED';
    for (const { bucket } of buckets) bucket.tokens -= 1;
    this.quotas.set(month, used + 1);
    return 'ok';
  }

  private refill(id: string, ratePerSecond: number, burst: number, now: number): Bucket {
    const bucket = this.buckets.get(id) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
    bucket.at = now;
    this.buckets.set(id, bucket);
    return bucket;
  }
}
