/**
 * A token bucket on the local stack's clock, as API Gateway throttles: `ratePerSecond` tokens
 * flow in, at most `capacity` are kept, a request takes one (or what it counts: S3 Vectors' write
 * rate counts vectors).
 */
export class TokenBucket {
  private tokens: number;
  private at: number | undefined;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  /** Whether `count` tokens are there now (without taking them). */
  hasToken(now: number, count = 1): boolean {
    this.refill(now);
    return this.tokens >= count;
  }

  take(count = 1): void {
    this.tokens -= count;
  }

  /** Takes `count` tokens if they are there. */
  tryTake(now: number, count = 1): boolean {
    if (!this.hasToken(now, count)) return false;
    this.take(count);
    return true;
  }

  private refill(now: number): void {
    if (this.at !== undefined)
      this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.at) / 1000) * this.ratePerSecond);
    this.at = now;
  }
}
