import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure, type NamedItems } from '../platform/dynamo';
import { transactWithCounter } from './charged-write';
import { markEndOnCounter } from './key-ends';
import { DomainError } from '../domain/errors';
import { counterKey, dayKey, keyUsagePartition, ownerUsagePartition } from './item-keys';
import { KeyUsageBuffer } from './key-usage-buffer';
import { queryItems } from './pagination';
import {
  counterUpdate,
  endedBy,
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
 * Exact usage with one small item and one write per request, and no reads: the tenant counter
 * holds credits used this month and requests this minute (and each route cap), as values with the
 * month and minute they belong to, so the item never grows; the limits, and the end of a key that
 * an authorizer may still hold, sit in the write's condition, so a refused request changes
 * nothing. A write route sends the counter in one transaction with its own items
 * (`chargeWithWrite`); a read route sends it beside its read. Each key's requests per day and last
 * use are summed per function instance and written in batches (`KeyUsageBuffer`).
 * Management routes (`/v1/api-keys*`, `/v1/usage`) spend no credits: they count against a small
 * per-minute budget of the calling credential on its day item, and read the credits used.
 */
export class UsageCounters {
  /** The last counter state this process saw per tenant: it picks the write most likely to succeed first. */
  private readonly seen = new Map<string, { month: string; minute: number }>();
  private readonly keyUsage: KeyUsageBuffer;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.keyUsage = new KeyUsageBuffer(db, table, dayItemTtl);
  }

  /**
   * Counts a request in the tenant counter (one conditional write); the key's day item goes out
   * beside it, so `GET /v1/api-keys/{id}/usage` counts the request at once (the contract reads it
   * right after use). It counts every request of the key that reached the counters, refused ones too.
   */
  async charge(request: ChargeRequest): Promise<ChargeResult> {
    if (request.keyId) this.keyUsage.add(request.tenantId, request.keyId, request.now);
    const [counted] = await Promise.all([this.countRequest(request, (input) => this.update(input)), this.keyUsage.flush(request.now)]);
    return counted;
  }

  /**
   * Counts a request in one transaction with the operation's own `items`: both happen or neither.
   * A refused charge writes nothing; when an item of the operation fails its condition, nothing is
   * charged and `OperationConditionFailed` names it. A transaction returns no values, so the
   * counter is read beside it for the rate-limit headers (its `writer` says whether the read saw
   * this request's count).
   */
  async chargeWithWrite(request: ChargeRequest, items: NamedItems<string>): Promise<ChargeResult> {
    const writer = randomUUID();
    if (request.keyId) this.keyUsage.add(request.tenantId, request.keyId, request.now);
    const [counted, seen] = await Promise.all([
      this.countRequest(request, (input) => this.transact(input, items), writer),
      this.db.send(new GetCommand({ TableName: this.table, Key: counterKey(request.tenantId), ConsistentRead: true })),
      this.keyUsage.flush(request.now),
    ]);
    if (!counted.ok) return counted;
    const state = (seen.Item ?? {}) as CounterState;
    if (state.writer === writer) return { ok: true, minuteCount: Number(state.count ?? 1), creditsUsed: Number(state.used ?? 1) };
    // The read came first: this request's count is one more than it saw in the same window.
    const sameMonth = state.month === monthOf(request.now);
    const sameMinute = sameMonth && state.minute === Math.floor(request.now / 60_000);
    return {
      ok: true,
      minuteCount: sameMinute ? Number(state.count ?? 0) + 1 : 1,
      creditsUsed: sameMonth ? Number(state.used ?? 0) + 1 : 1,
    };
  }

  /** Writes the key usage this instance holds (on shutdown, or before reading it back where that must be exact). */
  flushKeyUsage(now: number): Promise<void> {
    return this.keyUsage.flush(now);
  }

  async chargeManagement(request: ManagementRequest): Promise<ChargeResult> {
    const minute = minuteOfDay(request.now);
    const [budget, creditsUsed] = await Promise.all([
      this.countManagement(request, minute),
      this.creditsUsed(request.tenantId, request.now),
      this.keyUsage.flushIfDue(request.now),
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
    await Promise.all([
      markEndOnCounter(this.db, this.table, { tenantId, keyId, endsAt, now, cacheSeconds }),
      ...[...days].map((day) =>
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
    ]);
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

  /** One counter write as an UpdateItem: the counter's new values. */
  private async update(input: UpdateCommandInput): Promise<CounterState> {
    return ((await this.db.send(new UpdateCommand(input))).Attributes ?? {}) as CounterState;
  }

  /** One counter write as the first item of a transaction with the operation's items (see charged-write.ts). */
  private async transact(input: UpdateCommandInput, items: NamedItems<string>): Promise<undefined> {
    await transactWithCounter(this.db, input, items);
    return undefined;
  }

  /**
   * Counts the request in the tenant's minute and month, refusing it past a limit or for a key
   * ended since the authorizer read it (nothing is counted then). `send` makes the write: alone, or
   * in a transaction, which returns no values (the counts are then unknown here).
   */
  private async countRequest(
    request: ChargeRequest,
    send: (input: UpdateCommandInput) => Promise<CounterState | undefined>,
    writer?: string,
  ): Promise<ChargeResult> {
    let month = monthOf(request.now);
    let minute = Math.floor(request.now / 60_000);
    const hint = this.seen.get(request.tenantId);
    let write: CounterWrite = hint ? nextWrite(hint, month, minute) : 'same-minute';
    for (let attempt = 0; attempt < COUNTER_ATTEMPTS; attempt++) {
      try {
        const counted = await send(counterUpdate(this.table, request, write, month, minute, writer));
        this.remember(request.tenantId, month, minute);
        return { ok: true, minuteCount: Number(counted?.count ?? 1), creditsUsed: Number(counted?.used ?? 1) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const old = unmarshall((error as Error & { Item?: Record<string, AttributeValue> }).Item ?? {}) as CounterState;
        if (endedBy(old, request)) return { ...refusal(request, old), reason: 'ended' };
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
}

const minuteOfDay = (now: number) => Math.floor((now % 86_400_000) / 60_000);
const dayOf = (now: number) => new Date(now).toISOString().slice(0, 10);
const monthOf = (now: number) => new Date(now).toISOString().slice(0, 7);
const dayItemTtl = (now: number) => Math.floor(now / 1000) + DAY_ITEM_TTL_SECONDS;
