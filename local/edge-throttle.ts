import type { RouteDef } from '../lambda/shared/routes';
import type { PlanMembership } from './local-api-gateway';
import { TokenBucket } from '../lambda/domain/token-bucket';

/**
 * What a usage plan does at the edge, per API key: a token bucket (rate and burst), a token
 * bucket per throttled method, and a monthly quota. Counts live in memory; like API Gateway's
 * they are best effort, and our DynamoDB counters stay the exact source of truth.
 */
export class EdgeThrottle {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly quotas = new Map<string, number>();

  admit(member: PlanMembership, route: RouteDef, now: number): 'ok' | 'THROTTLED' | 'QUOTA_EXCEEDED' {
    const { limits } = member;
    const routeKey = `${route.method} ${route.path}`;
    const methodThrottle = limits.methodThrottles[routeKey];
    const buckets = [this.bucket(`${member.planId}:${member.keyId}`, limits.throttle)];
    if (methodThrottle) buckets.push(this.bucket(`${member.planId}:${member.keyId}:${routeKey}`, methodThrottle));
    if (!buckets.every((bucket) => bucket.hasToken(now))) return 'THROTTLED';
    const month = `${member.planId}:${member.keyId}:${new Date(now).toISOString().slice(0, 7)}`;
    const used = this.quotas.get(month) ?? 0;
    if (limits.quota !== null && used >= limits.quota) return 'QUOTA_EXCEEDED';
    for (const bucket of buckets) bucket.take();
    this.quotas.set(month, used + 1);
    return 'ok';
  }

  private bucket(id: string, throttle: { rateLimit: number; burstLimit: number }): TokenBucket {
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = new TokenBucket(throttle.rateLimit, throttle.burstLimit);
      this.buckets.set(id, bucket);
    }
    return bucket;
  }
}
