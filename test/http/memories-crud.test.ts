import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';
import { ISO_TIMESTAMP, detailFields, roomyFreeTier } from './support';

const ids = (response: ApiResponse): string[] => response.json.data.map((item: { id: string }) => item.id);
const manyKeys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));

describe('memories: create, read, update, delete, list', () => {
  let api: TestApi;
  let owner: { token: string; tenantId: string };
  let other: { token: string; tenantId: string };

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier());
    [owner, other] = await Promise.all([registerTenant(api.call), registerTenant(api.call)]);
  });
  afterAll(async () => api.stop());

  const as = (token: string, extra: Record<string, string> = {}) => ({ ...bearer(token), ...extra });
  const create = (body: unknown, token = owner.token) => api.call('POST', '/v1/memories', { headers: as(token), body });
  const patch = (id: string, body: unknown, token = owner.token) => api.call('PATCH', `/v1/memories/${id}`, { headers: as(token), body });
  async function created(
    body: unknown = { content: 'a memory' },
    token = owner.token,
  ): Promise<{ id: string; created_at: string; updated_at: string }> {
    const response = await create(body, token);
    expect(response.status).toBe(201);
    return response.json;
  }
  function expectInvalid(response: ApiResponse, field: string): void {
    expectError(response, 400, 'VALIDATION_ERROR');
    expect(detailFields(response)).toEqual([field]);
  }

  describe('POST /v1/memories', () => {
    it('answers 201 with the memory: episodic by default, empty metadata, live, created_at equal to updated_at', async () => {
      const response = await create({ content: 'The user prefers tea.' });
      expect(response.status).toBe(201);
      expect(response.json).toEqual({
        id: expect.stringMatching(/^mem_[0-9A-Z]{26}$/),
        content: 'The user prefers tea.',
        type: 'episodic',
        metadata: {},
        environment: 'live',
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        updated_at: response.json.created_at,
      });
    });

    it('keeps the given type and metadata', async () => {
      const response = await create({ content: 'How to deploy', type: 'procedural', metadata: { source: 'chat', turns: 3, pinned: true } });
      expect(response.json).toMatchObject({ type: 'procedural', metadata: { source: 'chat', turns: 3, pinned: true } });
    });

    it('accepts the limits: 16,384 characters of content, 32 metadata keys, a 64-character key, a 1,024-character value', async () => {
      expect((await create({ content: 'c'.repeat(16_384) })).json.content).toHaveLength(16_384);
      expect((await create({ content: 'x', metadata: manyKeys(32) })).status).toBe(201);
      expect((await create({ content: 'x', metadata: { ['k'.repeat(64)]: 'v'.repeat(1_024) } })).status).toBe(201);
    });

    it('answers 400 naming content for an empty, a missing and a 16,385-character content', async () => {
      expectInvalid(await create({ content: '' }), 'content');
      expectInvalid(await create({ type: 'semantic' }), 'content');
      expectInvalid(await create({ content: 'c'.repeat(16_385) }), 'content');
    });

    it('answers 400 naming type for an unknown type', async () => {
      expectInvalid(await create({ content: 'x', type: 'bogus' }), 'type');
    });

    it('answers 400 for metadata with 33 keys, a nested object, a 65-character key or a 1,025-character value', async () => {
      expectInvalid(await create({ content: 'x', metadata: manyKeys(33) }), 'metadata');
      expectInvalid(await create({ content: 'x', metadata: { nested: { a: 1 } } }), 'metadata.nested');
      expectError(await create({ content: 'x', metadata: { ['k'.repeat(65)]: 1 } }), 400, 'VALIDATION_ERROR');
      expectInvalid(await create({ content: 'x', metadata: { long: 'v'.repeat(1_025) } }), 'metadata.long');
    });

    it('answers 413 PAYLOAD_TOO_LARGE for a body over 64 KiB', async () => {
      expectError(await create({ content: 'c'.repeat(65 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers 403 TENANT_MISMATCH for tenant_id or tenantId of another tenant', async () => {
      expectError(await create({ content: 'x', tenant_id: other.tenantId }), 403, 'TENANT_MISMATCH');
      expectError(await create({ content: 'x', tenantId: other.tenantId }), 403, 'TENANT_MISMATCH');
    });

    it('answers 201 for tenant_id and tenantId of the caller own tenant', async () => {
      expect((await create({ content: 'x', tenant_id: owner.tenantId })).status).toBe(201);
      expect((await create({ content: 'x', tenantId: owner.tenantId })).status).toBe(201);
    });

    it('answers 403 INSUFFICIENT_SCOPE naming memories:write to a read-only key', async () => {
      const tenant = await registerTenant(api.call);
      const { key } = await createKey(api.call, tenant.token, { name: 'reader', scopes: ['read'] });
      const response = await create({ content: 'x' }, key);
      expectError(response, 403, 'INSUFFICIENT_SCOPE');
      expect(response.json.error.message).toContain('memories:write');
    });
  });

  describe('GET, PATCH and DELETE /v1/memories/{id}', () => {
    it('answers GET with the memory as created', async () => {
      const response = await create({ content: 'read me', metadata: { a: 'b' } });
      const got = await api.call('GET', `/v1/memories/${response.json.id}`, { headers: as(owner.token) });
      expect(got.status).toBe(200);
      expect(got.json).toEqual(response.json);
    });

    it('answers 404 NOT_FOUND to another tenant for GET, PATCH and DELETE', async () => {
      const { id } = await created();
      expectError(await api.call('GET', `/v1/memories/${id}`, { headers: as(other.token) }), 404, 'NOT_FOUND');
      expectError(await patch(id, { content: 'hijacked' }, other.token), 404, 'NOT_FOUND');
      expectError(await api.call('DELETE', `/v1/memories/${id}`, { headers: as(other.token) }), 404, 'NOT_FOUND');
      expect((await api.call('GET', `/v1/memories/${id}`, { headers: as(owner.token) })).json.content).toBe('a memory');
    });

    it('answers 404 NOT_FOUND from the other environment for GET, PATCH and DELETE', async () => {
      const { id } = await created();
      const inTest = as(owner.token, { 'x-environment': 'test' });
      expectError(await api.call('GET', `/v1/memories/${id}`, { headers: inTest }), 404, 'NOT_FOUND');
      expectError(await api.call('PATCH', `/v1/memories/${id}`, { headers: inTest, body: { content: 'moved' } }), 404, 'NOT_FOUND');
      expectError(await api.call('DELETE', `/v1/memories/${id}`, { headers: inTest }), 404, 'NOT_FOUND');
    });

    it('answers 404 for an unknown or malformed memory id', async () => {
      for (const id of ['mem_00000000000000000000000000', 'mem_x', 'key_00000000000000000000000000']) {
        expectError(await api.call('GET', `/v1/memories/${id}`, { headers: as(owner.token) }), 404, 'NOT_FOUND');
        expectError(await patch(id, { content: 'x' }), 404, 'NOT_FOUND');
      }
    });

    it('replaces metadata on PATCH, keeps the other fields and bumps updated_at', async () => {
      // Prepare
      const original = await created({ content: 'keep me', type: 'semantic', metadata: { a: 1, b: 2 } });

      // Act
      const response = await patch(original.id, { metadata: { c: 'three' } });

      // Assess
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        id: original.id,
        content: 'keep me',
        type: 'semantic',
        metadata: { c: 'three' },
        created_at: original.created_at,
      });
      expect(Date.parse(response.json.updated_at)).toBeGreaterThan(Date.parse(original.updated_at));
      expect((await api.call('GET', `/v1/memories/${original.id}`, { headers: as(owner.token) })).json).toEqual(response.json);
    });

    it('answers 400 to a PATCH with no field to change, and validates the fields it has', async () => {
      const { id } = await created();
      expectError(await patch(id, {}), 400, 'VALIDATION_ERROR');
      expectError(await patch(id, { tenant_id: owner.tenantId }), 400, 'VALIDATION_ERROR');
      expectInvalid(await patch(id, { content: '' }), 'content');
      expectInvalid(await patch(id, { type: 'bogus' }), 'type');
      expectError(await patch(id, { tenant_id: other.tenantId, content: 'x' }), 403, 'TENANT_MISMATCH');
    });

    it('answers DELETE with 204, then 404 to GET and to a second DELETE', async () => {
      // Prepare
      const { id } = await created();

      // Act
      const deleted = await api.call('DELETE', `/v1/memories/${id}`, { headers: as(owner.token) });

      // Assess
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expectError(await api.call('GET', `/v1/memories/${id}`, { headers: as(owner.token) }), 404, 'NOT_FOUND');
      expectError(await api.call('DELETE', `/v1/memories/${id}`, { headers: as(owner.token) }), 404, 'NOT_FOUND');
    });

    it('answers 403 INSUFFICIENT_SCOPE naming memories:delete to a key without it', async () => {
      const tenant = await registerTenant(api.call);
      const { key } = await createKey(api.call, tenant.token, { name: 'writer', scopes: ['read', 'write'] });
      const { id } = await created({ content: 'mine' }, key);
      const response = await api.call('DELETE', `/v1/memories/${id}`, { headers: as(key) });
      expectError(response, 403, 'INSUFFICIENT_SCOPE');
      expect(response.json.error.message).toContain('memories:delete');
    });
  });

  describe('GET /v1/memories', () => {
    it('lists only the tenant memories of the environment, newest first, and pages them', async () => {
      // Prepare
      const tenant = await registerTenant(api.call);
      const first = await created({ content: 'first' }, tenant.token);
      const second = await created({ content: 'second' }, tenant.token);
      const third = await created({ content: 'third' }, tenant.token);
      await api.call('POST', '/v1/memories', { headers: as(tenant.token, { 'x-environment': 'test' }), body: { content: 'sandboxed' } });

      // Act
      const all = await api.call('GET', '/v1/memories', { headers: as(tenant.token) });
      const page1 = await api.call('GET', '/v1/memories?limit=2', { headers: as(tenant.token) });
      const page2 = await api.call('GET', `/v1/memories?limit=2&cursor=${page1.json.next_cursor}`, { headers: as(tenant.token) });

      // Assess
      expect(ids(all)).toEqual([third.id, second.id, first.id]);
      expect(ids(page1)).toEqual([third.id, second.id]);
      expect(ids(page2)).toEqual([first.id]);
      expect(page2.json.next_cursor).toBeNull();
    });

    it('answers 400 for a bad limit, a tampered cursor or an unknown query parameter', async () => {
      expectInvalid(await api.call('GET', '/v1/memories?limit=0', { headers: as(owner.token) }), 'limit');
      expectInvalid(await api.call('GET', '/v1/memories?limit=101', { headers: as(owner.token) }), 'limit');
      expectInvalid(await api.call('GET', '/v1/memories?cursor=abc', { headers: as(owner.token) }), 'cursor');
      expectInvalid(await api.call('GET', '/v1/memories?order=asc', { headers: as(owner.token) }), 'order');
    });

    it('answers 403 TENANT_MISMATCH for a tenant_id query parameter of another tenant', async () => {
      expectError(await api.call('GET', `/v1/memories?tenant_id=${other.tenantId}`, { headers: as(owner.token) }), 403, 'TENANT_MISMATCH');
      expect((await api.call('GET', `/v1/memories?tenantId=${owner.tenantId}`, { headers: as(owner.token) })).status).toBe(200);
    });
  });
});
