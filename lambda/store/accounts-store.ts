import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { cancellationReasons, isConditionFailure, transactWrite } from '../platform/dynamo';
import type { GatewayKey } from '../platform/gateway-keys';
import type { Tenant, User } from '../domain/records';

/** The tenant item's key; the API key store updates the same item's `activeKeys` counter. */
export const tenantKey = (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'USER' });
const loginKey = (email: string) => ({ pk: `LOGIN#${email.toLowerCase()}`, sk: 'ATTEMPTS' });
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

  /**
   * Ids of the tenants on a tier, page by page. A Scan of the whole table: only the operator's
   * tier migration (npm run set-tier -- --from) calls it, with the operator's credentials; no
   * function is granted Scan.
   */
  async *tenantIdsOnTier(tier: string): AsyncGenerator<string> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :tenant AND tier = :tier',
          ProjectionExpression: 'tenantId',
          ExpressionAttributeValues: { ':tenant': 'TENANT', ':tier': tier },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield String(item.tenantId);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
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
   * Takes one login attempt for an email, atomically: refused while `max` attempts were taken in
   * the current window. Attempts are taken before the password is checked, so parallel guesses
   * cannot slip past the count; a successful login clears them.
   */
  async takeLoginAttempt(
    email: string,
    max: number,
    windowSeconds: number,
    now: number,
    retried = false,
  ): Promise<{ ok: true } | { ok: false; resetsAt: number }> {
    const nowSeconds = Math.floor(now / 1000);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: loginKey(email),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk) AND #ttl > :now AND attempts < :max',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':max': max },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { ok: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const window = unmarshall((error as Error & { Item?: Record<string, AttributeValue> }).Item ?? {});
      if (Number(window.ttl ?? 0) > nowSeconds) return { ok: false, resetsAt: Number(window.ttl) };
    }
    // No window, or an expired one (TTL deletes lazily): start a new window with this attempt.
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...loginKey(email), attempts: 1, ttl: nowSeconds + windowSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return { ok: true };
    } catch (error) {
      // Another attempt started the window first: count this one in it.
      if (isConditionFailure(error) && !retried) return this.takeLoginAttempt(email, max, windowSeconds, now, true);
      throw error;
    }
  }

  async clearLoginAttempts(email: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: loginKey(email) }));
  }

  /** Takes one of the limited dedicated gateway keys: how many are taken with it, or undefined once `limit` are taken. */
  async reserveDedicatedGatewayKey(limit: number): Promise<number | undefined> {
    if (limit <= 0) return undefined;
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: DEDICATED_COUNTER,
          UpdateExpression: 'ADD taken :one',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.taken ?? 1);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
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
