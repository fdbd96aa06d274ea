import { ROUTES, type RouteDef } from './routes';
import { routeCapEdgeThrottle, tierEdgeQuota, tierEdgeThrottle, usagePlanName, type GatewayKeyKind, type Tier } from './tiers';

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

/** A dedicated-key and a pooled-key usage plan per tier, from the tier table and the route caps. */
export function usagePlanDefinitions(
  prefix: string,
  tiers: Readonly<Record<string, Tier>>,
  routes: readonly RouteDef[] = ROUTES,
): UsagePlanDefinition[] {
  const capped = routes.filter((route): route is RouteDef & { perMinuteCap: number } => route.perMinuteCap !== undefined);
  return Object.entries(tiers).flatMap(([tierName, tier]) =>
    (['dedicated', 'pooled'] as const).map((kind) => ({
      name: usagePlanName(prefix, tierName, kind),
      tier: tierName,
      kind,
      throttle: tierEdgeThrottle(tier, kind),
      quota: tierEdgeQuota(tier, kind),
      methodThrottles: Object.fromEntries(
        capped.map((route) => [`${route.method} ${route.path}`, routeCapEdgeThrottle(route.perMinuteCap, kind)]),
      ),
    })),
  );
}
