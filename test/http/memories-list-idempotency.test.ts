import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, remember, startTestApi, type ApiCall, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

const roomy = roomyFreeTier({}, { creditsPerMonth: null, activeKeys: 10 });

async function allPages(call: ApiCall, credential: string, query: string, onPage?: (page: number) => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const response = await call('GET', `/v1/memories?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: bearer(credential),
    });
    expect(response.status).toBe(200);
    ids.push(...response.json.data.map((memory: { id: string }) => memory.id));
    cursor = response.json.next_cursor;
    await onPage?.(page++);
  } while (cursor);
  return ids;
}

describe('GET /v1/memories pagination and filters', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(roomy);
  });
  afterAll(async () => api.stop());

  it('pages newest first without duplicates or gaps while memories are being added', async () => {
    const { token } = await registerTenant(api.call);
    const created: string[] = [];
    for (let i = 0; i < 11; i++) created.push(await remember(api.call, token, `memory ${i}`));
    const seen = await allPages(api.call, token, 'limit=3', async () => {
      await remember(api.call, token, 'inserted while paging');
    });
    expect(seen).toEqual([...created].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('defaults to 20 per page and says when there is no next page', async () => {
    const { token } = await registerTenant(api.call);
    for (let i = 0; i < 21; i++) await remember(api.call, token, `m ${i}`);
    const first = await api.call('GET', '/v1/memories', { headers: bearer(token) });
    expect(first.json.data).toHaveLength(20);
    expect(typeof first.json.next_cursor).toBe('string');
    const second = await api.call('GET', `/v1/memories?cursor=${first.json.next_cursor}`, { headers: bearer(token) });
    expect(second.json.data).toHaveLength(1);
    expect(second.json.next_cursor).toBeNull();
  });

  it('filters by type and by several metadata values, ANDed', async () => {
    const { token } = await registerTenant(api.call);
    const match = await remember(api.call, token, 'a', { type: 'semantic', metadata: { source: 'chat', priority: 2, pinned: true } });
    await remember(api.call, token, 'b', { type: 'semantic', metadata: { source: 'chat', priority: 3 } });
    await remember(api.call, token, 'c', { type: 'episodic', metadata: { source: 'chat', priority: 2 } });
    expect(await allPages(api.call, token, 'type=semantic&metadata.source=chat&metadata.priority=2')).toEqual([match]);
    expect(await allPages(api.call, token, 'metadata.pinned=true')).toEqual([match]);
    expect(await allPages(api.call, token, 'metadata.source=email')).toEqual([]);
  });

  it('keeps filters working across pages', async () => {
    const { token } = await registerTenant(api.call);
    const wanted: string[] = [];
    for (let i = 0; i < 9; i++) {
      const id = await remember(api.call, token, `x ${i}`, { type: i % 3 === 0 ? 'working' : 'episodic' });
      if (i % 3 === 0) wanted.push(id);
    }
    expect(await allPages(api.call, token, 'limit=1&type=working')).toEqual(wanted.reverse());
  });

  it('refuses tampered, foreign and other-environment cursors with 400', async () => {
    const { token } = await registerTenant(api.call);
    const { token: other } = await registerTenant(api.call);
    for (let i = 0; i < 3; i++) {
      await remember(api.call, token, `mine ${i}`);
      await remember(api.call, other, `theirs ${i}`);
    }
    const page = await api.call('GET', '/v1/memories?limit=1', { headers: bearer(token) });
    const cursor: string = page.json.next_cursor;
    const tampered = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'BB' : 'AA');
    for (const bad of [tampered, 'not-a-cursor', '%%%', 'x'.repeat(600)]) {
      expectError(
        await api.call('GET', `/v1/memories?cursor=${encodeURIComponent(bad)}`, { headers: bearer(token) }),
        400,
        'VALIDATION_ERROR',
      );
    }
    expectError(await api.call('GET', `/v1/memories?cursor=${cursor}`, { headers: bearer(other) }), 400, 'VALIDATION_ERROR');
    expectError(
      await api.call('GET', `/v1/memories?cursor=${cursor}`, { headers: { ...bearer(token), 'x-environment': 'test' } }),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('refuses bad list queries with 400', async () => {
    const { token } = await registerTenant(api.call);
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'type=dream', 'colour=blue', `metadata.${'k'.repeat(65)}=v`]) {
      expectError(await api.call('GET', `/v1/memories?${query}`, { headers: bearer(token) }), 400, 'VALIDATION_ERROR');
    }
    expectError(await api.call('GET', '/v1/memories?tenant_id=tnt_other', { headers: bearer(token) }), 403, 'TENANT_MISMATCH');
  });
});

describe('Idempotency-Key on POST /v1/memories', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(roomy);
    ({ token } = await registerTenant(api.call));
  });
  afterAll(async () => api.stop());

  const post = (key: string, body: unknown, credential = token, extra: Record<string, string> = {}) =>
    api.call('POST', '/v1/memories', { headers: { ...bearer(credential), 'idempotency-key': key, ...extra }, body });

  it('returns the first result for a retry with the same key and body', async () => {
    const first = await post('retry-1', { content: 'remember me', metadata: { a: 1 } });
    const second = await post('retry-1', { content: 'remember me', metadata: { a: 1 } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const listed = await api.call('GET', '/v1/memories', { headers: bearer(token) });
    expect(listed.json.data.filter((m: { content: string }) => m.content === 'remember me')).toHaveLength(1);
  });

  it('creates exactly one memory when retries race', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => post('race-1', { content: 'raced' })));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.json.id)).size).toBe(1);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    await post('changed-1', { content: 'one' });
    expectError(await post('changed-1', { content: 'two' }), 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('scopes keys per tenant and environment', async () => {
    const { token: other } = await registerTenant(api.call);
    const mine = await post('shared-key', { content: 'mine' });
    const theirs = await post('shared-key', { content: 'theirs' }, other);
    expect(theirs.status).toBe(201);
    expect(theirs.json.id).not.toBe(mine.json.id);
    const sandbox = await post('shared-key', { content: 'sandbox' }, token, { 'x-environment': 'test' });
    expect(sandbox.status).toBe(201);
    expect(sandbox.json.environment).toBe('test');
  });

  it('refuses an Idempotency-Key over 255 characters', async () => {
    expectError(await post('k'.repeat(256), { content: 'x' }), 400, 'VALIDATION_ERROR');
  });
});

describe('isolation on every memories route', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(roomy);
  });
  afterAll(async () => api.stop());

  it('answers 404 for another tenant’s and the other environment’s memory ids, and leaves them untouched', async () => {
    const owner = await registerTenant(api.call);
    const stranger = await registerTenant(api.call);
    const testKey = await createKey(api.call, owner.token, { name: 'sandbox', environment: 'test', scopes: ['admin'] });
    const id = await remember(api.call, owner.token, 'private');
    for (const credential of [stranger.token, testKey.key]) {
      expectError(await api.call('GET', `/v1/memories/${id}`, { headers: bearer(credential) }), 404, 'NOT_FOUND');
      expectError(
        await api.call('PATCH', `/v1/memories/${id}`, { headers: bearer(credential), body: { content: 'hijacked' } }),
        404,
        'NOT_FOUND',
      );
      expectError(await api.call('DELETE', `/v1/memories/${id}`, { headers: bearer(credential) }), 404, 'NOT_FOUND');
      const listed = await api.call('GET', '/v1/memories', { headers: bearer(credential) });
      expect(listed.json.data.map((m: { id: string }) => m.id)).not.toContain(id);
    }
    const still = await api.call('GET', `/v1/memories/${id}`, { headers: bearer(owner.token) });
    expect(still.json.content).toBe('private');
  });
});
