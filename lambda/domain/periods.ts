/** Unix seconds when the current minute window ends, and when the current UTC month ends. */
export function minuteWindowEnd(now: number): number {
  return Math.floor(now / 60_000) * 60 + 60;
}

export function monthEnd(now: number): number {
  const date = new Date(now);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000);
}

export function monthStart(now: number): number {
  const date = new Date(now);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000);
}
