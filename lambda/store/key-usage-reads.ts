import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../domain/errors';
import { dayKey, keyUsagePartition } from './item-keys';
import { dayItemLastUse, dayOf, keyCountOn, readKeyDayCounts, type KeyDayCounts } from './key-day-counts';
import { queryItems } from './pagination';

/** A move of the counter's day may overlap a read; it is read again this many times at most. */
const READ_ATTEMPTS = 3;

/**
 * Requests per UTC day for one key, from `days` ago to today (missing days are absent): its day
 * items, and its count of the counter's day.
 */
export async function keyRequestsByDay(
  db: DynamoDBDocumentClient,
  table: string,
  { tenantId, keyId, days, now }: { tenantId: string; keyId: string; days: number; now: number },
): Promise<Map<string, number>> {
  const from = dayOf(now - (days - 1) * 86_400_000);
  const to = dayOf(now);
  const query = {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ProjectionExpression: 'sk, requests',
    ExpressionAttributeValues: { ':pk': keyUsagePartition(tenantId, keyId), ':from': dayKey(from), ':to': dayKey(to) },
    ConsistentRead: true,
  };
  const [counter, counts] = await besideCounter(db, table, tenantId, async () => {
    const found = new Map<string, number>();
    for await (const item of queryItems(db, query)) found.set(String(item.sk).slice(dayKey('').length), Number(item.requests ?? 0));
    return found;
  });
  const onCounter = keyCountOn(counter, keyId);
  if (onCounter && onCounter.day >= from && onCounter.day <= to)
    counts.set(onCounter.day, (counts.get(onCounter.day) ?? 0) + onCounter.requests);
  return counts;
}

/** When each key was last used: on the counter's day, or on the newest of its kept usage days (one short query per key, sent together). */
export async function lastUsed(
  db: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
  keyIds: readonly string[],
): Promise<Map<string, string>> {
  const [counter, found] = await besideCounter(db, table, tenantId, () =>
    Promise.all(
      keyIds.map(async (keyId) => {
        const query = {
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ProjectionExpression: 'lastUsedAt, lastMeteredAt',
          ExpressionAttributeValues: { ':pk': keyUsagePartition(tenantId, keyId) },
          ScanIndexForward: false,
          ConsistentRead: true,
          // The newest days: an end marker for tomorrow may come before the last day of use.
          Limit: 3,
        };
        for await (const item of queryItems(db, query)) {
          const used = dayItemLastUse(item);
          if (used) return used;
        }
        return undefined;
      }),
    ),
  );
  const uses = new Map<string, string>();
  keyIds.forEach((keyId, index) => {
    const latest = [found[index], keyCountOn(counter, keyId)?.lastUsedAt]
      .filter((use) => use !== undefined)
      .sort()
      .at(-1);
    if (latest) uses.set(keyId, latest);
  });
  return uses;
}

/**
 * Runs `read` of key day items between two reads of the counter's key counts: when the counter's
 * day is the same after as before, no move of its counts to the day items overlapped the read,
 * so the two add up exactly (neither missed nor counted twice).
 */
async function besideCounter<T>(
  db: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
  read: () => Promise<T>,
): Promise<[KeyDayCounts, T]> {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const before = await readKeyDayCounts(db, table, tenantId);
    const result = await read();
    const after = await readKeyDayCounts(db, table, tenantId);
    if (after.day === before.day) return [after, result];
  }
  throw new DomainError('contention', 'Too many concurrent changes to this account; retry shortly');
}
