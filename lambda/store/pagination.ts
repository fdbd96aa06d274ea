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
  /**
   * Where the next page starts (below this id) when the read stopped at its bound before the page
   * was full: the last item read, which the filter left out. Absent otherwise (the last item's id).
   */
  readonly resumeBefore?: string;
}

/**
 * The most one page reads, whatever its filter matches: items DynamoDB evaluates, and calls (each
 * returns at most 1 MB). A page that reaches the bound ends early, fuller or emptier, with a cursor.
 */
export const LIST_READ_BOUND = { items: 1_000, calls: 4 } as const;
/** A filtered page's first call reads at least this many items, doubling each call, so a rare match does not cost a call per item or two. */
const FILTERED_READ_CHUNK = 100;

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

/** The pages of a Query (DynamoDB returns at most 1 MB a call). */
async function* queryPages(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item a Query matches, page by page, so a reader may stop early. */
export async function* queryItems(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  for await (const items of queryPages(db, input)) yield* items;
}

/**
 * One keyset page of a Query, read within LIST_READ_BOUND. DynamoDB applies `Limit` before the
 * filter, so a filtered page reads in chunks; one item past the page is asked for, to know
 * whether more exist. The sort key is the item's id.
 */
export async function queryPage(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  page: PageRequest,
): Promise<Page<Record<string, unknown>>> {
  const items: Record<string, unknown>[] = [];
  const filtered = input.FilterExpression !== undefined;
  let evaluated = 0;
  let startKey: Record<string, unknown> | undefined;
  for (let call = 0; call < LIST_READ_BOUND.calls && evaluated < LIST_READ_BOUND.items; call++) {
    const wanted = page.limit + 1 - items.length;
    const chunk = filtered ? Math.max(wanted, FILTERED_READ_CHUNK * 2 ** call) : wanted;
    const limit = Math.min(chunk, LIST_READ_BOUND.items - evaluated);
    const result = await db.send(new QueryCommand({ ...input, Limit: limit, ExclusiveStartKey: startKey }));
    evaluated += result.ScannedCount ?? limit;
    items.push(...(result.Items ?? []));
    if (items.length > page.limit) return { items: items.slice(0, page.limit), more: true };
    startKey = result.LastEvaluatedKey;
    if (!startKey) return { items, more: false };
  }
  return { items, more: true, resumeBefore: String((startKey as Record<string, unknown>).sk) };
}
