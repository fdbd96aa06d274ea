// zod/mini keeps the authorizer's bundle small: classic zod brings every locale along.
import * as z from 'zod/mini';

const positiveWhole = () => z.int().check(z.positive());

/** One pricing tier. `null` means unlimited. */
export const TierSchema = z.strictObject({
  requestsPerMinute: positiveWhole(),
  burst: positiveWhole(),
  creditsPerMonth: z.nullable(positiveWhole()),
  activeKeys: z.nullable(positiveWhole()),
  /**
   * Tenants of this tier get an API Gateway key of their own (their own edge throttle and quota);
   * otherwise they share one of the tier's pooled keys. Keys are a scarce, account-wide resource
   * (10,000 a region), so the defaults give them to paid tiers only.
   */
  dedicatedGatewayKey: z._default(z.boolean(), false),
});
export type Tier = z.infer<typeof TierSchema>;

export const TIER_NAME_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

export const DEFAULT_TIERS: Readonly<Record<string, Tier>> = {
  free: { requestsPerMinute: 60, burst: 20, creditsPerMonth: 1_000, activeKeys: 2, dedicatedGatewayKey: false },
  starter: { requestsPerMinute: 300, burst: 100, creditsPerMonth: 25_000, activeKeys: 5, dedicatedGatewayKey: true },
  pro: { requestsPerMinute: 1_200, burst: 200, creditsPerMonth: 200_000, activeKeys: 20, dedicatedGatewayKey: true },
  scale: { requestsPerMinute: 2_000, burst: 400, creditsPerMonth: 1_000_000, activeKeys: 50, dedicatedGatewayKey: true },
  enterprise: { requestsPerMinute: 3_000, burst: 1_000, creditsPerMonth: null, activeKeys: null, dedicatedGatewayKey: true },
};

export const DEFAULT_TIER_NAME = 'free';

export type GatewayKeyKind = 'dedicated' | 'pooled';

/**
 * A pooled gateway key is shared by the tenants hashed to it, so its plan's bucket is this many
 * times a tenant's: one tenant can take at most that much from the others of its shard.
 */
export const POOLED_THROTTLE_FACTOR = 10;

/** Usage plan name for a tier; pooled keys sit in a plan of their own with no quota. */
export function usagePlanName(prefix: string, tier: string, kind: GatewayKeyKind): string {
  return kind === 'pooled' ? `${prefix}-${tier}-pooled` : `${prefix}-${tier}`;
}

/** The name of a tier's pooled key for one shard; a name, not an id, so a lost CreateApiKey answer can be found again. */
export function pooledGatewayKeyName(prefix: string, tier: string, shard: number): string {
  return `${prefix}-${tier}-pool-${shard}`;
}

/** The tag every API Gateway key of a stack carries, so the stack's keys can be listed and removed with it. */
export const STACK_TAG = 'memory-api:stack';

/** The input the stack's hourly schedule gives the gateway-keys function (lib/gateway-keys.ts). */
export interface GatewayKeysCheck {
  readonly check: 'gateway-keys';
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
