import * as z from 'zod/mini';
import { ApiError } from '../shared/errors';
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

export function pageBody<T, V>(page: Page<T>, list: string, idOf: (item: T) => string, view: (item: T) => V) {
  const last = page.items.at(-1);
  return { data: page.items.map(view), next_cursor: page.more && last ? encodeCursor(list, idOf(last)) : null };
}
