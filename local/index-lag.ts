import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../lambda/platform/dynamo';
import { TABLE_SCHEMAS, type TableSchema } from '../lambda/shared/table-schemas';

export interface IndexLagOptions {
  /** How long a write stays out of sight of index queries and eventually consistent reads; 0 turns it off. */
  readonly lagMs: number;
  readonly now: () => number;
  readonly tables: TableNames;
}

interface Write {
  readonly at: number;
  /** The write made the item (it did not exist before). */
  readonly created: boolean;
}

type Item = Record<string, unknown>;
type Input = Record<string, unknown>;

const PRUNE_EVERY = 256;

/**
 * DynamoDB Local updates global secondary indexes synchronously; DynamoDB does not. This makes
 * DynamoDB Local as lax as DynamoDB, on the local stack's clock: a Query on an index does not see
 * an item written or changed in the last `lagMs`, and an eventually consistent GetItem does not
 * see an item created in that time. Whether a write created its item is known from the write's
 * old image (asked for when the caller did not ask for another) or from an `attribute_not_exists`
 * condition in a transaction; a write whose caller asked for new values counts as a change.
 */
export function simulateIndexLag(db: DynamoDBDocumentClient, options: IndexLagOptions): void {
  if (options.lagMs <= 0) return;
  const schemas = new Map<string, TableSchema>(
    Object.entries(TABLE_SCHEMAS).map(([logical, schema]) => [options.tables[logical as keyof TableNames], schema]),
  );
  const writes = new Map<string, Write>();
  let writesSincePrune = 0;

  const identity = (table: unknown, item: Item | undefined): string | undefined => {
    const schema = schemas.get(String(table));
    if (!schema || !item) return undefined;
    return JSON.stringify([table, item[schema.partitionKey], schema.sortKey ? item[schema.sortKey] : null]);
  };
  const fresh = (id: string | undefined, now: number): Write | undefined => {
    const write = id === undefined ? undefined : writes.get(id);
    return write && now - write.at < options.lagMs ? write : undefined;
  };
  const record = (id: string | undefined, created: boolean): void => {
    if (id === undefined) return;
    const now = options.now();
    writes.set(id, { at: now, created: fresh(id, now)?.created ?? created });
    if (++writesSincePrune >= PRUNE_EVERY) {
      writesSincePrune = 0;
      for (const [key, write] of writes) if (now - write.at >= options.lagMs) writes.delete(key);
    }
  };

  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Input;
      switch (context.commandName) {
        case 'PutItemCommand':
        case 'UpdateItemCommand': {
          const asksOld = input.ReturnValues === undefined;
          const known = asksOld || input.ReturnValues === 'ALL_OLD';
          if (asksOld) input.ReturnValues = 'ALL_OLD';
          try {
            const result = await next(args);
            const output = result.output as { Attributes?: Item };
            record(identity(input.TableName, (input.Item ?? input.Key) as Item), known && output.Attributes === undefined);
            if (asksOld) delete output.Attributes;
            return result;
          } finally {
            if (asksOld) delete input.ReturnValues;
          }
        }
        case 'DeleteItemCommand': {
          const result = await next(args);
          record(identity(input.TableName, input.Key as Item), false);
          return result;
        }
        case 'TransactWriteItemsCommand': {
          const result = await next(args);
          for (const action of (input.TransactItems ?? []) as Record<string, Input | undefined>[]) {
            if (action.Put)
              record(
                identity(action.Put.TableName, action.Put.Item as Item),
                /attribute_not_exists\(/.test(String(action.Put.ConditionExpression ?? '')),
              );
            for (const change of [action.Update, action.Delete]) if (change) record(identity(change.TableName, change.Key as Item), false);
          }
          return result;
        }
        case 'BatchWriteItemCommand': {
          const result = await next(args);
          for (const [table, requests] of Object.entries((input.RequestItems ?? {}) as Record<string, Input[]>)) {
            for (const request of requests) {
              const written = (request.PutRequest as Input | undefined)?.Item ?? (request.DeleteRequest as Input | undefined)?.Key;
              record(identity(table, written as Item), false);
            }
          }
          return result;
        }
        case 'QueryCommand': {
          const result = await next(args);
          if (!input.IndexName) return result;
          const output = result.output as { Items?: Item[]; Count?: number };
          const now = options.now();
          if (output.Items) {
            output.Items = output.Items.filter((item) => !fresh(identity(input.TableName, item), now));
            output.Count = output.Items.length;
          }
          return result;
        }
        case 'GetItemCommand': {
          const result = await next(args);
          if (input.ConsistentRead) return result;
          const output = result.output as { Item?: Item };
          if (fresh(identity(input.TableName, input.Key as Item), options.now())?.created) delete output.Item;
          return result;
        }
        default:
          return next(args);
      }
    },
    // Above the document client's marshalling: items are plain values here.
    { step: 'serialize', priority: 'high', name: 'localIndexLag' },
  );
}
