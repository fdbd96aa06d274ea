import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { ROUTES } from '../shared/routes';
import { counterKey } from './item-keys';
import { keyCountPart, type KeyDayCounts } from './key-day-counts';

/*
 * The tenant counter's state machine, as DynamoDB writes: each request counts in the current
 * minute (same-minute), starts the next minute (new-minute) or starts the month (new-month); the
 * limits are in the write's condition, so a refused request changes nothing.
 */

/** Routes with a per-minute cap of their own: their counts live on the tenant counter and restart with each minute. */
const CAPPED_OPERATIONS: readonly string[] = ROUTES.flatMap((route) => ('perMinuteCap' in route ? [route.operation] : []));

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

export interface ManagementRequest {
  readonly tenantId: string;
  /** The API key, or undefined for the owner's access token: each credential has a budget of its own. */
  readonly keyId?: string;
  /** Without a key: the owner's user id or the identity provider's subject, whose budget it is. */
  readonly principalId?: string;
  readonly perMinute: number;
  readonly now: number;
}

/** `ended`: the key was revoked or its rotation's grace period ended, since the authorizer read it. */
export type RefusalReason = 'rate' | 'cap' | 'quota' | 'ended';

export type ChargeResult =
  | { readonly ok: true; readonly minuteCount: number; readonly creditsUsed: number }
  | { readonly ok: false; readonly reason: RefusalReason; readonly minuteCount: number; readonly creditsUsed: number };

/** The tenant counter as stored: the month and minute its counts belong to, and the day its keys' counts belong to. */
export interface CounterState extends KeyDayCounts {
  readonly month?: string;
  readonly minute?: number;
  readonly count?: number;
  readonly used?: number;
  /** Keys ended (revoked, or past a rotation's grace) while an authorizer may still hold them: key id to end time. */
  readonly ends?: Record<string, string>;
  /** The request whose transaction wrote the counter last (see `chargeWithWrite`). */
  readonly writer?: string;
  readonly [cap: string]: unknown;
}

export type CounterWrite = 'same-minute' | 'new-minute' | 'new-month';

/** Which write fits a counter in `state` for a request in `month` and `minute`. */
export function nextWrite(state: { month?: string; minute?: number }, month: string, minute: number): CounterWrite {
  if (state.month !== month) return 'new-month';
  return state.minute === minute ? 'same-minute' : 'new-minute';
}

/** What a counter write marks besides the counts: the request that wrote it, and the day to count the request's key in. */
export interface CounterMarks {
  /** The request whose transaction writes the counter (see `chargeWithWrite`). */
  readonly writer?: string;
  /** Count the request for its key on the counter, in this UTC day's counts (key-day-counts.ts). */
  readonly keyDay?: string;
}

/**
 * The counter write: count in the current window, or start the window (minute, or month and
 * minute); never for a key ended by now.
 */
export function counterUpdate(
  table: string,
  request: ChargeRequest,
  write: CounterWrite,
  month: string,
  minute: number,
  { writer, keyDay }: CounterMarks = {},
): UpdateCommandInput {
  const names: Record<string, string> = { '#month': 'month', '#minute': 'minute', '#count': 'count', '#used': 'used' };
  const values: Record<string, unknown> = { ':one': 1, ':month': month, ':minute': minute };
  const limited = request.creditsPerMonth !== null;
  if (limited) values[':credits'] = request.creditsPerMonth;
  const cap = request.cap;
  if (cap) names['#cap'] = capAttribute(cap.name);
  const keyConditions: string[] = [];
  if (request.keyId) {
    names['#ends'] = 'ends';
    names['#key'] = request.keyId;
    values[':now'] = new Date(request.now).toISOString();
    keyConditions.push('(attribute_not_exists(#ends.#key) OR #ends.#key > :now)');
  }
  const sets: string[] = [];
  if (writer) {
    names['#writer'] = 'writer';
    values[':writer'] = writer;
    sets.push('#writer = :writer');
  }
  if (request.keyId && keyDay) {
    const part = keyCountPart(request.keyId, keyDay, request.now);
    Object.assign(names, part.names);
    Object.assign(values, part.values);
    sets.push(...part.sets);
    keyConditions.push(...part.conditions);
  }
  const input = (updateExpression: string, conditions: string[]): UpdateCommandInput => ({
    TableName: table,
    Key: counterKey(request.tenantId),
    UpdateExpression: updateExpression,
    ConditionExpression: [...conditions, ...keyConditions].join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  });
  if (write === 'same-minute') {
    values[':rpm'] = request.requestsPerMinute;
    const conditions = ['#month = :month', '#minute = :minute', '#count < :rpm'];
    if (limited) conditions.push('#used < :credits');
    if (cap) {
      values[':cap'] = cap.perMinute;
      conditions.push('(attribute_not_exists(#cap) OR #cap < :cap)');
    }
    return input(`ADD #count :one, #used :one${cap ? ', #cap :one' : ''}${sets.length ? ` SET ${sets.join(', ')}` : ''}`, conditions);
  }
  // A new window restarts every route cap: this route's at one, the others' removed.
  const otherCaps = CAPPED_OPERATIONS.filter((name) => name !== cap?.name);
  otherCaps.forEach((name, index) => (names[`#other${index}`] = capAttribute(name)));
  const removeOthers = otherCaps.length ? ` REMOVE ${otherCaps.map((_, index) => `#other${index}`).join(', ')}` : '';
  sets.push('#minute = :minute', '#count = :one', ...(cap ? ['#cap = :one'] : []));
  if (write === 'new-minute') {
    return input(`SET ${sets.join(', ')} ADD #used :one${removeOthers}`, [
      '#month = :month',
      '#minute < :minute',
      ...(limited ? ['#used < :credits'] : []),
    ]);
  }
  if (limited) delete values[':credits'];
  return input(`SET #month = :month, #used = :one, ${sets.join(', ')}${removeOthers}`, [
    '(attribute_not_exists(#month) OR #month < :month)',
  ]);
}

/** Whether the counter says the request's key ended by the request's time. */
export function endedBy(state: CounterState, request: ChargeRequest): boolean {
  const end = request.keyId ? state.ends?.[request.keyId] : undefined;
  return end !== undefined && end <= new Date(request.now).toISOString();
}

/** Why a request in the counter's current window was refused, with the figures for its headers. */
export function refusal(request: ChargeRequest, old: CounterState): Extract<ChargeResult, { ok: false }> {
  const minuteCount = Number(old.count ?? 0);
  const creditsUsed = Number(old.used ?? 0);
  const capCount = request.cap ? Number(old[capAttribute(request.cap.name)] ?? 0) : 0;
  const reason: RefusalReason =
    minuteCount >= request.requestsPerMinute ? 'rate' : request.cap && capCount >= request.cap.perMinute ? 'cap' : 'quota';
  return { ok: false, reason, minuteCount, creditsUsed };
}

export const capAttribute = (operation: string) => `cap_${operation}`;
