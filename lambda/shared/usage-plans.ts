import { ROUTES, type RouteDef } from './routes';
import {
  OVER_LIMIT_POOL,
  OVER_LIMIT_THROTTLE,
  routeCapEdgeThrottle,
  tenantsPerPooledKey,
  tierEdgeThrottle,
  usagePlanName,
  type GatewayKeyKind,
  type Tier,
} from './tiers';

export interface EdgeThrottleLimit {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** One usage plan of the stack: what the CDK deploys and what the local gateway enforces. */
export interface UsagePlanDefinition {
  readonly name: string;
  readonly tier: string;
  readonly kind: GatewayKeyKind;
  readonly throttle: EdgeThrottleLimit;
  /** Requests a month; null for none. */
  readonly quota: number | null;
  /** Method throttles by route key (`POST /v1/memories/search`). */
  readonly methodThrottles: Readonly<Record<string, EdgeThrottleLimit>>;
}

export interface EdgeConfig {
  readonly tiers: Readonly<Record<string, Tier>>;
  /** Tenants a pooled key holds (configuration `pooledTenantsPerKey`, see `tenantsPerPooledKey`). */
  readonly pooledTenantsPerKey: number;
}

/**
 * A dedicated-key and a pooled-key usage plan per tier, from the tier table and the route caps,
 * and the over-limit plan. No plan has a monthly quota: API Gateway counts every request that
 * passes the throttle, refused ones included, so a quota would cut off a tenant our counters still
 * give credits to. Credits are enforced by our counters alone (docs/edge-capacity.md).
 */
export function usagePlanDefinitions(prefix: string, config: EdgeConfig, routes: readonly RouteDef[] = ROUTES): UsagePlanDefinition[] {
  const capped = routes.filter((route): route is RouteDef & { perMinuteCap: number } => route.perMinuteCap !== undefined);
  const tierPlans = Object.entries(config.tiers).flatMap(([tierName, tier]) => {
    const perKey = tenantsPerPooledKey(tier, config.pooledTenantsPerKey);
    return (['dedicated', 'pooled'] as const).map((kind) => ({
      name: usagePlanName(prefix, tierName, kind),
      tier: tierName,
      kind,
      throttle: tierEdgeThrottle(tier, kind, perKey),
      quota: null,
      methodThrottles: Object.fromEntries(
        capped.map((route) => [`${route.method} ${route.path}`, routeCapEdgeThrottle(route.perMinuteCap, kind, perKey)]),
      ),
    }));
  });
  const overLimit: UsagePlanDefinition = {
    name: usagePlanName(prefix, OVER_LIMIT_POOL, 'pooled'),
    tier: OVER_LIMIT_POOL,
    kind: 'pooled',
    throttle: OVER_LIMIT_THROTTLE,
    quota: null,
    methodThrottles: {},
  };
  return [...tierPlans, overLimit];
}
