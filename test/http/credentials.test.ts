import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateApiKey } from '../../lambda/api-keys/key-format';
import { bearer, createKey, expectError, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

/** The documented default: a revoked key stops working within this many seconds. */
const CACHE_TTL_SECONDS = 10;
const AFTER_CACHE_TTL_MS = CACHE_TTL_SECONDS * 1000 + 150;
const DAY_MS = 86_400_000;

/** Replaces one character of `text` at `index` with a different base62 character. */
function flipChar(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('credentials on authenticated routes', () => {
  let api: TestApi;
  let owner: { token: string; tenantId: string; email: string };
  let key: string;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({ authorizerCacheTtlSeconds: CACHE_TTL_SECONDS }, { activeKeys: 50 }));
    owner = await registerTenant(api.call);
    ({ key } = await createKey(api.call, owner.token, { name: 'reader', scopes: ['read'] }));
  });
  afterAll(async () => api.stop());

  const listMemories = (headers: Record<string, string>) => api.call('GET', '/v1/memories', { headers });

  describe('accepted forms', () => {
    it('accepts an API key as Authorization: Bearer', async () => {
      expect((await listMemories(bearer(key))).status).toBe(200);
    });

    it('accepts an API key as X-API-Key', async () => {
      expect((await listMemories({ 'x-api-key': key })).status).toBe(200);
    });

    it('accepts header names in any case', async () => {
      expect((await listMemories({ AUTHORIZATION: `Bearer ${key}` })).status).toBe(200);
      expect((await listMemories({ 'x-Api-Key': key })).status).toBe(200);
    });

    it('accepts both headers when they carry the same key', async () => {
      expect((await listMemories({ ...bearer(key), 'x-api-key': key })).status).toBe(200);
    });

    it('accepts an owner access token as Authorization: Bearer', async () => {
      expect((await listMemories(bearer(owner.token))).status).toBe(200);
    });
  });

  describe('refused forms', () => {
    it('answers 401 AUTH_REQUIRED when no credential is sent', async () => {
      expectError(await listMemories({}), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for an Authorization header with the Basic scheme', async () => {
      expectError(await listMemories({ authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` }), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for Authorization: Bearer with nothing after it', async () => {
      expectError(await listMemories({ authorization: 'Bearer' }), 401, 'AUTH_REQUIRED');
      expectError(await listMemories({ authorization: 'Bearer    ' }), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for an empty X-API-Key', async () => {
      expectError(await listMemories({ 'x-api-key': '' }), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 when Authorization and X-API-Key carry different values, even if both are valid', async () => {
      // Prepare
      const other = await createKey(api.call, owner.token, { name: 'second reader', scopes: ['read'] });

      // Act
      const response = await listMemories({ ...bearer(key), 'x-api-key': other.key });

      // Assess
      expectError(response, 401, 'AUTH_REQUIRED');
      await api.call('DELETE', `/v1/api-keys/${other.id}`, { headers: bearer(owner.token) });
    });

    it('answers 401 for a key whose checksum is wrong', async () => {
      expectError(await listMemories(bearer(flipChar(key, key.length - 1))), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for a key with a changed random part (checksum no longer matches)', async () => {
      expectError(await listMemories(bearer(flipChar(key, 12))), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for a well-formed key with another deployment prefix', async () => {
      expectError(await listMemories(bearer(generateApiKey('abc', 'live'))), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for a key whose environment part is not live or test', async () => {
      expectError(await listMemories(bearer(key.replace('mem_live_', 'mem_prod_'))), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for a well-formed key that was never issued', async () => {
      expectError(await listMemories(bearer(generateApiKey('mem', 'live'))), 401, 'AUTH_REQUIRED');
      expectError(await listMemories({ 'x-api-key': generateApiKey('mem', 'test') }), 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for garbage tokens', async () => {
      for (const garbage of ['not-a-key', 'mem_', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.', `mem_live_${'x'.repeat(38)}`]) {
        expectError(await listMemories(bearer(garbage)), 401, 'AUTH_REQUIRED');
      }
    });

    it('answers 401 for a credential on a route that needs one, for every method', async () => {
      expectError(await api.call('POST', '/v1/memories', { body: { content: 'x' } }), 401, 'AUTH_REQUIRED');
      expectError(await api.call('GET', '/v1/api-keys'), 401, 'AUTH_REQUIRED');
      expectError(await api.call('GET', '/v1/usage'), 401, 'AUTH_REQUIRED');
    });
  });

  describe('keys that stop working', () => {
    it('refuses a revoked key once the authorizer cache time has passed, and still lists it as revoked', async () => {
      // Prepare
      const victim = await createKey(api.call, owner.token, { name: 'to revoke', scopes: ['read'] });
      expect((await listMemories(bearer(victim.key))).status).toBe(200);

      // Act
      const revoked = await api.call('DELETE', `/v1/api-keys/${victim.id}`, { headers: bearer(owner.token) });
      api.clock.advance(AFTER_CACHE_TTL_MS);

      // Assess
      expect(revoked.status).toBe(200);
      expectError(await listMemories(bearer(victim.key)), 401, 'AUTH_REQUIRED');
      const listed = await api.call('GET', '/v1/api-keys?limit=100', { headers: bearer(owner.token) });
      const entry = listed.json.data.find((item: { id: string }) => item.id === victim.id);
      expect(entry).toMatchObject({ id: victim.id, status: 'revoked', revoked_at: revoked.json.revoked_at });
      expect(typeof entry.revoked_at).toBe('string');
    });

    it('answers a second revocation with 200 and the same key object', async () => {
      // Prepare
      const victim = await createKey(api.call, owner.token, { name: 'revoke twice', scopes: ['read'] });
      const first = await api.call('DELETE', `/v1/api-keys/${victim.id}`, { headers: bearer(owner.token) });

      // Act
      const second = await api.call('DELETE', `/v1/api-keys/${victim.id}`, { headers: bearer(owner.token) });

      // Assess
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.json).toEqual(first.json);
      expect(second.json).toMatchObject({ status: 'revoked' });
    });

    it('refuses a key after its expires_in_days have passed and shows it as expired', async () => {
      // Prepare
      const expiring = await createKey(api.call, owner.token, { name: 'one day', scopes: ['read'], expires_in_days: 1 });
      expect((await listMemories(bearer(expiring.key))).status).toBe(200);

      // Act
      api.clock.advance(DAY_MS + 60_000);
      // The owner's 1-hour token has expired on the moved clock too: log in again.
      const login = await api.call('POST', '/v1/auth/login', { body: { email: owner.email, password: 'correct horse battery' } });
      owner.token = login.json.access_token;
      const refused = await listMemories(bearer(expiring.key));
      const shown = await api.call('GET', `/v1/api-keys/${expiring.id}`, { headers: bearer(owner.token) });
      const expiredList = await api.call('GET', '/v1/api-keys?status=expired', { headers: bearer(owner.token) });

      // Assess
      expectError(refused, 401, 'AUTH_REQUIRED');
      expect(shown.json).toMatchObject({ id: expiring.id, status: 'expired' });
      expect(expiredList.json.data.map((item: { id: string }) => item.id)).toContain(expiring.id);
    });

    it('refuses the old key of a rotation with grace_period_seconds 0 and shows it as expired', async () => {
      // Prepare
      const old = await createKey(api.call, owner.token, { name: 'rotate now', scopes: ['read'] });
      expect((await listMemories(bearer(old.key))).status).toBe(200);

      // Act
      const rotated = await api.call('POST', `/v1/api-keys/${old.id}/rotate`, {
        headers: bearer(owner.token),
        body: { grace_period_seconds: 0 },
      });
      api.clock.advance(AFTER_CACHE_TTL_MS);

      // Assess
      expect(rotated.status).toBe(201);
      expectError(await listMemories(bearer(old.key)), 401, 'AUTH_REQUIRED');
      expect((await listMemories(bearer(rotated.json.key))).status).toBe(200);
      const shown = await api.call('GET', `/v1/api-keys/${old.id}`, { headers: bearer(owner.token) });
      expect(shown.json).toMatchObject({ id: old.id, status: 'expired' });
    });
  });
});
