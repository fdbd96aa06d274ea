import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure, type NamedItems } from '../platform/dynamo';
import { transactWithCounter } from './charged-write';
import { markEndOnCounter } from './key-ends';
import { DomainError } from '../domain/errors';
import { counterKey, dayKey, keyUsagePartition, ownerUsagePartition } from './item-keys';
import { countOnKeyDayItem, dayOf, keyFit, startKeyDay } from './key-day-counts';
import { keyRequestsByDay, lastUsed } from './key-usage-reads';
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
/**
 * Concurrent first requests of a minute race to start its window; the losers count in it. One
 * attempt more for the first key request of a day, which moves the day before counting.
 */
const COUNTER_ATTEMPTS = 5;

/**
 * Exact usage with one small item and one write per request, and no reads: the tenant counter
 * holds credits used this month and requests this minute (and each route cap), as values with the
 * month and minute they belong to, and each key's requests and last use of the day, for the first
 * keys used that day (key-day-counts.ts), so the item stays within one write unit; the limits, and
 * the end of a key that an authorizer may still hold, sit in the write's condition, so a refused
 * request changes nothing and is not counted. A write route sends the counter in one transaction
 * with its own items (`chargeWithWrite`); a read route sends it beside its read. A key's earlier
 * days are on its day items. Management routes (`/v1/api-keys*`, `/v1/usage`) spend no credits:
 * they count against a small per-minute budget of the calling credential on its day item, and read
 * the credits used.
 */
export class UsageCounters {
  /** The last counter state this process saw per tenant: it picks the write most likely to succeed first. */
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Counts a request, and its key's use, in the tenant counter: one conditional write. */
  async charge(request: ChargeRequest): Promise<ChargeResult> {
    return this.countRequest(request, (input) => this.update(input));
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
    const [counted, seen] = await Promise.all([
      this.countRequest(request, (input) => this.transact(input, items), writer),
      this.db.send(new GetCommand({ TableName: this.table, Key: counterKey(request.tenantId), ConsistentRead: true })),
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
  keyRequestsByDay(tenantId: string, keyId: string, days: number, now: number): Promise<Map<string, number>> {
    return keyRequestsByDay(this.db, this.table, { tenantId, keyId, days, now });
  }

  /** When each key was last used (keys never used are absent). */
  lastUsed(tenantId: string, keyIds: readonly string[]): Promise<Map<string, string>> {
    return lastUsed(this.db, this.table, tenantId, keyIds);
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
   * Counts the request in the tenant's minute and month, and for its key in the day, refusing it
   * past a limit or for a key ended since the authorizer read it (nothing is counted then). `send`
   * makes the write: alone, or in a transaction, which returns no values (the counts are then
   * unknown here). A key with no slot left on the counter that day is counted on its day item,
   * written beside the counter: its count then includes its refused requests.
   */
  private async countRequest(
    request: ChargeRequest,
    send: (input: UpdateCommandInput) => Promise<CounterState | undefined>,
    writer?: string,
  ): Promise<ChargeResult> {
    let month = monthOf(request.now);
    let minute = Math.floor(request.now / 60_000);
    let day = dayOf(request.now);
    const hint = this.seen.get(request.tenantId);
    let write: CounterWrite = hint ? nextWrite(hint, month, minute) : 'same-minute';
    let onCounter = request.keyId !== undefined && !(hint?.day === day && hint.noSlot.has(request.keyId));
    let onDayItem: Promise<void> | undefined;
    for (let attempt = 0; attempt < COUNTER_ATTEMPTS; attempt++) {
      if (request.keyId && !onCounter)
        onDayItem ??= countOnKeyDayItem(this.db, this.table, request.tenantId, request.keyId, request.now, dayItemTtl(request.now));
      try {
        const [counted] = await Promise.all([
          send(counterUpdate(this.table, request, write, month, minute, { writer, keyDay: onCounter ? day : undefined })),
          onDayItem,
        ]);
        this.remember(request, { month, minute, day }, onCounter);
        return { ok: true, minuteCount: Number(counted?.count ?? 1), creditsUsed: Number(counted?.used ?? 1) };
      } catch (error) {
        if (isTransactionConflict(error)) {
          // A transaction holds the counter (a memory write, or the day's move): try again shortly, as for a lost race.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
          continue;
        }
        if (!isConditionFailure(error)) throw error;
        const old = unmarshall((error as Error & { Item?: Record<string, AttributeValue> }).Item ?? {}) as CounterState;
        if (endedBy(old, request)) return { ...refusal(request, old), reason: 'ended' };
        // Another writer's clock is ahead (or this request was late): count in its window rather than fight over it.
        const behind = `${month} ${minute} ${day}`;
        if (old.month !== undefined && old.month > month) month = old.month;
        if (old.minute !== undefined && old.minute > minute && old.month === month) minute = old.minute;
        if (old.day !== undefined && old.day > day) day = old.day;
        const caughtUp = behind !== `${month} ${minute} ${day}`;
        // The key's part of the condition failed: the counter holds another day's key counts, or no slot for this key.
        const fit = request.keyId && onCounter ? keyFit(old, request.keyId, day) : 'fits';
        if (fit === 'other-day') await startKeyDay(this.db, this.table, request.tenantId, old, day, dayItemTtl(request.now));
        if (fit === 'no-slot') onCounter = false;
        const next = nextWrite(old, month, minute);
        // The write fitted the counter's window, so a limit in its condition refused the request.
        if (fit === 'fits' && !caughtUp && next === write && write !== 'new-month') {
          this.remember(request, { month, minute, day }, onCounter);
          await onDayItem;
          return refusal(request, write === 'new-minute' ? { ...old, count: 0 } : old);
        }
        write = next;
      }
    }
    throw new DomainError('contention', 'Too many concurrent requests for this account; retry shortly');
  }

  private remember(request: ChargeRequest, window: { month: string; minute: number; day: string }, onCounter: boolean): void {
    const previous = this.seen.get(request.tenantId);
    const noSlot = previous?.day === window.day ? previous.noSlot : new Set<string>();
    if (request.keyId && !onCounter) noSlot.add(request.keyId);
    this.seen.delete(request.tenantId);
    if (this.seen.size >= 10_000) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(request.tenantId, { ...window, noSlot });
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

/** A tenant's counter as this process last saw it, and the keys it found no slot for on that day. */
interface Seen {
  readonly month: string;
  readonly minute: number;
  readonly day: string;
  readonly noSlot: Set<string>;
}

/** A single write refused because a transaction on the same item was under way. */
const isTransactionConflict = (error: unknown) => error instanceof Error && error.name === 'TransactionConflictException';
const minuteOfDay = (now: number) => Math.floor((now % 86_400_000) / 60_000);
const monthOf = (now: number) => new Date(now).toISOString().slice(0, 7);
const dayItemTtl = (now: number) => Math.floor(now / 1000) + DAY_ITEM_TTL_SECONDS;
