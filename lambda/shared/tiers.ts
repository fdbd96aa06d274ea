// zod/mini keeps the authorizer's bundle small: classic zod brings every locale along.
import * as z from 'zod/mini';

const positiveWhole = () => z.int().check(z.positive());

/** One pricing tier. `null` means unlimited. */
export const TierSchema = z.strictObject({
  requestsPerMinute: positiveWhole(),
  burst: positiveWhole(),
  creditsPerMonth: z.nullable(positiveWhole()),
  activeKeys: z.nullable(positiveWhole()),
});
export type Tier = z.infer<typeof TierSchema>;

export const TIER_NAME_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

export const DEFAULT_TIERS: Readonly<Record<string, Tier>> = {
  free: { requestsPerMinute: 60, burst: 20, creditsPerMonth: 1_000, activeKeys: 2 },
  starter: { requestsPerMinute: 300, burst: 100, creditsPerMonth: 25_000, activeKeys: 5 },
  pro: { requestsPerMinute: 1_200, burst: 200, creditsPerMonth: 200_000, activeKeys: 20 },
  scale: { requestsPerMinute: 2_000, burst: 400, creditsPerMonth: 1_000_000, activeKeys: 50 },
  enterprise: { requestsPerMinute: 3_000, burst: 1_000, creditsPerMonth: null, activeKeys: null },
};

export const DEFAULT_TIER_NAME = 'free';

export type GatewayKeyKind = 'dedicated' | 'pooled';

/** Many tenants share one pooled gateway key, so its plan's bucket is this many times a tenant's. */
export const POOLED_THROTTLE_FACTOR = 10;

/**
 * The tag on every API Gateway key the runtime creates; its value is the usage plan prefix (the
 * stack name), so the auth function's role may delete only keys its own stack created.
 */
export const GATEWAY_KEY_OWNER_TAG = 'memory-api-stack';

/** Usage plan name for a tier; pooled keys sit in a plan of their own with no quota. */
export function usagePlanName(prefix: string, tier: string, kind: GatewayKeyKind): string {
  return kind === 'pooled' ? `${prefix}-${tier}-pooled` : `${prefix}-${tier}`;
}

/** What the gateway's usage plan enforces for a tier: the cheap first line, ahead of our exact counters. */
export function tierEdgeThrottle(tier: Tier, kind: GatewayKeyKind): { rateLimit: number; burstLimit: number } {
  const factor = kind === 'pooled' ? POOLED_THROTTLE_FACTOR : 1;
  return { rateLimit: (tier.requestsPerMinute / 60) * factor, burstLimit: tier.burst * factor };
}

/** A pooled key is shared, so a monthly quota on it would let one tenant use up the others'. */
export function tierEdgeQuota(tier: Tier, kind: GatewayKeyKind): number | null {
  return kind === 'pooled' ? null : tier.creditsPerMonth;
}

/** A route cap at the edge: its per-minute number as the bucket, refilled evenly over the minute (scaled like the tier on a pooled key). */
export function routeCapEdgeThrottle(perMinute: number, kind: GatewayKeyKind): { rateLimit: number; burstLimit: number } {
  const factor = kind === 'pooled' ? POOLED_THROTTLE_FACTOR : 1;
  return { rateLimit: (perMinute / 60) * factor, burstLimit: perMinute * factor };
}
