/**
 * The clock of a test's local stack: real time plus an offset the test moves, so time-dependent
 * rules (minute windows, expiry, grace periods, lockouts, token lifetimes) are tested without
 * sleeping, while ids made one after another still sort by creation. A test that needs exact
 * figures (a Retry-After to the second) freezes it.
 */
export class TestClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  readonly now = (): number => this.frozenAt ?? Date.now() + this.offsetMs;

  advance(ms: number): void {
    if (this.frozenAt === undefined) this.offsetMs += ms;
    else this.frozenAt += ms;
  }

  /** Moves the clock to `instant`; it keeps ticking from there. */
  jumpTo(instant: number): void {
    this.frozenAt = undefined;
    this.offsetMs = instant - Date.now();
  }

  /** Stops the clock at `instant` until the next `jumpTo`. */
  freezeAt(instant: number): void {
    this.frozenAt = instant;
  }

  /** The instant `secondsIn` seconds into the next UTC minute. */
  nextMinute(secondsIn = 1): number {
    return (Math.floor(this.now() / 60_000) + 1) * 60_000 + secondsIn * 1000;
  }

  /** Moves the clock into the next UTC minute, so a test's requests share one minute window. */
  startOfNextMinute(secondsIn = 1): void {
    this.jumpTo(this.nextMinute(secondsIn));
  }
}
