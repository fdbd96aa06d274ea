import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from '../platform/dynamo';
import { DomainError } from '../domain/errors';
import { counterKey, dayKey, keyUsagePartition, ownerUsagePartition } from './item-keys';
import { queryItems } from './pagination';
import {
  counterUpdate,
  nextWrite,
  refusal,
  type ChargeRequest,
  type ChargeResult,
  type CounterState,
  type CounterWrite,
  type ManagementRequest,
} from './usage-counter-writes';

export type { ChargeRequest, ChargeResult, ManagementRequest, RefusalReason } from './usage-counter-writes';

/** Key and owner usage days are kept 100 days, enough for the 90-day per-key report. */
const DAY_ITEM_TTL_SECONDS = 100 * 86_400;
/**
 * Each management request removes the budget counts of the three minutes before it, so a day item
 * holds at most one count per minute of the day (1,440): it cannot outgrow DynamoDB's 400 KB.
 */
const STALE_MINUTES_REMOVED = 3;
/** Concurrent first requests of a minute race to start its window; the losers count in it. */
const COUNTER_ATTEMPTS = 4;

/**
 * Exact usage with small items, one or two writes per request, sent together, and no reads:
 * 1. the tenant counter (one item): credits used this month and requests this minute (and each
 *    route cap), as values with the month and minute they belong to, so the item never grows; the
 *    limits sit in the write's condition, so a refused request changes nothing;
 * 2. the key's day item (API keys only): its requests that day and its last use, on the condition
 *    that the key was not ended (revoked, or past its rotation grace) since the authorizer read it.
 * Management routes (`/v1/api-keys*`, `/v1/usage`) spend no credits: they count against a small
 * per-minute budget of the calling credential on its day item, and read the credits used.
 */
