import type { RouteDef } from './routes';
import type { EdgeThrottleLimit } from './usage-plans';

/**
 * The stage's method throttle on the public credential routes (register, login), one bucket per
 * method shared by every caller: no usage plan covers an unauthenticated call and each one runs a
 * slow password hash, so it caps their total cost. Per client, the web ACL's rate rules (on the
 * real client address, also behind CloudFront) and our own per-address attempt counters apply.
 */
export const CREDENTIAL_ROUTE_THROTTLE: EdgeThrottleLimit = { rateLimit: 10, burstLimit: 20 };

/** Unauthenticated routes that issue credentials (register, login). */
export function isCredentialRoute(route: Pick<RouteDef, 'access' | 'handler'>): boolean {
  return route.access === 'public' && route.handler === 'auth';
}
