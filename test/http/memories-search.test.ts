import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, remember, startTestApi, type ApiCall, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

const roomy = roomyFreeTier({}, { creditsPerMonth: null, activeKeys: 10 });

async function search(call: ApiCall, credential: string, body: Record<string, unknown>) {
  const response = await call('POST', '/v1/memories/search', { headers: bearer(credential), body });
  expect(response.status).toBe(200);
  return response.json.data as { memory: { id: string; content: string }; score: number }[];
}

describe('POST /v1/memories/search', () => {
  let api: TestApi;
  let token: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi(roomy);
    ({ token } = await registerTenant(api.call));
    ids.tea = await remember(api.call, token, 'The user drinks green tea every morning; tea, tea and more tea.', {
      type: 'semantic',
      metadata: { source: 'chat' },
    });
    ids.teaOnce = await remember(
      api.call,
      token,
      'Green tea was mentioned once in a long conversation about travel plans, hotels, trains and museums in Kyoto.',
    );
    ids.coffee = await remember(api.call, token, 'The user dislikes coffee.', { type: 'semantic', metadata: { source: 'email' } });
    ids.unicode = await remember(api.call, token, 'Café au lait in Zürich — naïve résumé, 東京 trip', {
      type: 'episodic',
      metadata: { source: 'chat', priority: 2 },
    });
    ids.rare = await remember(api.call, token, 'Allergic to peanuts.', { type: 'procedural' });
  });
  afterAll(async () => api.stop());

  it('ranks by term frequency and length, best first, with scores in [0, 1]', async () => {
    const results = await search(api.call, token, { query: 'green tea' });
    expect(results.map((r) => r.memory.id)).toEqual([ids.tea, ids.teaOnce]);
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score ?? 1);
    for (const result of results) {
      expect(result.score).toBeGreaterThan(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
  });

  it('returns nothing that shares no term with the query', async () => {
    expect(await search(api.call, token, { query: 'submarine' })).toEqual([]);
    const coffee = await search(api.call, token, { query: 'coffee' });
    expect(coffee.map((r) => r.memory.id)).toEqual([ids.coffee]);
  });

  it('weighs a rare term above a common one', async () => {
    const results = await search(api.call, token, { query: 'peanuts tea' });
    expect(results[0]?.memory.id).toBe(ids.rare);
  });

  it('tokenises case, punctuation and Unicode', async () => {
    expect((await search(api.call, token, { query: 'CAFÉ zürich' })).map((r) => r.memory.id)).toEqual([ids.unicode]);
    expect((await search(api.call, token, { query: '東京' })).map((r) => r.memory.id)).toEqual([ids.unicode]);
    expect((await search(api.call, token, { query: 'résumé!!!' })).map((r) => r.memory.id)).toEqual([ids.unicode]);
  });

  it('filters by type and metadata', async () => {
    expect((await search(api.call, token, { query: 'tea coffee', type: 'semantic' })).map((r) => r.memory.id).sort()).toEqual(
      [ids.tea, ids.coffee].sort(),
    );
    expect((await search(api.call, token, { query: 'tea coffee', metadata: { source: 'email' } })).map((r) => r.memory.id)).toEqual([
      ids.coffee,
    ]);
    expect(await search(api.call, token, { query: 'café', metadata: { priority: 3 } })).toEqual([]);
  });

  it('respects limit and breaks ties toward the newer memory', async () => {
    const { token: other } = await registerTenant(api.call);
    const older = await remember(api.call, other, 'identical words here');
    const newer = await remember(api.call, other, 'identical words here');
    const results = await search(api.call, other, { query: 'identical' });
    expect(results.map((r) => r.memory.id)).toEqual([newer, older]);
    expect(results[0]?.score).toBe(results[1]?.score);
    expect((await search(api.call, other, { query: 'identical', limit: 1 })).map((r) => r.memory.id)).toEqual([newer]);
  });

  it('never returns another tenant’s or the other environment’s memories', async () => {
    const { token: other } = await registerTenant(api.call);
    expect(await search(api.call, other, { query: 'green tea' })).toEqual([]);
    const testKey = await createKey(api.call, token, { name: 'sandbox', environment: 'test', scopes: ['read', 'write'] });
    expect(await search(api.call, testKey.key, { query: 'green tea' })).toEqual([]);
    const inTest = await remember(api.call, testKey.key, 'green tea in the sandbox');
    expect((await search(api.call, testKey.key, { query: 'green tea' })).map((r) => r.memory.id)).toEqual([inTest]);
    expect(await search(api.call, token, { query: 'sandbox' })).toEqual([]);
  });

  it('refuses bad search bodies with VALIDATION_ERROR', async () => {
    for (const body of [
      {},
      { query: '' },
      { query: 'x'.repeat(1001) },
      { query: 'tea', limit: 0 },
      { query: 'tea', limit: 51 },
      { query: 'tea', limit: 2.5 },
      { query: 'tea', type: 'dream' },
      { query: 'tea', extra: 1 },
      { query: 7 },
    ]) {
      expectError(await api.call('POST', '/v1/memories/search', { headers: bearer(token), body }), 400, 'VALIDATION_ERROR');
    }
    expectError(
      await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'tea', tenant_id: 'tnt_other' } }),
      403,
      'TENANT_MISMATCH',
    );
  });

  it('does not return a deleted memory', async () => {
    const { token: other } = await registerTenant(api.call);
    const id = await remember(api.call, other, 'ephemeral thought about kites');
    expect((await api.call('DELETE', `/v1/memories/${id}`, { headers: bearer(other) })).status).toBe(204);
    expect(await search(api.call, other, { query: 'kites' })).toEqual([]);
  });
});

describe('POST /v1/memories/search reads a bounded number of bytes', () => {
  let api: TestApi;
  let token: string;
  const ids: string[] = [];
  beforeAll(async () => {
    // The smallest ceiling, 16 KiB: three memories of 6,000 bytes reach it.
    api = await startTestApi({ ...roomy, searchReadBytes: 16_384 });
    ({ token } = await registerTenant(api.call));
    for (let i = 0; i < 5; i++) ids.push(await remember(api.call, token, `needle ${i === 0 ? 'needle needle ' : ''}${'x'.repeat(6_000)}`));
  });
  afterAll(async () => api.stop());

  it('searches the newest memories up to the ceiling and says the answer is not complete', async () => {
    // Act
    const response = await api.call('POST', '/v1/memories/search', { headers: bearer(token), body: { query: 'needle', limit: 50 } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.json.complete).toBe(false);
    expect(response.json.data.map((result: { memory: { id: string } }) => result.memory.id)).toEqual([ids[4], ids[3], ids[2]]);
  });

  it('says the answer is complete when a filter keeps the memories read under the ceiling', async () => {
    // Prepare
    const tagged = await remember(api.call, token, 'needle in a small haystack', { metadata: { pile: 'small' } });

    // Act
    const response = await api.call('POST', '/v1/memories/search', {
      headers: bearer(token),
      body: { query: 'needle', metadata: { pile: 'small' } },
    });

    // Assess
    expect(response.json).toMatchObject({ complete: true, data: [{ memory: { id: tagged } }] });
  });
});
