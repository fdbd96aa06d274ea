import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CALL_ATTEMPTS } from '../../lambda/platform/budget';
import { LOCAL_REINDEX_PATH } from '../../local/operator-routes';
import { S3VectorsServiceError } from '../../local/s3-vectors-stand-in';
import { bearer, createKey, expectError, registerTenant, remember, startTestApi, type ApiCall, type TestApi } from '../helpers/local-api';
import { detailFields, roomyFreeTier } from './support';

const roomy = roomyFreeTier({}, { creditsPerMonth: null, activeKeys: 10 });

type Hit = { memory: { id: string; content: string; type: string }; score: number };

async function search(call: ApiCall, credential: string, body: Record<string, unknown>): Promise<Hit[]> {
  const response = await call('POST', '/v1/memories/search', { headers: bearer(credential), body });
  expect(response.status).toBe(200);
  return response.json.data as Hit[];
}
const ids = (hits: Hit[]) => hits.map((hit) => hit.memory.id);

describe('POST /v1/memories/search', () => {
  let api: TestApi;
  let token: string;
  const memory: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi(roomy);
    ({ token } = await registerTenant(api.call));
    memory.tea = await remember(api.call, token, 'The user drinks green tea every morning before work.', {
      type: 'semantic',
      metadata: { source: 'chat' },
    });
    memory.coffee = await remember(api.call, token, 'The user dislikes coffee and never orders espresso.', {
      type: 'semantic',
      metadata: { source: 'email' },
    });
    memory.invoice = await remember(api.call, token, 'Invoice INV-2024-0042 from Acme was paid by bank transfer.', {
      type: 'episodic',
      metadata: { source: 'email', priority: 2 },
    });
    memory.running = await remember(api.call, token, 'She runs marathons and trains on weekends.', { type: 'procedural' });
    memory.stopWords = await remember(api.call, token, 'The and of the to.');
    await api.search.settled();
  }, 300_000);
  afterAll(async () => api?.stop());

  it('answers in hybrid mode by default, best first, with scores in [0, 1]', async () => {
    // Act
    const response = await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'green tea' } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.json.mode).toBe('hybrid');
    const hits = response.json.data as Hit[];
    expect(hits[0]?.memory.id).toBe(memory.tea);
    for (const [position, hit] of hits.entries()) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      if (position > 0) expect(hit.score).toBeLessThanOrEqual(hits[position - 1]?.score ?? 1);
    }
  });

  it('lexical mode matches another form of a word (stemming) and ignores stop words', async () => {
    // Act
    const running = await search(api.call, token, { query: 'running marathon', mode: 'lexical' });
    const onlyStopWords = await search(api.call, token, { query: 'the of and', mode: 'lexical' });

    // Assess
    expect(ids(running)).toEqual([memory.running]);
    expect(onlyStopWords).toEqual([]);
  });

  it('lexical mode returns nothing that shares no term with the query', async () => {
    expect(await search(api.call, token, { query: 'submarine volcano', mode: 'lexical' })).toEqual([]);
  });

  it('semantic mode finds a memory worded differently from the question', async () => {
    // Act
    const hits = await search(api.call, token, { query: 'Which beverage does she like in the morning?', mode: 'semantic', limit: 2 });

    // Assess
    expect(ids(hits)).toContain(memory.tea);
  });

  it('finds an exact identifier first in every mode that reads words', async () => {
    for (const mode of ['hybrid', 'lexical'] as const) {
      const hits = await search(api.call, token, { query: 'INV-2024-0042', mode });
      expect(hits[0]?.memory.id).toBe(memory.invoice);
    }
  });

  it('filters by type and metadata inside the index, in each mode', async () => {
    for (const mode of ['hybrid', 'semantic', 'lexical'] as const) {
      // Act
      const byType = await search(api.call, token, { query: 'user drinks coffee tea', mode, type: 'semantic' });
      const byMetadata = await search(api.call, token, { query: 'user drinks coffee tea invoice', mode, metadata: { source: 'email' } });
      const byNumber = await search(api.call, token, { query: 'invoice paid', mode, metadata: { priority: 2 } });
      const none = await search(api.call, token, { query: 'coffee', mode, metadata: { source: 'nowhere' } });

      // Assess
      expect(new Set(ids(byType))).toEqual(new Set([memory.tea, memory.coffee]));
      for (const hit of byMetadata) expect([memory.coffee, memory.invoice]).toContain(hit.memory.id);
      expect(ids(byMetadata)).toContain(memory.coffee);
      expect(ids(byNumber)).toEqual([memory.invoice]);
      expect(none).toEqual([]);
    }
  });

  it('refuses an unknown mode and out-of-range limits', async () => {
    const bad = await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'tea', mode: 'fuzzy' } });
    expectError(bad, 400, 'VALIDATION_ERROR');
    expect(detailFields(bad)).toContain('mode');
    const tooMany = await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'tea', limit: 51 } });
    expectError(tooMany, 400, 'VALIDATION_ERROR');
  });
});