export class UsageCounters {
  /** The last counter state this process saw per tenant: it picks the write most likely to succeed first. */
  private readonly seen = new Map<string, { month: string; minute: number }>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const [counter, key] = await Promise.allSettled([
      this.countRequest(request),
      request.keyId ? this.countKeyDay(request.tenantId, request.keyId, request.now) : Promise.resolve(true),
    ]);
    if (counter.status === 'rejected' || key.status === 'rejected') {
      // A failed store call fails the request: give back what the other write took, as far as the store answers.
      if (counter.status === 'fulfilled' && counter.value.ok) await this.refundCredit(request).catch(() => undefined);
      if (key.status === 'fulfilled' && key.value && request.keyId) await this.refundKeyDay(request).catch(() => undefined);
      throw counter.status === 'rejected' ? counter.reason : (key as PromiseRejectedResult).reason;
    }
    const counted = counter.value;
    if (!key.value) {
      if (counted.ok) await this.refundCredit(request);
      return { ...counted, ok: false, reason: 'ended' };
    }
    if (!counted.ok && request.keyId) await this.refundKeyDay(request);
    return counted;
  }

  async chargeManagement(request: ManagementRequest): Promise<ChargeResult> {
    const minute = minuteOfDay(request.now);
    const [budget, creditsUsed] = await Promise.all([
      this.countManagement(request, minute),
      this.creditsUsed(request.tenantId, request.now),
    ]);
    if (budget.ok) return { ok: true, minuteCount: budget.count, creditsUsed };
    return { ok: false, reason: budget.reason, minuteCount: budget.count, creditsUsed };
  }

  /** Credits used this month (0 when the counter still holds another month). */
  async creditsUsed(tenantId: string, now: number): Promise<number> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: counterKey(tenantId), ConsistentRead: true }));
    return result.Item?.month === monthOf(now) ? Number(result.Item.used ?? 0) : 0;
  }

  /**
   * Makes a key's end exact: an authorizer may hold the key's record for its cache time, so the
   * key's day items for the days until then say when it ended, and the key's next charge is refused.
   */
  async endKey(tenantId: string, keyId: string, endsAt: string, now: number, cacheSeconds: number): Promise<void> {
    const until = now + cacheSeconds * 1000;
    const from = Math.max(now, Date.parse(endsAt));
    if (from > until) return;
    const days = new Set([dayOf(from), dayOf(until)]);
    await Promise.all(
      [...days].map((day) =>
        this.db
          .send(
            new UpdateCommand({
              TableName: this.table,
              Key: { pk: keyUsagePartition(tenantId, keyId), sk: dayKey(day) },
              UpdateExpression: 'SET endsAt = :endsAt, #ttl = if_not_exists(#ttl, :ttl)',
              // An earlier end (a revocation during a rotation's grace period) stands.
              ConditionExpression: 'attribute_not_exists(endsAt) OR endsAt > :endsAt',
              ExpressionAttributeNames: { '#ttl': 'ttl' },
              ExpressionAttributeValues: { ':endsAt': endsAt, ':ttl': dayItemTtl(now) },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          }),
      ),
    );
  }

  /** Requests per UTC day for one key, from `days` ago to today (missing days are absent). */
  async keyRequestsByDay(tenantId: string, keyId: string, days: number, now: number): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ProjectionExpression: 'sk, requests',
      ExpressionAttributeValues: {
        ':pk': keyUsagePartition(tenantId, keyId),
        ':from': dayKey(dayOf(now - (days - 1) * 86_400_000)),
        ':to': dayKey(dayOf(now)),
      },
    };
    for await (const item of queryItems(this.db, query)) counts.set(String(item.sk).slice(dayKey('').length), Number(item.requests ?? 0));
    return counts;
  }

  /** When each key was last used, looking back over the kept usage days: one short query per key, sent together. */
  async lastUsed(tenantId: string, keyIds: readonly string[]): Promise<Map<string, string>> {
    const found = await Promise.all(
      keyIds.map(async (keyId) => {
        const query = {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ProjectionExpression: 'lastUsedAt',
          ExpressionAttributeValues: { ':pk': keyUsagePartition(tenantId, keyId) },
          ScanIndexForward: false,
          // The newest days: an end marker for tomorrow may come before the last day of use.
          Limit: 3,
        };
        for await (const item of queryItems(this.db, query))
          if (typeof item.lastUsedAt === 'string') return [keyId, item.lastUsedAt] as const;
        return undefined;
      }),
    );
    return new Map(found.filter((entry) => entry !== undefined));
  }

  /** Counts the request in the tenant's minute and month, refusing it past a limit (nothing is counted then). */
  private async countRequest(request: ChargeRequest): Promise<ChargeResult> {
    let month = monthOf(request.now);
    let minute = Math.floor(request.now / 60_000);
    const hint = this.seen.get(request.tenantId);
    let write: CounterWrite = hint ? nextWrite(hint, month, minute) : 'same-minute';
    for (let attempt = 0; attempt < COUNTER_ATTEMPTS; attempt++) {
      try {
        const result = await this.db.send(new UpdateCommand(counterUpdate(this.table, request, write, month, minute)));
        this.remember(request.tenantId, month, minute);
        return { ok: true, minuteCount: Number(result.Attributes?.count ?? 1), creditsUsed: Number(result.Attributes?.used ?? 1) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const old = unmarshall((error as Error & { Item?: Record<string, AttributeValue> }).Item ?? {}) as CounterState;
        // Another writer's clock is ahead: count in its window rather than fight over it.
        if (old.month !== undefined && old.month > month) month = old.month;
        if (old.minute !== undefined && old.minute > minute && old.month === month) minute = old.minute;
        const next = nextWrite(old, month, minute);
        // The write fitted the counter's window, so a limit in its condition refused the request.
        if (next === write && write !== 'new-month') {
          this.remember(request.tenantId, month, minute);
          return refusal(request, write === 'new-minute' ? { ...old, count: 0 } : old);
        }
        write = next;
      }
    }
    throw new DomainError('contention', 'Too many concurrent requests for this account; retry shortly');
  }

  private remember(tenantId: string, month: string, minute: number): void {
    this.seen.delete(tenantId);
    if (this.seen.size >= 10_000) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(tenantId, { month, minute });
  }

  /** Counts the key's request on its day item; false when the key was ended before now. */
  private async countKeyDay(tenantId: string, keyId: string, now: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: keyUsagePartition(tenantId, keyId), sk: dayKey(dayOf(now)) },
          UpdateExpression: 'ADD requests :one SET lastUsedAt = :now, #ttl = if_not_exists(#ttl, :ttl)',
          ConditionExpression: 'attribute_not_exists(endsAt) OR endsAt > :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':now': new Date(now).toISOString(), ':ttl': dayItemTtl(now) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** One request of a credential's management budget; for a key, also one of its requests that day. */
  private async countManagement(
    request: ManagementRequest,
    minute: number,
  ): Promise<{ ok: true; count: number } | { ok: false; reason: 'rate' | 'ended'; count: number }> {
    const names: Record<string, string> = { '#m': `mm${minute}`, '#ttl': 'ttl' };
    const values: Record<string, unknown> = { ':one': 1, ':budget': request.perMinute, ':ttl': dayItemTtl(request.now) };
    const adds = ['#m :one'];
    const sets = ['#ttl = if_not_exists(#ttl, :ttl)'];
    const conditions = ['(attribute_not_exists(#m) OR #m < :budget)'];
    const removes: string[] = [];
    for (let back = 1; back <= STALE_MINUTES_REMOVED && minute - back >= 0; back++) {
      names[`#old${back}`] = `mm${minute - back}`;
      removes.push(`#old${back}`);
    }
    if (request.keyId) {
      values[':now'] = new Date(request.now).toISOString();
      adds.push('requests :one');
      sets.push('lastUsedAt = :now');
      conditions.push('(attribute_not_exists(endsAt) OR endsAt > :now)');
    }
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: {
            pk: request.keyId
              ? keyUsagePartition(request.tenantId, request.keyId)
              : ownerUsagePartition(request.tenantId, request.principalId),
            sk: dayKey(dayOf(request.now)),
          },
          UpdateExpression: `ADD ${adds.join(', ')} SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { ok: true, count: Number(result.Attributes?.[`mm${minute}`] ?? 1) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = unmarshall((error as Error & { Item?: Record<string, AttributeValue> }).Item ?? {});
      const count = Number(old[`mm${minute}`] ?? 0);
      // A key that ended is refused as such (401) even when its budget is spent too, never as a 429.
      const ended = typeof old.endsAt === 'string' && old.endsAt <= new Date(request.now).toISOString();
      return { ok: false, reason: ended || count < request.perMinute ? 'ended' : 'rate', count };
    }
  }

  /** Gives back the credit of a request refused after the counter took it. */
  private async refundCredit(request: ChargeRequest): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: counterKey(request.tenantId),
          UpdateExpression: 'ADD used :minusOne',
          // A new month has started meanwhile: its count owes nothing.
          ConditionExpression: '#month = :month',
          ExpressionAttributeNames: { '#month': 'month' },
          ExpressionAttributeValues: { ':minusOne': -1, ':month': monthOf(request.now) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Takes back a key request that the tenant counter refused: the key's report counts what was served. */
  private async refundKeyDay(request: ChargeRequest): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: keyUsagePartition(request.tenantId, request.keyId ?? ''), sk: dayKey(dayOf(request.now)) },
        UpdateExpression: 'ADD requests :minusOne',
        ExpressionAttributeValues: { ':minusOne': -1 },
      }),
    );
  }
}

const minuteOfDay = (now: number) => Math.floor((now % 86_400_000) / 60_000);
const dayOf = (now: number) => new Date(now).toISOString().slice(0, 10);
const monthOf = (now: number) => new Date(now).toISOString().slice(0, 7);
const dayItemTtl = (now: number) => Math.floor(now / 1000) + DAY_ITEM_TTL_SECONDS;
