import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Memory } from '../../lambda/domain/memory';
import { LAMBDA_MAX_RESPONSE_BYTES } from '../../local/gateway';
import { LIST_READ_BOUND } from '../../lambda/store/pagination';
import { newId } from '../../lambda/domain/ids';
import { bearer, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

describe('list pages stay below Lambda’s 6 MB response limit', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier());
  });
  afterAll(async () => api.stop());

  it('pages 100 memories of 16,384 quote-heavy characters by bytes, with a cursor to the rest, none lost or repeated', async () => {
    // Prepare: escaped once in the body and again in Lambda's response, 100 such memories come to about 6.6 MB.
    const { tenantId, token } = await registerTenant(api.call);
    const content = '"'.repeat(16_383) + '\\';
    const now = new Date(api.clock.now()).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const memory: Memory = {
        id: newId('mem', api.clock.now() + i),
        content,
        type: 'semantic',
        metadata: {},
        environment: 'live',
        createdAt: now,
        updatedAt: now,
      };
      await api.deps.memories.put({ tenantId, environment: 'live' }, memory);
      ids.push(memory.id);
    }
    expect(100 * JSON.stringify(JSON.stringify(content)).length).toBeGreaterThan(LAMBDA_MAX_RESPONSE_BYTES);

    // Act
    const pages: ApiResponse[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await api.call('GET', `/v1/memories?limit=100${query}`, { headers: bearer(token) });
      pages.push(page);
      cursor = page.status === 200 ? page.json.next_cursor : null;
    } while (cursor && pages.length < 10);

    // Assess
    expect(pages.map((page) => page.status)).toEqual(pages.map(() => 200));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.json.data.length).toBeLessThan(100);
    const listed = pages.flatMap((page) => page.json.data.map((memory: { id: string }) => memory.id));
    expect(listed).toEqual([...ids].reverse());
  });
});

describe('filtered lists read a bounded amount', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier());
  });
  afterAll(async () => api.stop());

  it('answers a filter that matches nothing among many memories with an early page and a cursor, and reaches the one match', async () => {
    // Prepare: the one working memory is the oldest, below 2,000 others.
    const { tenantId, token } = await registerTenant(api.call);
    const sandbox = { tenantId, environment: 'live' as const };
    const now = new Date(api.clock.now()).toISOString();
    const total = 2 * LIST_READ_BOUND.items + 1;
    const memories: Memory[] = Array.from({ length: total }, (_, i) => ({
      id: newId('mem', api.clock.now() + i),
      content: `memory ${i}`,
      type: i === 0 ? 'working' : 'semantic',
      metadata: {},
      environment: 'live',
      createdAt: now,
      updatedAt: now,
    }));
    for (let i = 0; i < memories.length; i += 50) {
      await Promise.all(memories.slice(i, i + 50).map((memory) => api.deps.memories.put(sandbox, memory)));
    }

    // Act
    const pages: ApiResponse[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await api.call('GET', `/v1/memories?limit=1&type=working${query}`, { headers: bearer(token) });
      pages.push(page);
      cursor = page.status === 200 ? page.json.next_cursor : null;
    } while (cursor && pages.length < 10);

    // Assess
    expect(pages.map((page) => page.status)).toEqual(pages.map(() => 200));
    expect(pages[0]?.json).toMatchObject({ data: [] });
    expect(pages[0]?.json.next_cursor).toEqual(expect.any(String));
    expect(pages.flatMap((page) => page.json.data.map((memory: { id: string }) => memory.id))).toEqual([memories[0]?.id]);
    expect(pages.length).toBe(3);
  });
});
