import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { failedConditions, transactNamed, type NamedItems } from '../platform/dynamo';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Writes an operation's named items in one transaction with the request's charge (see
 * `chargeWithWrite`): a store given one writes through it instead of on its own.
 */
export type ChargedTransaction = (items: NamedItems<string>) => Promise<void>;

/** Items of the operation refused the transaction (their names): nothing was written or charged. */
export class OperationConditionFailed extends Error {
  constructor(readonly failed: ReadonlySet<string>) {
    super('a condition of the operation failed');
    this.name = 'OperationConditionFailed';
  }
}

/** The counter's name among a charged transaction's items; an operation's items take other names. */
const COUNTER_ITEM = 'counter';

/** The counter's write in one transaction with the operation's items; a refused counter fails the way an UpdateItem does. */
export async function transactWithCounter(db: DynamoDBDocumentClient, input: UpdateCommandInput, items: NamedItems<string>): Promise<void> {
  if (COUNTER_ITEM in items) throw new Error(`an operation's item may not be named ${COUNTER_ITEM}`);
  const { ReturnValues: _returnValues, ...update } = input;
  const all: NamedItems<string> = { [COUNTER_ITEM]: { Update: update as TransactItem['Update'] }, ...items };
  try {
    await transactNamed(db, all);
  } catch (error) {
    const failed = failedConditions(error, all);
    if (failed.has(COUNTER_ITEM)) {
      // The counter is the transaction's first item: its reason carries the item as it was.
      const old = (error as Error & { CancellationReasons?: { Item?: Record<string, AttributeValue> }[] }).CancellationReasons?.[0]?.Item;
      throw Object.assign(new Error('the counter refused the request'), { name: 'ConditionalCheckFailedException', Item: old });
    }
    if (failed.size > 0) throw new OperationConditionFailed(failed);
    throw error;
  }
}
