import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * Keyset pagination over time-ordered ids: a page is "the newest `limit` items older than
 * `before`". Inserts during paging land before the first page, so pages never repeat or skip.
 */
export interface PageRequest {
  readonly limit: number;
  /** Only items with an id below this one. */
  readonly before?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Whether items older than the last one may exist. */
  readonly more: boolean;
}

/**
 * Cursors name the last id and the list they belong to. They hold nothing secret; a cursor whose
 * list or shape does not match is refused (400) instead of reaching DynamoDB.
 */
export function encodeCursor(list: string, lastId: string): string {
  return Buffer.from(JSON.stringify({ l: list, a: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string, list: string, idPattern: RegExp): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { l, a } = parsed as { l?: unknown; a?: unknown };
    return l === list && typeof a === 'string' && idPattern.test(a) ? a : undefined;
  } catch {
    return undefined;
  }
}

/** The pages of a Query (DynamoDB returns at most 1 MB a call); `limit` is asked before each call. */
async function* queryPages(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit?: () => number,
): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ...(limit ? { Limit: limit() } : {}), ExclusiveStartKey: startKey }));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item a Query matches, page by page, so a reader may stop early. */
export async function* queryItems(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  for await (const items of queryPages(db, input)) yield* items;
}

/**
 * One keyset page of a filtered Query: DynamoDB applies `Limit` before the filter, so a page may
 * need several calls. One item past the page is asked for, to know whether more exist.
 */
export async function queryPage(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  page: PageRequest,
): Promise<Page<Record<string, unknown>>> {
  const items: Record<string, unknown>[] = [];
  for await (const batch of queryPages(db, input, () => page.limit + 1 - items.length)) {
    items.push(...batch);
    if (items.length > page.limit) return { items: items.slice(0, page.limit), more: true };
  }
  return { items, more: false };
}
