import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { cancellationReasons, isConditionFailure, transactWrite } from '../platform/dynamo';
import type { GatewayKey } from '../platform/gateway-keys';
import type { Tenant, User } from '../domain/records';

/** The tenant item's key; the API key store updates the same item's `activeKeys` counter. */
export const tenantKey = (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'USER' });
/** What login attempts are counted against: an email from one client address, an email from anywhere, or an address. */
export type LoginCounter = { readonly email: string; readonly address: string } | { readonly email: string } | { readonly address: string };
const loginKey = (counter: LoginCounter) => {
  const email = 'email' in counter ? counter.email.toLowerCase() : undefined;
  const address = 'address' in counter ? counter.address : undefined;
  const pk = email === undefined ? `LOGIN_ADDRESS#${address}` : address === undefined ? `LOGIN#${email}` : `LOGIN#${email}#${address}`;
  return { pk, sk: 'ATTEMPTS' };
};

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
const poolKey = (tier: string) => ({ pk: `GATEWAY_POOL#${tier}`, sk: 'KEY' });
const DEDICATED_COUNTER = { pk: 'GATEWAY_KEYS', sk: 'DEDICATED' };

/** Tenants, their owners (looked up by email), login throttling and gateway key bookkeeping. */
export class AccountsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Creates owner and tenant together, or nothing: false when the email is taken. */
  async createTenantWithOwner(tenant: Tenant, user: User): Promise<boolean> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          { Put: { TableName: this.table, Item: { ...emailKey(user.email), ...user }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: this.table,
              Item: { ...tenantKey(tenant.tenantId), ...tenant },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /** One cheap read (of an item that need not exist): proof that the table answers. */
  async ping(): Promise<void> {
    await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
  }

  async findUserByEmail(email: string): Promise<User | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: emailKey(email) }));
    return result.Item ? stripKeys<User>(result.Item) : undefined;
  }

  async getTenant(tenantId: string, consistent = false): Promise<Tenant | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: tenantKey(tenantId), ConsistentRead: consistent }));
    return result.Item ? stripKeys<Tenant>(result.Item) : undefined;
  }

  async setGatewayKey(tenantId: string, key: GatewayKey, kind: Tenant['gatewayKeyKind']): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: tenantKey(tenantId),
        UpdateExpression: 'SET gatewayKeyId = :id, gatewayKeyValue = :value, gatewayKeyKind = :kind',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':id': key.id, ':value': key.value, ':kind': kind },
      }),
    );
  }

  async setTier(tenantId: string, tier: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: tenantKey(tenantId),
        UpdateExpression: 'SET tier = :tier',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':tier': tier },
      }),
    );
  }

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

  /** Takes one of the limited dedicated gateway keys; false once `limit` are taken. */
  async reserveDedicatedGatewayKey(limit: number): Promise<boolean> {
    if (limit <= 0) return false;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: DEDICATED_COUNTER,
          UpdateExpression: 'ADD taken :one',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseDedicatedGatewayKey(): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: DEDICATED_COUNTER,
        UpdateExpression: 'ADD taken :minusOne',
        ExpressionAttributeValues: { ':minusOne': -1 },
      }),
    );
  }

  async getPooledGatewayKey(tier: string): Promise<GatewayKey | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: poolKey(tier), ConsistentRead: true }));
    return result.Item ? { id: String(result.Item.id), value: String(result.Item.value) } : undefined;
  }

  /** Stores the tier's pooled key unless another writer got there first; returns the one that won. */
  async putPooledGatewayKey(tier: string, key: GatewayKey): Promise<GatewayKey> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { ...poolKey(tier), ...key }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return key;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const winner = await this.getPooledGatewayKey(tier);
      if (!winner) throw error;
      return winner;
    }
  }
}

function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}
