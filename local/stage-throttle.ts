import type { RouteDef } from '../lambda/shared/routes';
import { CREDENTIAL_ROUTE_THROTTLE, isCredentialRoute } from '../lambda/shared/stage-throttles';
import { TokenBucket } from '../lambda/domain/token-bucket';

/**
 * The stage's method throttles as API Gateway applies them: one token bucket per throttled method,
 * shared by every caller of the stage (only the credential routes have one in this stack).
 */
export class StageThrottle {
  private readonly buckets = new Map<string, TokenBucket>();

  admits(route: RouteDef, now: number): boolean {
    if (!isCredentialRoute(route)) return true;
    const id = `${route.method} ${route.path}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = new TokenBucket(CREDENTIAL_ROUTE_THROTTLE.rateLimit, CREDENTIAL_ROUTE_THROTTLE.burstLimit);
      this.buckets.set(id, bucket);
    }
    return bucket.tryTake(now);
  }
}
