import type { GatewayKeyKind } from '../domain/records';
import type { Tier } from './tier-schema';

export type { Tier };

export const TIER_NAME_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

export const DEFAULT_TIERS: Readonly<Record<string, Tier>> = {
  free: { requestsPerMinute: 60, burst: 20, creditsPerMonth: 1_000, activeKeys: 2, dedicatedGatewayKey: false },
  starter: { requestsPerMinute: 300, burst: 100, creditsPerMonth: 25_000, activeKeys: 5, dedicatedGatewayKey: true },
  pro: { requestsPerMinute: 1_200, burst: 200, creditsPerMonth: 200_000, activeKeys: 20, dedicatedGatewayKey: true },
  scale: { requestsPerMinute: 2_000, burst: 400, creditsPerMonth: 1_000_000, activeKeys: 50, dedicatedGatewayKey: true },
  enterprise: { requestsPerMinute: 3_000, burst: 1_000, creditsPerMonth: null, activeKeys: null, dedicatedGatewayKey: true },
};

export const DEFAULT_TIER_NAME = 'free';

export type { GatewayKeyKind };

/**
 * API Gateway's default account throttle in a region (all APIs together; AWS raises it on request).
 * A usage plan's throttle cannot go past it, so a pooled key holds no more tenants than it allows.
 */
export const ACCOUNT_THROTTLE = { rateLimit: 10_000, burstLimit: 5_000 } as const;

/**
 * Tenants sharing one pooled gateway key of a tier: `configured`, fewer when the key's plan (the
 * tier's rate and burst times the tenants) would pass the account's throttle.
 */
export function tenantsPerPooledKey(tier: Tier, configured: number): number {
  const byRate = Math.floor(ACCOUNT_THROTTLE.rateLimit / (tier.requestsPerMinute / 60));
  const byBurst = Math.floor(ACCOUNT_THROTTLE.burstLimit / tier.burst);
  return Math.max(1, Math.min(configured, byRate, byBurst));
}

/**
 * The "pool" of the one gateway key the authorizer returns for a tenant it knows to be over its
 * edge limits: its plan lets one request a second through to our exact counters (which answer with
 * the real Retry-After) and throttles the rest, so such requests never spend a shard-mate's token.
 * Not a tier name (those start with a letter).
 */
export const OVER_LIMIT_POOL = '_over-limit';
export const OVER_LIMIT_THROTTLE = { rateLimit: 1, burstLimit: 1 } as const;

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

/**
 * What the gateway's usage plan enforces for a tier: the cheap first line, ahead of our exact
 * counters. A pooled key's bucket is the sum of its tenants' buckets, and the authorizer holds each
 * tenant to its own share (tenant-edge-guard.ts), so the key admits every tenant's full rate.
 */
export function tierEdgeThrottle(tier: Tier, kind: GatewayKeyKind, tenantsPerKey: number): { rateLimit: number; burstLimit: number } {
  const tenants = kind === 'pooled' ? tenantsPerKey : 1;
  return { rateLimit: (tier.requestsPerMinute / 60) * tenants, burstLimit: tier.burst * tenants };
}

/** A route cap at the edge: its per-minute number as the bucket, refilled evenly over the minute (summed over a pooled key's tenants). */
export function routeCapEdgeThrottle(
  perMinute: number,
  kind: GatewayKeyKind,
  tenantsPerKey: number,
): { rateLimit: number; burstLimit: number } {
  const tenants = kind === 'pooled' ? tenantsPerKey : 1;
  // Within the account throttle, which no usage plan may pass.
  return {
    rateLimit: Math.min((perMinute / 60) * tenants, ACCOUNT_THROTTLE.rateLimit),
    burstLimit: Math.min(perMinute * tenants, ACCOUNT_THROTTLE.burstLimit),
  };
}
