import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { Dependencies } from '../wiring/dependencies';
import { findTier } from '../shared/deployed-config';
import { routeFor } from '../shared/routes';
import { TokenBucket } from '../domain/token-bucket';
import { OVER_LIMIT_POOL, type Tier } from '../shared/tiers';
import type { AuthorizationOutcome } from './outcome';

const TENANTS_TRACKED = 10_000;
/** How long a missing over-limit key (not made yet) is remembered before it is read again. */
const MISSING_KEY_RETRY_MS = 60_000;

/** What this authorizer instance has admitted of one tenant: its tier's edge bucket and its current minute. */
class TenantShare {
  private minute = -1;
  private count = 0;
  private readonly bucket: TokenBucket;

  constructor(
    readonly tierName: string,
    private readonly tier: Tier,
  ) {
    this.bucket = new TokenBucket(tier.requestsPerMinute / 60, tier.burst);
  }

  /** Takes one request of the tenant's share; false when it is past its tier's edge bucket or its minute. */
  take(now: number): boolean {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.count = 0;
    }
    if (this.count >= this.tier.requestsPerMinute || !this.bucket.tryTake(now)) return false;
    this.count += 1;
    return true;
  }
}

/**
 * Holds each tenant to its own share of a shared (pooled) gateway key, before the usage plan
 * spends a token: a request past the tenant's tier bucket (rate and burst, what a dedicated key
 * would allow) or past its requests per minute gets the over-limit gateway key instead of its own.
 * That key's plan lets one request a second through to our counters, which answer with the exact
 * Retry-After, and throttles the rest (429 at the edge); shard-mates lose nothing.
 *
 * The counts are this instance's: API Gateway spreads a tenant's requests over the authorizer's
 * instances, so a tenant may reach its shard with up to its share per instance serving it. Our
 * DynamoDB counters stay exact. Management routes (no usage plan) and other APIs' routes are not counted.
 */
export class TenantEdgeGuard {
  private readonly shares = new Map<string, TenantShare>();
  private overLimitKey: { value?: string; readAt: number } | undefined;

  constructor(private readonly deps: Dependencies) {}

  async admit(outcome: AuthorizationOutcome, event: APIGatewayRequestAuthorizerEvent): Promise<AuthorizationOutcome> {
    if (!outcome.allowed) return outcome;
    const route = routeFor(event.httpMethod, event.resource);
    if (!route || route.access === 'public' || ('management' in route && route.management)) return outcome;
    const { identity } = outcome;
    const tier = findTier(this.deps.config, identity.tier);
    if (!tier) return outcome;
    const now = this.deps.now();
    if (this.share(identity.tenantId, identity.tier, tier).take(now)) return outcome;
    const overLimit = await this.overLimitKeyValue(now);
    if (!overLimit) return outcome;
    this.deps.metrics.record('EdgeGuardRefusals', { tier: identity.tier });
    return { allowed: true, identity: { ...identity, gatewayKeyValue: overLimit } };
  }

  private share(tenantId: string, tierName: string, tier: Tier): TenantShare {
    let share = this.shares.get(tenantId);
    if (share?.tierName !== tierName) {
      share = new TenantShare(tierName, tier);
      if (this.shares.size >= TENANTS_TRACKED) this.shares.delete(this.shares.keys().next().value as string);
      this.shares.set(tenantId, share);
    }
    return share;
  }

  /** The over-limit key's value, read once (a key made at deploy; retried a minute later if it is not there yet). */
  private async overLimitKeyValue(now: number): Promise<string | undefined> {
    const known = this.overLimitKey;
    if (known && (known.value !== undefined || now - known.readAt < MISSING_KEY_RETRY_MS)) return known.value;
    const key = await this.deps.gatewayKeySlots.poolShard(OVER_LIMIT_POOL, 0);
    this.overLimitKey = { value: key?.value, readAt: now };
    return key?.value;
  }
}
