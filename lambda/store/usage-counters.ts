import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryItems } from './pagination';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from '../platform/dynamo';

/** Usage is kept 100 days, enough for the 90-day per-key report. */
const DAY_ITEM_TTL_SECONDS = 100 * 86_400;
/**
 * Each write removes the counters of the three minutes before it, so a busy day item stays small;
 * a minute followed by a longer pause keeps its few bytes until the day item expires.
 */
const STALE_MINUTES_REMOVED = 3;

export interface ChargeRequest {
  readonly tenantId: string;
  /** The API key charged, or undefined for an owner's access token. */
  readonly keyId?: string;
  readonly requestsPerMinute: number;
  readonly creditsPerMonth: number | null;
  /** A per-route cap (e.g. search), counted on its own attribute. */
  readonly cap?: { readonly name: string; readonly perMinute: number };
  readonly now: number;
}

export type ChargeResult =
  | { readonly ok: true; readonly minuteCount: number; readonly creditsUsed: number }
  | { readonly ok: false; readonly reason: 'rate' | 'cap' | 'quota'; readonly minuteCount: number; readonly creditsUsed: number };

/**
 * Exact per-tenant counters: two conditional writes per request, sent together, and no reads.
 * 1. the tenant's day item: this minute's request count (and route cap count) with the limit in
 *    the condition, plus the key's requests that day and its last use;
 * 2. the tenant's month item: credits used, with the monthly allowance in the condition.
 * A request refused by the first write gets its credit back (a third write, on refusals only);
 * one refused by the second still counts toward the minute (it was made) but costs no credit.
 * Sending both at once saves a round trip on every request; the price is that, for the moment
 * before a refund, a refused request holds a credit that a concurrent one may have needed.
 */
