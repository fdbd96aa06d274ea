/** Dates as the reader's locale shows them, in one place. */
export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000_000],
  ['month', 2_592_000_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];
const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago", "in 2 hours": a time as a distance from now. */
export function relative(iso: string, now = Date.now()): string {
  const distance = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) if (Math.abs(distance) >= ms) return RELATIVE.format(Math.round(distance / ms), unit);
  return Math.abs(distance) < 45_000 ? 'just now' : RELATIVE.format(Math.round(distance / 1000), 'second');
}

/**
 * A relative time; the exact one shows on hover (and to screen readers through the `time` element).
 * A `past` event the server dates a moment ahead of this device's clock is "just now", not "in 1 minute".
 */
export function Time({ iso, empty = '—', past = false }: { iso: string | null | undefined; empty?: string; past?: boolean }) {
  if (!iso) return <span class="muted">{empty}</span>;
  const now = Date.now();
  return (
    <time dateTime={iso} title={when(iso)}>
      {past && Date.parse(iso) > now ? 'just now' : relative(iso, now)}
    </time>
  );
}
