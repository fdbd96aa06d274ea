import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, isConditionFailure } from '../platform/dynamo';
import type { GatewayKey } from '../platform/gateway-keys';
import type { Tenant, User } from '../domain/records';

const tenantKey = (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'USER' });
const loginKey = (email: string) => ({ pk: `LOGIN#${email.toLowerCase()}`, sk: 'FAILURES' });
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
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...emailKey(user.email), ...user }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.table, Item: { ...tenantKey(tenant.tenantId), ...tenant }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
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

  /** Counts a failed login; returns the failures inside the current lockout window. */
  async recordLoginFailure(email: string, windowSeconds: number, now: number): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: loginKey(email),
        UpdateExpression: 'ADD failures :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': Math.floor(now / 1000) + windowSeconds },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Number(result.Attributes?.failures ?? 1);
  }

  /** Failures inside the window and when it ends; DynamoDB TTL deletes lazily, so expiry is checked here. */
  async loginFailures(email: string, now: number): Promise<{ failures: number; resetsAt: number }> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: loginKey(email), ConsistentRead: true }));
    const resetsAt = Number(result.Item?.ttl ?? 0);
    if (!result.Item || resetsAt * 1000 <= now) return { failures: 0, resetsAt: 0 };
    return { failures: Number(result.Item.failures ?? 0), resetsAt };
  }

  async clearLoginFailures(email: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: loginKey(email) }));
  }

  /** Takes one of the limited dedicated gateway keys; false once `limit` are taken. */
  async reserveDedicatedGatewayKey(limit: number): Promise<boolean> {
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
      new UpdateCommand({ TableName: this.table, Key: DEDICATED_COUNTER, UpdateExpression: 'ADD taken :minusOne', ExpressionAttributeValues: { ':minusOne': -1 } }),
    );
  }

  async getPooledGatewayKey(tier: string): Promise<GatewayKey | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: poolKey(tier), ConsistentRead: true }));
    return result.Item ? { id: String(result.Item.id), value: String(result.Item.value) } : undefined;
  }

  /** Stores the tier's pooled key unless another writer got there first; returns the one that won. */
  async putPooledGatewayKey(tier: string, key: GatewayKey): Promise<GatewayKey> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: { ...poolKey(tier), ...key }, ConditionExpression: 'attribute_not_exists(pk)' }));
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
