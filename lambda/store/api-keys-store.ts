import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consistentBatchGet } from './batch-get';
import { keyStatus, type ApiKeyRecord, type KeyStatus } from '../domain/records';
import { failedConditions, isConditionFailure, transactNamed } from '../platform/dynamo';
import { KEY_ENTRY, keyEntryKey, tenantKey } from './item-keys';
import { endEntry, takeCreation, ttlAfter, type CreationBudget } from './api-key-churn';

export { ENDED_KEY_RETENTION_SECONDS, type CreationBudget } from './api-key-churn';
import type { Environment } from '../domain/environments';
import { LIST_READ_BOUND, queryItems, type Page, type PageRequest } from './pagination';

/** Sorts after every key id. */
const AFTER_EVERY_KEY = `${KEY_ENTRY}~`;
/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;

/**
 * API keys, stored by keyed hash (the authorizer's one read) in the keys table, with an entry per
 * key in the tenant's partition of the accounts table to find and list them by id. The tenant
 * item's `activeKeys` counter enforces the tier's limit with conditional writes. A key leaves the
 * count once: on revocation, or when it is found expired (`released`).
 */
export class ApiKeysStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly accountsTable: string,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Stores the key and takes a slot of the tenant's limit and one of its hourly creations atomically. */
  async create(key: ApiKeyRecord, limit: number | null, budget: CreationBudget): Promise<KeyWriteOutcome> {
    const items = this.newKeyItems(key, limit, budget);
    try {
      await transactNamed(this.db, items);
      return STORED;
    } catch (error) {
      const failed = failedConditions(error, items);
      if (failed.has('creation')) return refused('rate');
      if (failed.has('slot')) return refused('limit');
      throw error;
    }
  }

  /**
   * Adds a replacement key and ends the old key at `oldEndsAt`. The old key still counts until
   * then, so a replacement may take one slot past the limit, no more: rotating the replacement
   * during the grace period waits for a free slot. A key is replaced once (refused as `gone` when it
   * was revoked or rotated meanwhile).
   */
  async createReplacement(
    key: ApiKeyRecord,
    old: ApiKeyRecord,
    oldEndsAt: string,
    limit: number | null,
    budget: CreationBudget,
  ): Promise<KeyWriteOutcome> {
    const items = {
      ...this.newKeyItems(key, limit === null ? null : limit + 1, budget),
      old: {
        Update: {
          TableName: this.table,
          Key: { keyHash: old.keyHash },
          UpdateExpression: 'SET expiresAt = :expires, replacedBy = :replacement, #ttl = :ttl',
          ConditionExpression: NOT_ENDED,
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':expires': oldEndsAt, ':replacement': key.keyId, ':ttl': ttlAfter(oldEndsAt) },
        },
      },
      oldEntry: endEntry(this.accountsTable, old, oldEndsAt),
    };
    try {
      await transactNamed(this.db, items);
      return STORED;
    } catch (error) {
      const failed = failedConditions(error, items);
      // A key already rotated or revoked is the answer that holds whatever the limit says.
      if (failed.has('old')) return refused('gone');
      if (failed.has('creation')) return refused('rate');
      if (failed.has('slot')) return refused('limit');
      throw error;
    }
  }

  /** A new key with its tenant entry, a slot of the tenant's limit (`slotLimit`) and one of its hourly creations. */
  private newKeyItems(key: ApiKeyRecord, slotLimit: number | null, budget: CreationBudget) {
    return {
      slot: { Update: { TableName: this.accountsTable, Key: tenantKey(key.tenantId), ...takeSlot(slotLimit) } },
      key: { Put: { TableName: this.table, Item: toItem(key), ConditionExpression: NEW_KEY } },
      entry: this.putKeyEntry(key),
      creation: takeCreation(this.accountsTable, key.tenantId, budget),
    };
  }

  async getByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: { keyHash }, ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** Two consistent reads: a key created a moment ago is found. */
  async getById(tenantId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
    const entry = await this.db.send(
      new GetCommand({ TableName: this.accountsTable, Key: keyEntryKey(tenantId, keyId), ConsistentRead: true }),
    );
    const key = entry.Item ? await this.getByHash(String(entry.Item.ref)) : undefined;
    return key?.tenantId === tenantId ? key : undefined;
  }

  /** Newest first, optionally filtered by environment and status. */
  async list(
    tenantId: string,
    filter: { environment?: Environment; status?: KeyStatus },
    page: PageRequest,
    now: number,
  ): Promise<Page<ApiKeyRecord>> {
    const items: ApiKeyRecord[] = [];
    const filtered = filter.environment !== undefined || filter.status !== undefined;
    let read = 0;
    let lastRead: string | undefined;
    for await (const item of this.keyItems(tenantId, page.before, filtered ? BATCH : Math.min(page.limit + 1, BATCH))) {
      const key = fromItem(item);
      // Bounded whatever the filter matches (ended keys are kept for their retention time): the cursor goes on from here.
      if (read === LIST_READ_BOUND.items) return { items, more: true, resumeBefore: lastRead };
      read += 1;
      lastRead = key.keyId;
      if (filter.environment && key.environment !== filter.environment) continue;
      if (filter.status && keyStatus(key, now) !== filter.status) continue;
      items.push(key);
      if (items.length > page.limit) return { items: items.slice(0, page.limit), more: true };
    }
    return { items, more: false };
  }

  /** Keys that have expired but still hold a slot of the tenant's limit. */
  async unreleasedExpired(tenantId: string, now: number): Promise<ApiKeyRecord[]> {
    const expired: ApiKeyRecord[] = [];
    for await (const item of this.keyItems(tenantId)) {
      if (!item.released && keyStatus(fromItem(item), now) === 'expired') expired.push(fromItem(item));
    }
    return expired;
  }

  /** Gives back the limit slot an expired key held; false if another writer already did. */
  async release(key: ApiKeyRecord): Promise<boolean> {
    return this.leaveCount(key, 'SET released = :true', {});
  }

  /** Revokes a key; the slot is given back unless the key had already left the count. */
  async revoke(key: ApiKeyRecord, now: number): Promise<void> {
    const revokedAt = new Date(now).toISOString();
    const values = { ':revokedAt': revokedAt, ':ttl': ttlAfter(revokedAt) };
    // The key and its entry age out ENDED_KEY_RETENTION_SECONDS after the revocation.
    await this.db.send(new UpdateCommand(endEntry(this.accountsTable, key, revokedAt).Update));
    const left = await this.leaveCount(key, 'SET released = :true, revokedAt = :revokedAt, #ttl = :ttl', values);
    if (left) return;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { keyHash: key.keyHash },
          UpdateExpression: 'SET revokedAt = :revokedAt, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(revokedAt)',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: values,
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
    for await (const item of this.keyItems(tenantId)) {
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

  private putKeyEntry(key: ApiKeyRecord) {
    return {
      Put: {
        TableName: this.accountsTable,
        Item: { ...keyEntryKey(key.tenantId, key.keyId), ref: key.keyHash, ...(key.expiresAt ? { ttl: ttlAfter(key.expiresAt) } : {}) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** A tenant's keys as stored, newest first, older than `before` when given, read consistently `chunk` at a time. */
  private async *keyItems(tenantId: string, before?: string, chunk = BATCH): AsyncGenerator<Record<string, unknown>> {
    const query = {
      TableName: this.accountsTable,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: {
        ':pk': tenantKey(tenantId).pk,
        ':first': KEY_ENTRY,
        ':last': before ? `${KEY_ENTRY}${before}` : AFTER_EVERY_KEY,
      },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: chunk,
    };
    let hashes: string[] = [];
    for await (const entry of queryItems(this.db, query)) {
      // BETWEEN includes its ends: the entry of `before` itself is not part of the page.
      if (before && entry.sk === `${KEY_ENTRY}${before}`) continue;
      hashes.push(String(entry.ref));
      if (hashes.length === chunk) {
        yield* await consistentBatchGet(this.db, this.table, 'keyHash', hashes, this.pause);
        hashes = [];
      }
    }
    if (hashes.length) yield* await consistentBatchGet(this.db, this.table, 'keyHash', hashes, this.pause);
  }

  private async leaveCount(key: ApiKeyRecord, update: string, values: Record<string, unknown>): Promise<boolean> {
    const items = {
      key: {
        Update: {
          TableName: this.table,
          Key: { keyHash: key.keyHash },
          UpdateExpression: update,
          ...(update.includes('#ttl') ? { ExpressionAttributeNames: { '#ttl': 'ttl' } } : {}),
          ConditionExpression: 'attribute_not_exists(released) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':true': true, ...values },
        },
      },
      slot: {
        Update: {
          TableName: this.accountsTable,
          Key: tenantKey(key.tenantId),
          UpdateExpression: 'ADD activeKeys :minusOne',
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
    };
    try {
      await transactNamed(this.db, items);
      return true;
    } catch (error) {
      if (failedConditions(error, items).has('key')) return false;
      throw error;
    }
  }
}

/**
 * Why a key write was refused: `limit`, the tier's active keys are taken; `rate`, the tenant created
 * as many keys as it may this hour; `gone`, the key to replace was revoked or rotated meanwhile.
 */
export type KeyWriteRefusal = 'limit' | 'gone' | 'rate';
export type KeyWriteOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: KeyWriteRefusal };
const STORED: KeyWriteOutcome = { ok: true };
const refused = (reason: KeyWriteRefusal): KeyWriteOutcome => ({ ok: false, reason });

/** Condition clauses by what they mean. */
const NEW_KEY = 'attribute_not_exists(keyHash)';
/** Neither revoked nor already replaced: a key is ended once. */
const NOT_ENDED = 'attribute_not_exists(revokedAt) AND attribute_not_exists(replacedBy)';

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

function toItem(key: ApiKeyRecord): Record<string, unknown> {
  const item: Record<string, unknown> = { ...key };
  for (const field of ['expiresAt', 'revokedAt', 'replaces'] as const) if (key[field] === null) delete item[field];
  if (key.expiresAt) item.ttl = ttlAfter(key.expiresAt);
  return item;
}

function fromItem(item: Record<string, unknown>): ApiKeyRecord {
  const { released: _released, ttl: _ttl, ...rest } = item;
  return { expiresAt: null, revokedAt: null, replaces: null, ...rest } as ApiKeyRecord;
}
