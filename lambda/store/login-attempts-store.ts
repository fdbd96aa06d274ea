import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from '../platform/dynamo';
import { knownAddressKey, loginKey, type LoginCounter } from './item-keys';

export type { LoginCounter };

export interface AttemptLimit {
  /** Attempts in a window before the counter refuses. */
  readonly max: number;
  readonly windowSeconds: number;
  /**
   * Past `max`, one more attempt is let through 2, 4, 8, ... seconds (at most this many) after the
   * one before, instead of none until the window ends.
   */
  readonly backoffCapSeconds?: number;
}

export type AttemptOutcome = { readonly ok: true } | { readonly ok: false; /** Unix seconds. */ readonly retryAt: number };

/** Login throttling: one counter item per email, address, or both, ended by its TTL. */
export class LoginAttemptsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Takes one login attempt on a counter, atomically: attempts are taken before the password is
   * checked, so parallel guesses cannot slip past the count; a successful login clears them. A
   * window starts with its first attempt and ends `windowSeconds` later (the item's TTL).
   */
  async takeLoginAttempt(counter: LoginCounter, limit: AttemptLimit, now: number, retried = false): Promise<AttemptOutcome> {
    const nowSeconds = Math.floor(now / 1000);
    let window: Record<string, unknown>;
    try {
      await this.countAttempt(counter, 'attempts < :max', { ':max': limit.max }, nowSeconds);
      return { ok: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      window = unmarshall((error as Error & { Item?: Record<string, AttributeValue> }).Item ?? {});
    }
    const endsAt = Number(window.ttl ?? 0);
    if (endsAt > nowSeconds) return this.backOff(counter, limit, window, nowSeconds);
    // No window, or an expired one (TTL deletes lazily): start a new window with this attempt.
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...loginKey(counter), attempts: 1, lastAt: nowSeconds, ttl: nowSeconds + limit.windowSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return { ok: true };
    } catch (error) {
      // Another attempt started the window first: count this one in it.
      if (isConditionFailure(error) && !retried) return this.takeLoginAttempt(counter, limit, now, true);
      throw error;
    }
  }

  /** Whether the email's owner logged in from this address within the retention time (see rememberLoginAddress). */
  async isKnownLoginAddress(email: string, address: string, now: number): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.table, Key: knownAddressKey(email, address), ConsistentRead: true }),
    );
    return Number(result.Item?.ttl ?? 0) > Math.floor(now / 1000);
  }

  /** Remembers a successful login's address for `retentionSeconds` (the item's TTL, renewed by each success). */
  async rememberLoginAddress(email: string, address: string, now: number, retentionSeconds: number): Promise<void> {
    const ttl = Math.floor(now / 1000) + retentionSeconds;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...knownAddressKey(email, address), ttl } }));
  }

  async clearLoginAttempts(counters: readonly LoginCounter[]): Promise<void> {
    await Promise.all(counters.map((counter) => this.db.send(new DeleteCommand({ TableName: this.table, Key: loginKey(counter) }))));
  }

  /** A window past its `max`: refused until it ends, or let through one attempt per backoff step. */
  private async backOff(
    counter: LoginCounter,
    limit: AttemptLimit,
    window: Record<string, unknown>,
    nowSeconds: number,
  ): Promise<AttemptOutcome> {
    const endsAt = Number(window.ttl);
    if (limit.backoffCapSeconds === undefined) return { ok: false, retryAt: endsAt };
    const attempts = Number(window.attempts ?? limit.max);
    const allowedAt = Number(window.lastAt ?? 0) + Math.min(2 ** (attempts - limit.max + 1), limit.backoffCapSeconds);
    if (nowSeconds < allowedAt) return { ok: false, retryAt: Math.min(allowedAt, endsAt) };
    try {
      // Only the attempt that still sees the count it read gets the step.
      await this.countAttempt(counter, 'attempts = :seen', { ':seen': attempts }, nowSeconds);
      return { ok: true };
    } catch (error) {
      if (isConditionFailure(error)) return { ok: false, retryAt: nowSeconds + 1 };
      throw error;
    }
  }

  private async countAttempt(counter: LoginCounter, condition: string, values: Record<string, unknown>, nowSeconds: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: loginKey(counter),
        UpdateExpression: 'ADD attempts :one SET lastAt = :now',
        ConditionExpression: `attribute_exists(pk) AND #ttl > :now AND ${condition}`,
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ...values },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  }
}
