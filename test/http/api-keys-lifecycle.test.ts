import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';
import { ISO_TIMESTAMP, detailFields, roomyFreeTier } from './support';

const DAY_MS = 86_400_000;
const ids = (response: ApiResponse): string[] => response.json.data.map((item: { id: string }) => item.id);

describe('listing, reading, revoking, rotating and reporting API keys', () => {
  let api: TestApi;
  let owner: { token: string; tenantId: string };
  let other: { token: string; tenantId: string };
  /** Rotations get a tenant of their own, so their new keys never show up in the list assertions. */
  let rotator: { token: string; tenantId: string };
  /** Created in this order: live, live, test; `oldest` is revoked in beforeAll. */
  let oldest: { key: string; id: string };
  let middle: { key: string; id: string };
  let newest: { key: string; id: string };

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 50 }));
    [owner, other, rotator] = await Promise.all([registerTenant(api.call), registerTenant(api.call), registerTenant(api.call)]);
    oldest = await createKey(api.call, owner.token, { name: 'oldest' });
    middle = await createKey(api.call, owner.token, { name: 'middle', scopes: ['admin'] });
    newest = await createKey(api.call, owner.token, { name: 'newest', environment: 'test' });
    await api.call('DELETE', `/v1/api-keys/${oldest.id}`, { headers: bearer(owner.token) });
  });
  afterAll(async () => api.stop());

  const get = (path: string, token = owner.token) => api.call('GET', path, { headers: bearer(token) });
  const rotate = (id: string, body?: unknown, token = owner.token) =>
    api.call('POST', `/v1/api-keys/${id}/rotate`, { headers: bearer(token), body });
  function expectInvalid(response: ApiResponse, field: string): void {
    expectError(response, 400, 'VALIDATION_ERROR');
    expect(detailFields(response)).toEqual([field]);
  }

  describe('GET /v1/api-keys', () => {
    it('lists the tenant keys newest first, without the plaintext', async () => {
      const response = await get('/v1/api-keys');
      expect(response.status).toBe(200);
      expect(ids(response)).toEqual([newest.id, middle.id, oldest.id]);
      expect(response.json.data.some((key: object) => 'key' in key)).toBe(false);
      expect(response.json.next_cursor).toBeNull();
    });

    it('filters by environment', async () => {
      expect(ids(await get('/v1/api-keys?environment=test'))).toEqual([newest.id]);
      expect(ids(await get('/v1/api-keys?environment=live'))).toEqual(expect.arrayContaining([middle.id, oldest.id]));
      expect(ids(await get('/v1/api-keys?environment=live'))).not.toContain(newest.id);
    });

    it('filters by status active', async () => {
      const active = ids(await get('/v1/api-keys?status=active'));
      expect(active).toEqual(expect.arrayContaining([newest.id, middle.id]));
      expect(active).not.toContain(oldest.id);
    });

    it('filters by status revoked', async () => {
      const response = await get('/v1/api-keys?status=revoked');
      expect(response.status).toBe(200);
      expect(ids(response)).toEqual([oldest.id]);
      expect(response.json.data[0]).toMatchObject({ status: 'revoked', revoked_at: expect.stringMatching(ISO_TIMESTAMP) });
    });

    it('pages with limit=1 through next_cursor until it is null', async () => {
      // Prepare
      const tenant = await registerTenant(api.call);
      const first = await createKey(api.call, tenant.token, { name: 'page a' });
      const second = await createKey(api.call, tenant.token, { name: 'page b' });

      // Act
      const page1 = await get('/v1/api-keys?limit=1', tenant.token);
      const page2 = await get(`/v1/api-keys?limit=1&cursor=${page1.json.next_cursor}`, tenant.token);

      // Assess
      expect(ids(page1)).toEqual([second.id]);
      expect(page1.json.next_cursor).toEqual(expect.any(String));
      expect(ids(page2)).toEqual([first.id]);
      expect(page2.json.next_cursor).toBeNull();
    });

    it('answers 400 naming cursor for a tampered cursor and for a cursor of another tenant list', async () => {
      // Prepare
      const cursor: string = (await get('/v1/api-keys?limit=1')).json.next_cursor;
      const tampered = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
      await createKey(api.call, other.token, { name: 'other a' });
      await createKey(api.call, other.token, { name: 'other b' });
      const foreign: string = (await get('/v1/api-keys?limit=1', other.token)).json.next_cursor;

      // Act / Assess
      for (const bad of [tampered, 'not-a-cursor', '!!!', foreign])
        expectInvalid(await get(`/v1/api-keys?cursor=${encodeURIComponent(bad)}`), 'cursor');
    });

    it('answers 400 naming limit for 0, 101, abc and 1.5', async () => {
      for (const limit of ['0', '101', 'abc', '1.5']) expectInvalid(await get(`/v1/api-keys?limit=${limit}`), 'limit');
    });

    it('answers 400 for an unknown query parameter, status or environment', async () => {
      const unknown = await get('/v1/api-keys?sort=asc');
      expectError(unknown, 400, 'VALIDATION_ERROR');
      expect(unknown.json.error.details).toEqual([{ field: 'sort', issue: 'unknown field' }]);
      expectInvalid(await get('/v1/api-keys?status=paused'), 'status');
      expectInvalid(await get('/v1/api-keys?environment=prod'), 'environment');
    });
  });

  describe('GET and DELETE /v1/api-keys/{id}', () => {
    it('answers 404 NOT_FOUND for another tenant key, an unknown id and a malformed id', async () => {
      for (const id of [middle.id, 'key_00000000000000000000000000', 'nope', 'key_%E2%9C%93'])
        expectError(await get(`/v1/api-keys/${id}`, other.token), 404, 'NOT_FOUND');
    });

    it('answers 404 to another tenant revoking a key, which keeps working', async () => {
      expectError(await api.call('DELETE', `/v1/api-keys/${middle.id}`, { headers: bearer(other.token) }), 404, 'NOT_FOUND');
      expect((await get('/v1/memories', middle.key)).status).toBe(200);
    });

    it('shows last_used_at right after the key is used', async () => {
      await get('/v1/memories', middle.key);
      const response = await get(`/v1/api-keys/${middle.id}`);
      expect(response.json).toMatchObject({
        id: middle.id,
        name: 'middle',
        status: 'active',
        last_used_at: expect.stringMatching(ISO_TIMESTAMP),
      });
    });
  });

  describe('POST /v1/api-keys/{id}/rotate', () => {
    it('answers 201 with a new key of the same name, environment and scopes that replaces the old one', async () => {
      // Prepare
      const old = await createKey(api.call, rotator.token, { name: 'to rotate', environment: 'test', scopes: ['read', 'delete'] });

      // Act
      const response = await rotate(old.id, undefined, rotator.token);

      // Assess
      expect(response.status).toBe(201);
      expect(response.json).toMatchObject({
        name: 'to rotate',
        environment: 'test',
        scopes: ['memories:read', 'memories:delete'],
        replaces: old.id,
        status: 'active',
      });
      expect(response.json.id).not.toBe(old.id);
      expect(response.json.key).toMatch(/^mem_test_[0-9A-Za-z]{38}$/);
      expect((await get('/v1/memories', response.json.key)).status).toBe(200);
    });

    it('keeps the old key working through the default grace period of one day', async () => {
      // Prepare
      const old = await createKey(api.call, rotator.token, { name: 'graceful' });

      // Act
      const rotated = await rotate(old.id, {}, rotator.token);

      // Assess
      expect(rotated.status).toBe(201);
      expect((await get('/v1/memories', old.key)).status).toBe(200);
      const shown = await get(`/v1/api-keys/${old.id}`, rotator.token);
      expect(shown.json.status).toBe('active');
      expect(Math.abs(Date.parse(shown.json.expires_at) - (Date.now() + DAY_MS))).toBeLessThan(60_000);
    });

    it('answers 400 naming grace_period_seconds for -1, 604801, 1.5 and "60"', async () => {
      for (const grace of [-1, 604_801, 1.5, '60'])
        expectInvalid(await rotate(middle.id, { grace_period_seconds: grace }), 'grace_period_seconds');
    });

    it('answers 400 VALIDATION_ERROR for a revoked key', async () => {
      expectError(await rotate(oldest.id), 400, 'VALIDATION_ERROR');
    });

    it('answers 404 for another tenant key', async () => {
      expectError(await rotate(middle.id, undefined, other.token), 404, 'NOT_FOUND');
    });

    it('answers 400 when a key that was already rotated is rotated again, so rotation cannot mint keys past the limit', async () => {
      // Prepare
      const old = await createKey(api.call, rotator.token, { name: 'rotated twice' });
      const first = await rotate(old.id, undefined, rotator.token);
      expect(first.status).toBe(201);

      // Act
      const again = await rotate(old.id, undefined, rotator.token);

      // Assess
      expectError(again, 400, 'VALIDATION_ERROR');
      expect(again.json.error.details).toEqual([{ field: 'id', issue: 'key was already rotated' }]);
      expect((await rotate(first.json.id, undefined, rotator.token)).status).toBe(201);
    });

    it('does not extend the life of a key when the grace period outlasts its own expiry', async () => {
      // Prepare
      const old = await api.call('POST', '/v1/api-keys', {
        headers: bearer(rotator.token),
        body: { name: 'short lived', expires_in_days: 1 },
      });

      // Act
      const rotated = await rotate(old.json.id, { grace_period_seconds: 604_800 }, rotator.token);

      // Assess
      expect(rotated.status).toBe(201);
      expect((await get(`/v1/api-keys/${old.json.id}`, rotator.token)).json.expires_at).toBe(old.json.expires_at);
    });
  });

  describe('GET /v1/api-keys/{id}/usage', () => {
    it('answers days=7 with 7 days oldest first ending today, counting the key own requests', async () => {
      // Prepare
      const { key, id } = await createKey(api.call, other.token, { name: 'counted', scopes: ['read'] });
      for (let i = 0; i < 3; i++) expect((await get('/v1/memories', key)).status).toBe(200);
      await get('/v1/memories', other.token);

      // Act
      const response = await get(`/v1/api-keys/${id}/usage?days=7`, other.token);

      // Assess
      expect(response.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      const expectedDates = Array.from({ length: 7 }, (_, index) =>
        new Date(Date.parse(today) - (6 - index) * DAY_MS).toISOString().slice(0, 10),
      );
      expect(response.json).toEqual({
        key_id: id,
        days: expectedDates.map((date) => ({ date, requests: date === today ? 3 : 0 })),
        total: 3,
      });
    });

    it('answers 30 days by default', async () => {
      const response = await get(`/v1/api-keys/${middle.id}/usage`);
      expect(response.json.days).toHaveLength(30);
      expect(response.json.total).toBe(response.json.days.reduce((sum: number, day: { requests: number }) => sum + day.requests, 0));
    });

    it('answers 400 naming days for 0, 91, abc and 1.5', async () => {
      for (const days of ['0', '91', 'abc', '1.5']) expectInvalid(await get(`/v1/api-keys/${middle.id}/usage?days=${days}`), 'days');
    });

    it('answers 404 for another tenant key', async () => {
      expectError(await get(`/v1/api-keys/${middle.id}/usage`, other.token), 404, 'NOT_FOUND');
    });
  });
});
