/**
 * The clock of a test's local stack: real time plus an offset the test moves, so time-dependent
 * rules (minute windows, expiry, grace periods, lockouts, token lifetimes) are tested without
 * sleeping, while ids made one after another still sort by creation.
 */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): number => Date.now() + this.offsetMs;

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Moves the clock to `instant`; it keeps ticking from there. */
  jumpTo(instant: number): void {
    this.offsetMs = instant - Date.now();
  }

  /** Moves the clock to `secondsIn` seconds into the next UTC minute, so a test's requests share one minute window. */
  startOfNextMinute(secondsIn = 1): void {
    this.jumpTo((Math.floor(this.now() / 60_000) + 1) * 60_000 + secondsIn * 1000);
  }
}
