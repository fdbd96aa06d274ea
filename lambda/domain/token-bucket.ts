/**
 * A token bucket on the local stack's clock, as API Gateway throttles: `ratePerSecond` tokens
 * flow in, at most `capacity` are kept, a request takes one.
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

  /** Whether a token is there now (without taking it). */
  hasToken(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }

  /** Takes a token if there is one. */
  tryTake(now: number): boolean {
    if (!this.hasToken(now)) return false;
    this.take();
    return true;
  }

  private refill(now: number): void {
    if (this.at !== undefined)
      this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.at) / 1000) * this.ratePerSecond);
    this.at = now;
  }
}
