export type { Page, PageRequest } from './pagination';
import type { Page, PageRequest } from './pagination';

type QueryPage<T> = (limit: number, startKey: Record<string, unknown> | undefined) => Promise<{ items: T[]; startKey?: Record<string, unknown> }>;

/**
 * Fills one page from a filtered Query: DynamoDB applies `Limit` before the filter, so a page may
 * need several calls. One item past the page is asked for, to know whether more exist.
 */
export async function collectPage<T>(page: PageRequest, query: QueryPage<T>): Promise<Page<T>> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await query(page.limit + 1 - items.length, startKey);
    items.push(...result.items);
    startKey = result.startKey;
  } while (startKey && items.length <= page.limit);
  return { items: items.slice(0, page.limit), more: items.length > page.limit || startKey !== undefined };
}
