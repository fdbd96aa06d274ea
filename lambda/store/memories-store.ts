import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Memory, MemoryType, MetadataValue, Sandbox } from '../domain/memory';
import { failedConditions, isConditionFailure, transactNamed } from '../platform/dynamo';
import { idempotencyKey, memoryPartition } from './item-keys';
import { queryItems, queryPage, type Page, type PageRequest } from './pagination';
import { OperationConditionFailed, type ChargedTransaction, type TransactItem } from './charged-write';

export interface MemoryFilter {
  readonly type?: MemoryType;
  /** Each key must equal one of its listed values (query strings may mean a string, number or boolean). */
  readonly metadata?: Record<string, readonly MetadataValue[]>;
}

/**
 * Memories keyed by sandbox and time-ordered id, so a sandbox lists newest first with one Query and
 * no other tenant's data is ever read. A write given `withCharge` goes out in one transaction with
 * the request's charge.
 */
export class MemoriesStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(scope: Sandbox, memory: Memory, withCharge?: ChargedTransaction): Promise<void> {
    const put = {
      TableName: this.table,
      Item: { pk: memoryPartition(scope), sk: memory.id, ...memory },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    await (withCharge ? withCharge({ memory: { Put: put } }) : this.db.send(new PutCommand(put)));
  }

  async get(scope: Sandbox, id: string): Promise<Memory | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: memoryPartition(scope), sk: id }, ConsistentRead: true }),
    );
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** Replaces the given fields; undefined when the memory does not exist in this sandbox. */
  async update(
    scope: Sandbox,
    id: string,
    changes: Partial<Pick<Memory, 'content' | 'type' | 'metadata'>>,
    updatedAt: string,
    withCharge?: ChargedTransaction,
  ): Promise<Memory | undefined> {
    const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':updatedAt': updatedAt };
    const sets = ['#updatedAt = :updatedAt'];
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    const update = {
      TableName: this.table,
      Key: { pk: memoryPartition(scope), sk: id },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    if (withCharge) return this.updateWithCharge(scope, id, update, changes, updatedAt, withCharge);
    try {
      const result = await this.db.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
      return result.Attributes ? fromItem(result.Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * A transaction returns no values: the memory is read beside it and the changes laid over what
   * the read saw (the fields it did not change are the same before and after it).
   */
  private async updateWithCharge(
    scope: Sandbox,
    id: string,
    update: NonNullable<TransactItem['Update']>,
    changes: Partial<Pick<Memory, 'content' | 'type' | 'metadata'>>,
    updatedAt: string,
    withCharge: ChargedTransaction,
  ): Promise<Memory | undefined> {
    const [written, read] = await Promise.allSettled([withCharge({ memory: { Update: update } }), this.get(scope, id)]);
    if (written.status === 'rejected') {
      if (written.reason instanceof OperationConditionFailed) return undefined;
      throw written.reason;
    }
    if (read.status === 'rejected') throw read.reason;
    if (!read.value) return undefined;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    return { ...read.value, ...defined, updatedAt };
  }

  async delete(scope: Sandbox, id: string, withCharge?: ChargedTransaction): Promise<boolean> {
    const remove = { TableName: this.table, Key: { pk: memoryPartition(scope), sk: id }, ConditionExpression: 'attribute_exists(pk)' };
    try {
      await (withCharge ? withCharge({ memory: { Delete: remove } }) : this.db.send(new DeleteCommand(remove)));
      return true;
    } catch (error) {
      if (isConditionFailure(error) || error instanceof OperationConditionFailed) return false;
      throw error;
    }
  }

  /** Newest first, keyset-paginated on the time-ordered id. */
  async list(scope: Sandbox, filter: MemoryFilter, page: PageRequest): Promise<Page<Memory>> {
    const expression = filterExpression(filter);
    const found = await queryPage(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: page.before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
        ...expression.query,
        ExpressionAttributeValues: {
          ':pk': memoryPartition(scope),
          ...(page.before ? { ':before': page.before } : {}),
          ...expression.values,
        },
        ScanIndexForward: false,
      },
      page,
    );
    return { ...found, items: found.items.map(fromItem) };
  }

  /** Every memory of the sandbox, newest first, read page by page (a search index rebuild reads them all). */
  async *all(scope: Sandbox): AsyncGenerator<Memory> {
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': memoryPartition(scope) },
      ScanIndexForward: false,
    };
    for await (const item of queryItems(this.db, query)) yield fromItem(item);
  }
}

function filterExpression(filter: MemoryFilter): {
  query: { FilterExpression?: string; ExpressionAttributeNames?: Record<string, string> };
  values: Record<string, unknown>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  if (filter.type) {
    names['#type'] = 'type';
    values[':type'] = filter.type;
    conditions.push('#type = :type');
  }
  Object.entries(filter.metadata ?? {}).forEach(([key, candidates], index) => {
    names['#metadata'] = 'metadata';
    names[`#mk${index}`] = key;
    const placeholders = candidates.map((value, candidate) => {
      values[`:mv${index}_${candidate}`] = value;
      return `:mv${index}_${candidate}`;
    });
    conditions.push(`#metadata.#mk${index} IN (${placeholders.join(', ')})`);
  });
  if (conditions.length === 0) return { query: {}, values };
  return { query: { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names }, values };
}

function fromItem(item: Record<string, unknown>): Memory {
  const { pk: _pk, sk: _sk, ...memory } = item;
  return memory as unknown as Memory;
}

/** A stored first result of a POST made with an Idempotency-Key, kept for a day. */
export interface IdempotentResult {
  readonly bodyHash: string;
  readonly memory: Memory;
}

const IDEMPOTENCY_TTL_SECONDS = 86_400;

export class IdempotentMemoryWrites {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async find(scope: Sandbox, key: string, now: number): Promise<IdempotentResult | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: idempotencyKey(scope, key), ConsistentRead: true }));
    if (!result.Item || Number(result.Item.ttl) * 1000 <= now) return undefined;
    return { bodyHash: String(result.Item.bodyHash), memory: result.Item.memory as Memory };
  }

  /** Writes the memory and its idempotency record together; false if another request took the key first. */
  async put(scope: Sandbox, key: string, bodyHash: string, memory: Memory, now: number, withCharge?: ChargedTransaction): Promise<boolean> {
    const items = {
      idempotency: {
        Put: {
          TableName: this.table,
          Item: { ...idempotencyKey(scope, key), bodyHash, memory, ttl: Math.floor(now / 1000) + IDEMPOTENCY_TTL_SECONDS },
          // Absent or expired (DynamoDB deletes expired items within days, not at once).
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': Math.floor(now / 1000) },
        },
      },
      memory: {
        Put: {
          TableName: this.table,
          Item: { pk: memoryPartition(scope), sk: memory.id, ...memory },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
    try {
      await (withCharge ? withCharge(items) : transactNamed(this.db, items));
      return true;
    } catch (error) {
      const failed = error instanceof OperationConditionFailed ? error.failed : failedConditions(error, items);
      if (failed.has('idempotency')) return false;
      throw error;
    }
  }
}