export class UsageCounters {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const minute = minuteOfDay(request.now);
    const [day, month] = await Promise.allSettled([this.countMinute(request, minute), this.countCredit(request)]);
    if (day.status === 'rejected' || month.status === 'rejected') {
      if (month.status === 'fulfilled') await this.refundCredit(request);
      const failure = [day, month].find((result) => result.status === 'rejected' && !isConditionFailure(result.reason));
      if (failure?.status === 'rejected') throw failure.reason;
    }
    if (day.status === 'rejected') {
      // Exceptions are not unmarshalled by the document client.
      const old = unmarshall((day.reason as Error & { Item?: Record<string, AttributeValue> }).Item ?? {});
      const count = Number(old[`m${minute}`] ?? 0);
      const creditsUsed = month.status === 'fulfilled' ? month.value - 1 : (request.creditsPerMonth ?? 0);
      return { ok: false, reason: count >= request.requestsPerMinute ? 'rate' : 'cap', minuteCount: count, creditsUsed };
    }
    if (month.status === 'rejected')
      return { ok: false, reason: 'quota', minuteCount: day.value, creditsUsed: request.creditsPerMonth ?? 0 };
    return { ok: true, minuteCount: day.value, creditsUsed: month.value };
  }

  /** Counts the request in this minute (and its route cap), refusing it past the limit. */
  private async countMinute(request: ChargeRequest, minute: number): Promise<number> {
    const names: Record<string, string> = { '#m': `m${minute}`, '#ttl': 'ttl' };
    const values: Record<string, unknown> = {
      ':one': 1,
      ':rpm': request.requestsPerMinute,
      ':ttl': Math.floor(request.now / 1000) + DAY_ITEM_TTL_SECONDS,
    };
    const adds = ['#m :one'];
    const sets = ['#ttl = if_not_exists(#ttl, :ttl)'];
    const conditions = ['(attribute_not_exists(#m) OR #m < :rpm)'];
    const removes: string[] = [];
    for (let back = 1; back <= STALE_MINUTES_REMOVED && minute - back >= 0; back++) {
      names[`#old${back}`] = `m${minute - back}`;
      removes.push(`#old${back}`);
    }
    if (request.cap) {
      names['#cap'] = `c_${request.cap.name}_${minute}`;
      values[':cap'] = request.cap.perMinute;
      adds.push('#cap :one');
      conditions.push('(attribute_not_exists(#cap) OR #cap < :cap)');
      for (let back = 1; back <= STALE_MINUTES_REMOVED && minute - back >= 0; back++) {
        names[`#oldcap${back}`] = `c_${request.cap.name}_${minute - back}`;
        removes.push(`#oldcap${back}`);
      }
    }
    if (request.keyId) {
      names['#k'] = `k_${request.keyId}`;
      names['#lu'] = `lu_${request.keyId}`;
      values[':now'] = new Date(request.now).toISOString();
      adds.push('#k :one');
      sets.push('#lu = :now');
    }
    const day = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: dayKey(request.tenantId, request.now),
        UpdateExpression: `ADD ${adds.join(', ')} SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'UPDATED_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return Number(day.Attributes?.[`m${minute}`] ?? 1);
  }

  /** Takes one credit, refusing it past the monthly allowance; returns the credits used after it. */
  private async countCredit(request: ChargeRequest): Promise<number> {
    const limited = request.creditsPerMonth !== null;
    const month = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: monthKey(request.tenantId, request.now),
        UpdateExpression: 'ADD used :one',
        ...(limited ? { ConditionExpression: 'attribute_not_exists(used) OR used < :credits' } : {}),
        ExpressionAttributeValues: { ':one': 1, ...(limited ? { ':credits': request.creditsPerMonth } : {}) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(month.Attributes?.used ?? 1);
  }

  private async refundCredit(request: ChargeRequest): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: monthKey(request.tenantId, request.now),
        UpdateExpression: 'ADD used :minusOne',
        ExpressionAttributeValues: { ':minusOne': -1 },
      }),
    );
  }

  async creditsUsed(tenantId: string, now: number): Promise<number> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: monthKey(tenantId, now), ConsistentRead: true }));
    return Number(result.Item?.used ?? 0);
  }

  /** Requests per UTC day for one key, from `days` ago to today (missing days are absent). */
  async keyRequestsByDay(tenantId: string, keyId: string, days: number, now: number): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const from = dayKey(tenantId, now - (days - 1) * 86_400_000).sk;
    for await (const item of this.dayItems(tenantId, from, now, { projection: `k_${keyId}` })) {
      counts.set(String(item.sk).slice('DAY#'.length), Number(item[`k_${keyId}`] ?? 0));
    }
    return counts;
  }

  /** When each key was last used, looking back over the kept usage days, newest first. */
  async lastUsed(tenantId: string, keyIds: readonly string[], now: number): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (keyIds.length === 0) return found;
    for await (const item of this.dayItems(tenantId, 'DAY#', now, { newestFirst: true })) {
      for (const keyId of keyIds) {
        const value = item[`lu_${keyId}`];
        if (typeof value === 'string' && !found.has(keyId)) found.set(keyId, value);
      }
      if (found.size === keyIds.length) break;
    }
    return found;
  }

  /** The tenant's day items from `fromSk` to today, page by page, so a reader can stop early. */
  private dayItems(tenantId: string, fromSk: string, now: number, options: { newestFirst?: boolean; projection?: string }) {
    const today = dayKey(tenantId, now);
    return queryItems(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': today.pk, ':from': fromSk, ':to': today.sk },
      ...(options.projection ? { ProjectionExpression: 'sk, #p', ExpressionAttributeNames: { '#p': options.projection } } : {}),
      ScanIndexForward: !options.newestFirst,
    });
  }
}

const minuteOfDay = (now: number) => Math.floor((now % 86_400_000) / 60_000);
const dayKey = (tenantId: string, now: number) => ({ pk: `TENANT#${tenantId}`, sk: `DAY#${new Date(now).toISOString().slice(0, 10)}` });
const monthKey = (tenantId: string, now: number) => ({ pk: `TENANT#${tenantId}`, sk: `MONTH#${new Date(now).toISOString().slice(0, 7)}` });

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
