import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { failedConditions, transactNamed, type NamedItems } from '../platform/dynamo';
import type { TransactItem } from './charged-write';
import { counterKey, dayKey, keyUsagePartition } from './item-keys';

/*
 * Each API key's requests of one UTC day, and its last use, kept on the tenant counter: the write
 * that charges a request counts it for its key too, so a metered request writes one item (one
 * write unit) and a key's usage is exact the moment the charge is. `day` names the day the counts
 * belong to; the first key request of a later day moves them to the keys' day items, in one
 * transaction with clearing them, and starts the new day empty.
 */

/**
 * Keys counted on the counter in one day. The counter stays within one write unit (1 KB) with
 * this many keys, two key ends and a transaction's writer mark (measured in
 * test/store/usage-counters.test.ts); a further key's requests that day are counted on its day
 * item, written beside the counter (two write units for that key's requests).
 */
export const KEY_SLOTS = 10;

/** Key ids all start so; the counter names a key by the rest, to keep the item small. */
const KEY_ID_PREFIX = 'key_';

/** The counter's attributes for key usage: the day, requests per key, last use per key (milliseconds after the day began). */
const DAY = 'day';
const REQUESTS = 'kr';
const LAST_USE = 'kl';

export interface KeyDayCounts {
  readonly day?: string;
  readonly kr?: Readonly<Record<string, number>>;
  readonly kl?: Readonly<Record<string, number>>;
}

/** Whether a count of `keyId` on `day` fits a counter as it was: in its day and in a slot, or why not. */
export type KeyFit = 'fits' | 'other-day' | 'no-slot';

export const dayOf = (now: number) => new Date(now).toISOString().slice(0, 10);
const slotOf = (keyId: string) => keyId.slice(KEY_ID_PREFIX.length);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

/** The part of a counter write that counts the request for its key on `day`: in the key's slot, or a free one. */
export function keyCountPart(keyId: string, day: string, now: number) {
  return {
    names: { '#day': DAY, '#kr': REQUESTS, '#kl': LAST_USE, '#slot': slotOf(keyId) },
    values: { ':day': day, ':zero': 0, ':one': 1, ':slots': KEY_SLOTS, ':usedAt': now - dayStart(day) },
    sets: ['#kr.#slot = if_not_exists(#kr.#slot, :zero) + :one', '#kl.#slot = :usedAt'],
    conditions: ['#day = :day', '(attribute_exists(#kr.#slot) OR size(#kr) < :slots)'],
  };
}

export function keyFit(counter: KeyDayCounts, keyId: string, day: string): KeyFit {
  if (counter.day !== day) return 'other-day';
  const counts = counter.kr ?? {};
  return slotOf(keyId) in counts || Object.keys(counts).length < KEY_SLOTS ? 'fits' : 'no-slot';
}

/** The key's requests and last use on the counter, for the counter's day (undefined: none that day). */
export function keyCountOn(counter: KeyDayCounts, keyId: string): { day: string; requests: number; lastUsedAt: string } | undefined {
  const slot = slotOf(keyId);
  const requests = counter.kr?.[slot];
  const offset = counter.kl?.[slot];
  if (counter.day === undefined || requests === undefined || offset === undefined) return undefined;
  return { day: counter.day, requests: Number(requests), lastUsedAt: new Date(dayStart(counter.day) + Number(offset)).toISOString() };
}

export async function readKeyDayCounts(db: DynamoDBDocumentClient, table: string, tenantId: string): Promise<KeyDayCounts> {
  const result = await db.send(
    new GetCommand({
      TableName: table,
      Key: counterKey(tenantId),
      ConsistentRead: true,
      ProjectionExpression: '#day, #kr, #kl',
      ExpressionAttributeNames: { '#day': DAY, '#kr': REQUESTS, '#kl': LAST_USE },
    }),
  );
  return (result.Item ?? {}) as KeyDayCounts;
}

/**
 * Starts `day` on the counter: the counts of the day it holds (`counter`, as a failed write returned
 * it) go to the keys' day items in one transaction with clearing them. The transaction's condition
 * is the counts as read, so a count added since makes it fail rather than be lost, and a writer
 * that moved them first makes it fail rather than move them twice: either way the caller's next
 * write reads the counter again. One transaction suffices: it holds at most `KEY_SLOTS` + 1 items
 * (DynamoDB allows 100).
 */
export async function startKeyDay(
  db: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
  counter: KeyDayCounts,
  day: string,
  dayItemTtl: number,
): Promise<void> {
  const known = counter.day !== undefined;
  const start: TransactItem['Update'] = {
    TableName: table,
    Key: counterKey(tenantId),
    UpdateExpression: 'SET #day = :day, #kr = :empty, #kl = :empty',
    ConditionExpression: known ? '#day = :old AND #kr = :counts' : 'attribute_not_exists(#day)',
    ExpressionAttributeNames: { '#day': DAY, '#kr': REQUESTS, '#kl': LAST_USE },
    ExpressionAttributeValues: { ':day': day, ':empty': {}, ...(known ? { ':old': counter.day, ':counts': counter.kr ?? {} } : {}) },
  };
  const items: Record<string, TransactItem> = { counter: { Update: start } };
  for (const [slot, requests] of Object.entries(counter.kr ?? {})) {
    const offset = counter.kl?.[slot];
    items[slot] = {
      Update: {
        TableName: table,
        Key: { pk: keyUsagePartition(tenantId, `${KEY_ID_PREFIX}${slot}`), sk: dayKey(counter.day ?? day) },
        // Management requests of the key write `lastUsedAt` on this item at any time: the moved last use keeps a name of its own, and readers take the later.
        UpdateExpression: `ADD requests :requests SET #ttl = if_not_exists(#ttl, :ttl)${offset === undefined ? '' : ', lastMeteredAt = :usedAt'}`,
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':requests': requests,
          ':ttl': dayItemTtl,
          ...(offset === undefined ? {} : { ':usedAt': new Date(dayStart(counter.day ?? day) + offset).toISOString() }),
        },
      },
    };
  }
  try {
    await transactNamed(db, items as NamedItems<string>);
  } catch (error) {
    if (!failedConditions(error, items as NamedItems<string>).has('counter')) throw error;
  }
}

/** The later of a key day item's two last uses (management requests, and metered requests moved off the counter). */
export function dayItemLastUse(item: Record<string, unknown>): string | undefined {
  const uses = [item.lastUsedAt, item.lastMeteredAt].filter((use): use is string => typeof use === 'string');
  return uses.sort().at(-1);
}

/** A request of a key with no slot on the counter that day: counted on the key's day item. */
export async function countOnKeyDayItem(
  db: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
  keyId: string,
  now: number,
  dayItemTtl: number,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keyUsagePartition(tenantId, keyId), sk: dayKey(dayOf(now)) },
      UpdateExpression: 'ADD requests :one SET lastUsedAt = :now, #ttl = if_not_exists(#ttl, :ttl)',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':now': new Date(now).toISOString(), ':ttl': dayItemTtl },
    }),
  );
}
