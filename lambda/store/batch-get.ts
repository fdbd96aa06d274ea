import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Calls of one BatchGetItem batch while keys come back unprocessed, pausing 50, 100, 200, ... ms (at most 1 s) between. */
const UNPROCESSED_ATTEMPTS = 8;
const UNPROCESSED_FIRST_PAUSE_MS = 50;
const UNPROCESSED_LONGEST_PAUSE_MS = 1_000;

/** Consistent BatchGetItem of items by one key attribute (at most 100 values), in the order asked; missing items are left out. */
export async function consistentBatchGet(
  db: DynamoDBDocumentClient,
  table: string,
  attribute: string,
  values: readonly string[],
  pause: (ms: number) => Promise<void>,
): Promise<Record<string, unknown>[]> {
  const found = new Map<string, Record<string, unknown>>();
  let keys: Record<string, unknown>[] | undefined = values.map((value) => ({ [attribute]: value }));
  for (let attempt = 0; keys?.length; attempt++) {
    // Unprocessed keys mean the table is throttling: AWS asks for an exponential backoff, bounded.
    if (attempt >= UNPROCESSED_ATTEMPTS) throw new Error(`BatchGetItem left ${keys.length} keys unprocessed ${attempt} times`);
    if (attempt > 0) await pause(Math.min(UNPROCESSED_FIRST_PAUSE_MS * 2 ** (attempt - 1), UNPROCESSED_LONGEST_PAUSE_MS));
    const result: BatchGetCommandOutput = await db.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
    );
    for (const item of result.Responses?.[table] ?? []) found.set(String(item[attribute]), item);
    keys = result.UnprocessedKeys?.[table]?.Keys;
  }
  return values.flatMap((value): Record<string, unknown>[] => {
    const item = found.get(value);
    return item ? [item] : [];
  });
}
