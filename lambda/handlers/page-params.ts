import * as z from 'zod/mini';
import { ApiError } from '../http/errors';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../store/pagination';

export const pageQueryFields = {
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string()),
};

/** Turns `limit` and `cursor` query values into a page request; a foreign or tampered cursor is a 400. */
export function pageRequest(query: { limit: number; cursor?: string }, list: string, idPattern: RegExp): PageRequest {
  if (query.cursor === undefined) return { limit: query.limit };
  const before = decodeCursor(query.cursor, list, idPattern);
  if (!before)
    throw new ApiError('VALIDATION_ERROR', 'The cursor is not valid for this list', [{ field: 'cursor', issue: 'invalid cursor' }]);
  return { limit: query.limit, before };
}

/**
 * Lambda answers at most 6 MB (6,291,456 bytes) of response, the body counted as a JSON string
 * inside it (every `"` and `\\` escaped once more): a page's items stop at this many bytes so
 * counted, the rest left for the headers and the envelope, and the cursor goes on from there.
 */
export const PAGE_BYTES = 5 * 1024 * 1024;

/** What an item adds to the Lambda response: its JSON, escaped again as part of the body string. */
export function responseBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(value)));
}

export function pageBody<T, V>(page: Page<T>, list: string, idOf: (item: T) => string, view: (item: T) => V) {
  const data: V[] = [];
  let bytes = 0;
  for (const item of page.items) {
    const shown = view(item);
    bytes += responseBytes(shown);
    // One item always fits (a memory is far below the budget), so every page moves the cursor on.
    if (data.length > 0 && bytes > PAGE_BYTES) return { data, next_cursor: encodeCursor(list, idOf(page.items[data.length - 1] as T)) };
    data.push(shown);
  }
  const last = page.items.at(-1);
  const resume = page.resumeBefore ?? (last ? idOf(last) : undefined);
  return { data, next_cursor: page.more && resume ? encodeCursor(list, resume) : null };
}