describe('search index maintenance', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(roomy);
    ({ token } = await registerTenant(api.call));
  }, 300_000);
  afterAll(async () => api?.stop());

  it('makes an acknowledged memory searchable once the stream is applied, and counts its lag', async () => {
    // Arrange
    const id = await remember(api.call, token, 'The staging database password rotates every ninety days.');

    // Act
    await api.search.settled();

    // Assess
    for (const mode of ['hybrid', 'semantic', 'lexical'] as const)
      expect(ids(await search(api.call, token, { query: 'staging database password', mode }))).toContain(id);
    expect(api.metrics.values('SearchIndexLag', {}).length).toBeGreaterThan(0);
  });

  it('re-indexes an updated memory: old words no longer find it, new ones do, and a new type filters it', async () => {
    // Arrange
    const id = await remember(api.call, token, 'The user keeps a parrot named Kiwi.');
    await api.search.settled();

    // Act
    const patched = await api.call('PATCH', `/v1/memories/${id}`, {
      headers: bearer(token),
      body: { content: 'The user adopted a tortoise called Shelly.', type: 'procedural' },
    });
    await api.search.settled();

    // Assess
    expect(patched.status).toBe(200);
    expect(ids(await search(api.call, token, { query: 'parrot Kiwi', mode: 'lexical' }))).not.toContain(id);
    expect(ids(await search(api.call, token, { query: 'tortoise Shelly', mode: 'lexical', type: 'procedural' }))).toEqual([id]);
  });

  it('removes a deleted memory from every mode', async () => {
    // Arrange
    const id = await remember(api.call, token, 'Flight AB-1234 to Lisbon departs at dawn.');
    await api.search.settled();

    // Act
    expect((await api.call('DELETE', `/v1/memories/${id}`, { headers: bearer(token) })).status).toBe(204);
    await api.search.settled();

    // Assess
    for (const mode of ['hybrid', 'semantic', 'lexical'] as const)
      expect(ids(await search(api.call, token, { query: 'Flight AB-1234 Lisbon', mode }))).not.toContain(id);
  });

  it('loses no write when S3 Vectors refuses it: the stream applies it again once the service is back', async () => {
    // Arrange
    // Every attempt the SDK makes (CALL_ATTEMPTS) for each of the two PutVectors calls (one an index) is refused, so indexing fails.
    const refused = 2 * CALL_ATTEMPTS;
    let refusals = 0;
    let refusedAll: () => void = () => undefined;
    const firstRefusal = new Promise<void>((resolve) => (refusedAll = resolve));
    const stalled = await startTestApi(roomy, {
      vectorFault: (operation) => {
        if (operation !== 'PutVectors' || refusals >= refused) return undefined;
        refusals += 1;
        if (refusals === refused) refusedAll();
        return new S3VectorsServiceError(503, 'ServiceUnavailableException', 'slow down');
      },
    });
    try {
      const owner = await registerTenant(stalled.call);
      const id = await remember(stalled.call, owner.token, 'Quarterly report is due on the fifteenth.');
      await firstRefusal;

      // Act
      await stalled.search.settled();

      // Assess
      expect(ids(await search(stalled.call, owner.token, { query: 'quarterly report', mode: 'lexical' }))).toEqual([id]);
      // Every refusal was served (to the write's own indexing or to the stream's, whichever came first).
      expect(refusals).toBe(refused);
    } finally {
      await stalled.stop();
    }
  });

  it('rebuilds a sandbox with `npm run reindex` (the local operator route): the same answers from an index built anew', async () => {
    // Arrange
    const owner = await registerTenant(api.call);
    const id = await remember(api.call, owner.token, 'Prefers aisle seats on long flights.');
    await api.search.settled();
    const before = await search(api.call, owner.token, { query: 'aisle seat', mode: 'lexical' });

    // Act
    const result = await api.call('POST', LOCAL_REINDEX_PATH, {
      headers: bearer(api.operatorToken),
      body: { tenantId: owner.tenantId, environment: 'live' },
    });

    // Assess
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ ok: true, memories: 1, vectorsWritten: 2 });
    expect(ids(before)).toEqual([id]);
    expect(ids(await search(api.call, owner.token, { query: 'aisle seat', mode: 'lexical' }))).toEqual([id]);
  });
});

