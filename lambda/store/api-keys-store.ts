import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, KeyStatus } from '../domain/records';
import { cancellationReasons, isConditionFailure, transactWrite } from '../platform/dynamo';
import { tenantKey } from './accounts-store';
import { API_KEYS_BY_TENANT_INDEX } from '../shared/table-schemas';
import type { Environment } from '../shared/environments';
import { queryItems, queryPage, type Page, type PageRequest } from './pagination';

/**
 * API keys, stored by keyed hash (the authorizer's one read) and listed through the byTenant index.
 * The tenant item's `activeKeys` counter enforces the tier's limit with conditional writes.
 * A key leaves the count once: on revocation, or when it is found expired (`released`).
 */
export class ApiKeysStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly accountsTable: string,
  ) {}

  /** Stores the key and takes a slot of the tenant's limit atomically. */
  async create(key: ApiKeyRecord, limit: number | null): Promise<KeyWriteOutcome> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          { Update: { TableName: this.accountsTable, Key: tenantKey(key.tenantId), ...takeSlot(limit) } },
          { Put: { TableName: this.table, Item: toItem(key), ConditionExpression: 'attribute_not_exists(keyHash)' } },
        ],
      });
      return 'stored';
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return 'limit';
      throw error;
    }
  }

  /**
   * Adds a replacement key and ends the old key at `oldEndsAt`. The old key still counts until
   * then, so a replacement may take one slot past the limit, no more: rotating the replacement
   * during the grace period waits for a free slot. A key is replaced once ('gone' when it was
   * revoked or rotated meanwhile).
   */
  async createReplacement(key: ApiKeyRecord, old: ApiKeyRecord, oldEndsAt: string, limit: number | null): Promise<KeyWriteOutcome> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          { Update: { TableName: this.accountsTable, Key: tenantKey(key.tenantId), ...takeSlot(limit === null ? null : limit + 1) } },
          { Put: { TableName: this.table, Item: toItem(key), ConditionExpression: 'attribute_not_exists(keyHash)' } },
          {
            Update: {
              TableName: this.table,
              Key: { keyHash: old.keyHash },
              UpdateExpression: 'SET expiresAt = :expires, replacedBy = :replacement',
              ConditionExpression: 'attribute_not_exists(revokedAt) AND attribute_not_exists(replacedBy)',
              ExpressionAttributeValues: { ':expires': oldEndsAt, ':replacement': key.keyId },
            },
          },
        ],
      });
      return 'stored';
    } catch (error) {
      const reasons = cancellationReasons(error);
      // A key already rotated or revoked is the answer that holds whatever the limit says.
      if (reasons?.[2] === 'ConditionalCheckFailed') return 'gone';
      if (reasons?.[0] === 'ConditionalCheckFailed') return 'limit';
      throw error;
    }
  }

  async getByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: { keyHash }, ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  async getById(tenantId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: API_KEYS_BY_TENANT_INDEX,
        KeyConditionExpression: 'tenantId = :tenant AND keyId = :id',
        ExpressionAttributeValues: { ':tenant': tenantId, ':id': keyId },
      }),
    );
    const item = result.Items?.[0];
    return item ? fromItem(item) : undefined;
  }

  /** Newest first, optionally filtered by environment and status. */
  async list(
    tenantId: string,
    filter: { environment?: Environment; status?: KeyStatus },
    page: PageRequest,
    now: number,
  ): Promise<Page<ApiKeyRecord>> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':tenant': tenantId };
    const conditions: string[] = [];
    if (filter.environment) {
      names['#env'] = 'environment';
      values[':env'] = filter.environment;
      conditions.push('#env = :env');
    }
    if (filter.status) {
      if (filter.status !== 'revoked') values[':now'] = new Date(now).toISOString();
      conditions.push(STATUS_FILTERS[filter.status]);
    }
    const found = await queryPage(
      this.db,
      {
        TableName: this.table,
        IndexName: API_KEYS_BY_TENANT_INDEX,
        KeyConditionExpression: page.before ? 'tenantId = :tenant AND keyId < :before' : 'tenantId = :tenant',
        ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: { ...values, ...(page.before ? { ':before': page.before } : {}) },
        ScanIndexForward: false,
      },
      page,
    );
    return { items: found.items.map(fromItem), more: found.more };
  }

  /** Keys that have expired but still hold a slot of the tenant's limit. */
  async unreleasedExpired(tenantId: string, now: number): Promise<ApiKeyRecord[]> {
    const expired: ApiKeyRecord[] = [];
    const query = {
      TableName: this.table,
      IndexName: API_KEYS_BY_TENANT_INDEX,
      KeyConditionExpression: 'tenantId = :tenant',
      FilterExpression: `${STATUS_FILTERS.expired} AND attribute_not_exists(released)`,
      ExpressionAttributeValues: { ':tenant': tenantId, ':now': new Date(now).toISOString() },
    };
    for await (const item of queryItems(this.db, query)) expired.push(fromItem(item));
    return expired;
  }

  /** Gives back the limit slot an expired key held; false if another writer already did. */
  async release(key: ApiKeyRecord): Promise<boolean> {
    return this.leaveCount(key, 'SET released = :true', {});
  }

  /** Revokes a key; the slot is given back unless the key had already left the count. */
  async revoke(key: ApiKeyRecord, now: number): Promise<void> {
    const revokedAt = new Date(now).toISOString();
    const left = await this.leaveCount(key, 'SET released = :true, revokedAt = :revokedAt', { ':revokedAt': revokedAt });
    if (left) return;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { keyHash: key.keyHash },
          UpdateExpression: 'SET revokedAt = :revokedAt',
          ConditionExpression: 'attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':revokedAt': revokedAt },
        }),
      );
    } catch (error) {
      // Revoked by a concurrent request: the key is revoked either way.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Rewrites the tier and gateway key copied onto a tenant's keys (after a tier change). */
  async copyTenantPlan(tenantId: string, tier: string, gatewayKeyValue: string): Promise<number> {
    let updated = 0;
    const query = {
      TableName: this.table,
      IndexName: API_KEYS_BY_TENANT_INDEX,
      KeyConditionExpression: 'tenantId = :t',
      ExpressionAttributeValues: { ':t': tenantId },
    };
    for await (const item of queryItems(this.db, query)) {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { keyHash: item.keyHash },
          UpdateExpression: 'SET tier = :tier, gatewayKeyValue = :gw',
          ConditionExpression: 'attribute_exists(keyHash)',
          ExpressionAttributeValues: { ':tier': tier, ':gw': gatewayKeyValue },
        }),
      );
      updated += 1;
    }
    return updated;
  }

  private async leaveCount(key: ApiKeyRecord, update: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: { keyHash: key.keyHash },
              UpdateExpression: update,
              ConditionExpression: 'attribute_not_exists(released) AND attribute_not_exists(revokedAt)',
              ExpressionAttributeValues: { ':true': true, ...values },
            },
          },
          {
            Update: {
              TableName: this.accountsTable,
              Key: tenantKey(key.tenantId),
              UpdateExpression: 'ADD activeKeys :minusOne',
              ExpressionAttributeValues: { ':minusOne': -1 },
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
}

export type KeyWriteOutcome = 'stored' | 'limit' | 'gone';

/** The tenant counter update that takes one of `limit` slots (no condition when unlimited). */
function takeSlot(limit: number | null) {
  return limit === null
    ? { UpdateExpression: 'ADD activeKeys :one', ExpressionAttributeValues: { ':one': 1 } }
    : {
        UpdateExpression: 'ADD activeKeys :one',
        ConditionExpression: 'attribute_not_exists(activeKeys) OR activeKeys < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit },
      };
}

const STATUS_FILTERS: Record<KeyStatus, string> = {
  revoked: 'attribute_exists(revokedAt)',
  expired: 'attribute_not_exists(revokedAt) AND attribute_exists(expiresAt) AND expiresAt <= :now',
  active: 'attribute_not_exists(revokedAt) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
};

function toItem(key: ApiKeyRecord): Record<string, unknown> {
  const item: Record<string, unknown> = { ...key };
  for (const field of ['expiresAt', 'revokedAt', 'replaces'] as const) if (key[field] === null) delete item[field];
  return item;
}

function fromItem(item: Record<string, unknown>): ApiKeyRecord {
  const { released: _released, ...rest } = item;
  return { expiresAt: null, revokedAt: null, replaces: null, ...rest } as ApiKeyRecord;
}
