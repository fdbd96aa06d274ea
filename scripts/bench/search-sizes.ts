import { newId } from '../../lambda/domain/ids';
import type { Memory } from '../../lambda/domain/memory';
import type { Dependencies } from '../../lambda/wiring/dependencies';
import { bearer, type ApiCall } from '../http-client';
import { percentile } from './probe';

/** Sandbox sizes the search figures are taken at; add a size here to measure it (each fills its own tenant). */
export const SEARCH_SIZES = [1_000, 10_000, 100_000] as const;

const WORDS = 'tea coffee garden meeting project deadline family travel music book recipe running weather budget doctor'.split(' ');
const SEARCHES = 25;
const PAGES = 25;

export interface SizeFigures {
  readonly size: number;
  readonly searchMedianMs: number;
  readonly searchP95Ms: number;
  readonly listP95Ms: number;
  /** The owner token of the filled sandbox, for the cost of a search. */
  readonly owner: string;
}

/** A new tenant whose live sandbox holds `size` memories of twelve words each, written straight to the store. */
export async function fillSandbox(deps: Dependencies, call: ApiCall, size: number): Promise<{ owner: string }> {
  const tenant = await call('POST', '/v1/auth/register', {
    body: { email: `bench-${size}-${Date.now()}@example.com`, password: 'benchmark password', full_name: 'Bench' },
  });
  const tenantId = tenant.json.user.tenant_id as string;
  const now = Date.now();
  for (let start = 0; start < size; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, size - start) }, (_, offset) => {
        const index = start + offset;
        const content = Array.from({ length: 12 }, (_, w) => WORDS[(index * 7 + w * 3) % WORDS.length]).join(' ') + ` note ${index}`;
        const stamp = new Date(now).toISOString();
        const memory: Memory = {
          id: newId('mem', now - size + index),
          content,
          type: 'episodic',
          metadata: {},
          environment: 'live',
          createdAt: stamp,
          updatedAt: stamp,
        };
        return deps.memories.put({ tenantId, environment: 'live' }, memory);
      }),
    );
  }
  return { owner: tenant.json.access_token as string };
}

export const searchRequest = (call: ApiCall, owner: string, i: number) =>
  call('POST', '/v1/memories/search', { headers: bearer(owner), body: { query: `${WORDS[i % WORDS.length]} budget`, limit: 10 } });

/**
 * Fills a sandbox of `size` memories, waits until the search index holds them (`settled`: the local
 * stack's index stream), then times searches and list pages in it.
 */
export async function measureSize(deps: Dependencies, call: ApiCall, size: number, settled: () => Promise<void>): Promise<SizeFigures> {
  const { owner } = await fillSandbox(deps, call, size);
  await settled();
  const search: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const started = performance.now();
    await searchRequest(call, owner, i);
    search.push(performance.now() - started);
  }
  const list: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < PAGES; i++) {
    const started = performance.now();
    const page = await call('GET', `/v1/memories?limit=20${cursor ? `&cursor=${cursor}` : ''}`, { headers: bearer(owner) });
    list.push(performance.now() - started);
    cursor = page.json.next_cursor as string | null;
  }
  return {
    size,
    searchMedianMs: percentile(search, 50),
    searchP95Ms: percentile(search, 95),
    listP95Ms: percentile(list, 95),
    owner,
  };
}