describe('search isolation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(roomy);
  }, 300_000);
  afterAll(async () => api?.stop());

  it('never returns another tenant’s or the other sandbox’s memory, in any mode or filter', async () => {
    // Arrange
    const alice = await registerTenant(api.call);
    const bob = await registerTenant(api.call);
    const aliceTest = await createKey(api.call, alice.token, { name: 'test', environment: 'test' });
    const secret = 'Vault combination 4471-ZETA opens the archive room.';
    const aliceLive = await remember(api.call, alice.token, secret, { metadata: { source: 'vault' } });
    const aliceTestMemory = await remember(api.call, aliceTest.key, `${secret} (test copy)`, { metadata: { source: 'vault' } });
    await remember(api.call, bob.token, 'Bob likes sailing.');
    await api.search.settled();

    for (const mode of ['hybrid', 'semantic', 'lexical'] as const)
      for (const filter of [{}, { metadata: { source: 'vault' } }, { type: 'episodic' }]) {
        const body = { query: secret, mode, limit: 50, ...filter };
        // Act
        const bobs = await search(api.call, bob.token, body);
        const aliceLiveHits = await search(api.call, alice.token, body);
        const aliceTestHits = await search(api.call, aliceTest.key, body);

        // Assess
        expect(ids(bobs)).not.toContain(aliceLive);
        expect(ids(bobs)).not.toContain(aliceTestMemory);
        expect(ids(aliceLiveHits)).not.toContain(aliceTestMemory);
        expect(ids(aliceTestHits)).not.toContain(aliceLive);
      }
    expect(ids(await search(api.call, alice.token, { query: secret, mode: 'lexical' }))).toEqual([aliceLive]);
    expect(ids(await search(api.call, aliceTest.key, { query: secret, mode: 'lexical' }))).toEqual([aliceTestMemory]);
  });
});

describe('search when S3 Vectors fails', () => {
  it('answers 503 with Retry-After, never 500', async () => {
    // Arrange
    let failing = false;
    const api = await startTestApi(roomy, {
      vectorFault: (operation) =>
        failing && operation === 'QueryVectors' ? new S3VectorsServiceError(503, 'ServiceUnavailableException', 'down') : undefined,
    });
    try {
      const { token } = await registerTenant(api.call);
      await remember(api.call, token, 'The user collects vintage postcards.');
      await api.search.settled();
      failing = true;

      // Act
      const response = await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'vintage postcards' } });

      // Assess
      expectError(response, 503, 'SERVICE_UNAVAILABLE');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(api.metrics.count('SearchUnavailable', {})).toBe(1);
    } finally {
      await api.stop();
    }
  }, 300_000);
});
