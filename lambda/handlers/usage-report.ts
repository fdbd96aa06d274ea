import * as z from 'zod/mini';
import { keyStatus } from '../domain/records';
import type { Dependencies } from '../wiring/dependencies';
import { parseWith, QUERY } from '../http/validation';
import type { AuthenticatedRequest } from './request';
import type { UsageReportView } from './response-bodies';
import { tenantFields } from './tenant-guard';

const DAY_MS = 86_400_000;
/** The newest keys of the sandbox are reported: one short query each, sent together. */
export const MAX_KEYS_REPORTED = 100;

export const UsageReportQuery = z.strictObject({
  days: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(90)), 30),
  ...tenantFields,
});

/**
 * Requests per day of each key of the caller's sandbox, so the console's usage page needs one
 * request instead of one per key. Keys that ended before the period are left out: they have none.
 */
export async function keyHistories(request: AuthenticatedRequest, deps: Dependencies): Promise<Omit<UsageReportView, 'usage'>> {
  const query = parseWith(UsageReportQuery, request.query, QUERY);
  const { tenantId, environment } = request.principal;
  const days = Array.from({ length: query.days }, (_, index) =>
    new Date(request.now - (query.days - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
  const periodStart = `${days[0]}T00:00:00.000Z`;
  const listed = await deps.apiKeys.list(tenantId, { environment }, { limit: MAX_KEYS_REPORTED }, request.now);
  const reported = listed.items.filter((key) => {
    const ended = key.revokedAt ?? key.expiresAt;
    return ended === null || ended >= periodStart;
  });
  const keys = await Promise.all(
    reported.map(async (key) => {
      const counts = await deps.usage.keyRequestsByDay(tenantId, key.keyId, query.days, request.now);
      const requests = days.map((day) => counts.get(day) ?? 0);
      return {
        id: key.keyId,
        name: key.name,
        start: key.start,
        status: keyStatus(key, request.now),
        requests,
        total: requests.reduce((sum, count) => sum + count, 0),
      };
    }),
  );
  return { environment, days, keys, total: keys.reduce((sum, key) => sum + key.total, 0) };
}
