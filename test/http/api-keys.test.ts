import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';
import { ISO_TIMESTAMP, detailFields, roomyFreeTier } from './support';

const DAY_MS = 86_400_000;

describe('POST /v1/api-keys', () => {
  let api: TestApi;
  let owner: { token: string; tenantId: string };

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier());
    owner = await registerTenant(api.call);
  });
  afterAll(async () => api.stop());

  const post = (body: unknown, token = owner.token) => api.call('POST', '/v1/api-keys', { headers: bearer(token), body });
  /** Creates a key with the owner token and revokes it again, so the tenant stays under its key limit. */
  async function issue(body: unknown): Promise<ApiResponse> {
    const response = await post(body);
    if (response.status === 201) await api.call('DELETE', `/v1/api-keys/${response.json.id}`, { headers: bearer(owner.token) });
    return response;
  }
  function expectInvalid(response: ApiResponse, field: string): void {
    expectError(response, 400, 'VALIDATION_ERROR');
    expect(detailFields(response)).toEqual([field]);
  }

  describe('a created key', () => {
    it('answers 201 with the defaults: live, read and write, active, no expiry, never used', async () => {
      const response = await issue({ name: 'Production agent' });
      expect(response.status).toBe(201);
      expect(response.json).toEqual({
        id: expect.stringMatching(/^key_[0-9A-Z]{26}$/),
        key: expect.stringMatching(/^mem_live_[0-9A-Za-z]{38}$/),
        name: 'Production agent',
        environment: 'live',
        scopes: ['memories:read', 'memories:write'],
        start: response.json.key.slice(0, 13),
        status: 'active',
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        expires_at: null,
        last_used_at: null,
        revoked_at: null,
        replaces: null,
        replaced_by: null,
      });
    });

    it('shows the plaintext key only in the create response, never in get or list', async () => {
      // Prepare
      const created = await createKey(api.call, owner.token, { name: 'shown once' });

      // Act
      const got = await api.call('GET', `/v1/api-keys/${created.id}`, { headers: bearer(owner.token) });
      const listed = await api.call('GET', '/v1/api-keys', { headers: bearer(owner.token) });

      // Assess
      expect(got.status).toBe(200);
      expect(got.json).not.toHaveProperty('key');
      expect(got.json.start).toBe(created.key.slice(0, 13));
      expect(listed.json.data.every((key: object) => !('key' in key))).toBe(true);
      expect(got.text + listed.text).not.toContain(created.key.slice(13));
      await api.call('DELETE', `/v1/api-keys/${created.id}`, { headers: bearer(owner.token) });
    });

    it('maps the aliases read, write, delete and admin to canonical scope names', async () => {
      expect((await issue({ name: 'aliases', scopes: ['read', 'write', 'delete'] })).json.scopes).toEqual([
        'memories:read',
        'memories:write',
        'memories:delete',
      ]);
      expect((await issue({ name: 'admin', scopes: ['admin'] })).json.scopes).toEqual([
        'memories:read',
        'memories:write',
        'memories:delete',
        'keys:manage',
      ]);
      expect((await issue({ name: 'duplicates', scopes: ['read', 'memories:read'] })).json.scopes).toEqual(['memories:read']);
    });

    it('creates a test key that carries the mem_test_ prefix', async () => {
      const response = await issue({ name: 'sandbox', environment: 'test' });
      expect(response.status).toBe(201);
      expect(response.json).toMatchObject({ environment: 'test', start: response.json.key.slice(0, 13) });
      expect(response.json.key).toMatch(/^mem_test_[0-9A-Za-z]{38}$/);
    });

    it('sets expires_at about 30 days ahead for expires_in_days 30', async () => {
      const response = await issue({ name: 'monthly', expires_in_days: 30 });
      expect(response.status).toBe(201);
      expect(Math.abs(Date.parse(response.json.expires_at) - (Date.now() + 30 * DAY_MS))).toBeLessThan(60_000);
    });

    it('accepts the boundaries: a 100-character name and expires_in_days 1 and 3650', async () => {
      expect((await issue({ name: 'n'.repeat(100) })).status).toBe(201);
      expect((await issue({ name: 'one day', expires_in_days: 1 })).status).toBe(201);
      expect((await issue({ name: 'ten years', expires_in_days: 3650 })).status).toBe(201);
    });
  });

  describe('bad input', () => {
    it('answers 400 naming scopes[1] when the second scope is unknown', async () => {
      const response = await post({ name: 'bad scope', scopes: ['read', 'memories:everything'] });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(response.json.error.details).toEqual([
        {
          field: 'scopes[1]',
          issue: 'unknown scope; valid scopes: memories:read, memories:write, memories:delete, keys:manage, read, write, delete, admin',
        },
      ]);
    });

    it('answers 400 for an empty scope list or scopes that are not a list of strings', async () => {
      expectInvalid(await post({ name: 'none', scopes: [] }), 'scopes');
      expectInvalid(await post({ name: 'string', scopes: 'read' }), 'scopes');
      expectInvalid(await post({ name: 'number', scopes: [1] }), 'scopes[0]');
    });

    it('answers 400 naming name when it is missing, empty, blank or 101 characters', async () => {
      expectInvalid(await post({}), 'name');
      expectInvalid(await post({ name: '' }), 'name');
      expectInvalid(await post({ name: '   ' }), 'name');
      expectInvalid(await post({ name: 'n'.repeat(101) }), 'name');
    });

    it('answers 400 naming expires_in_days for 0, 3651, 1.5 and "30"', async () => {
      for (const days of [0, 3651, 1.5, '30']) expectInvalid(await post({ name: 'bad expiry', expires_in_days: days }), 'expires_in_days');
    });

    it('answers 400 naming environment for one that is neither live nor test', async () => {
      expectInvalid(await post({ name: 'prod', environment: 'prod' }), 'environment');
    });

    it('answers 400 with an unknown-field detail for a field outside the contract', async () => {
      const response = await post({ name: 'extra', owner: 'me' });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(response.json.error.details).toEqual([{ field: 'owner', issue: 'unknown field' }]);
    });

    it('answers 400 for malformed JSON, a missing body and a body that is an array', async () => {
      expectError(await api.call('POST', '/v1/api-keys', { headers: bearer(owner.token), raw: '{"name":' }), 400, 'VALIDATION_ERROR');
      expectError(await api.call('POST', '/v1/api-keys', { headers: bearer(owner.token) }), 400, 'VALIDATION_ERROR');
      expectError(await post([{ name: 'in an array' }]), 400, 'VALIDATION_ERROR');
    });

    it('answers 403 TENANT_MISMATCH for a tenant_id of another tenant', async () => {
      expectError(await post({ name: 'foreign', tenant_id: 'tnt_01M85Y1SQP2REG4V93RB15PQHH' }), 403, 'TENANT_MISMATCH');
    });
  });

  describe('authority of the calling key', () => {
    it('answers 403 INSUFFICIENT_SCOPE naming keys:manage to a key without it', async () => {
      // Prepare
      const tenant = await registerTenant(api.call);
      const { key } = await createKey(api.call, tenant.token, { name: 'memories only', scopes: ['read', 'write', 'delete'] });

      // Act
      const responses = [await post({ name: 'escalate' }, key), await api.call('GET', '/v1/api-keys', { headers: bearer(key) })];

      // Assess
      for (const response of responses) {
        expectError(response, 403, 'INSUFFICIENT_SCOPE');
        expect(response.json.error.message).toContain('keys:manage');
      }
    });

    it('refuses with 403 INSUFFICIENT_SCOPE a scope the calling key does not hold, and allows one it holds', async () => {
      // Prepare
      const tenant = await registerTenant(api.call);
      const manager = await createKey(api.call, tenant.token, { name: 'manager', scopes: ['keys:manage', 'read', 'write'] });

      // Act
      const withDelete = await post({ name: 'wants delete', scopes: ['delete'] }, manager.key);
      const withAdmin = await post({ name: 'wants admin', scopes: ['admin'] }, manager.key);
      const withRead = await post({ name: 'reader', scopes: ['read'] }, manager.key);

      // Assess
      expectError(withDelete, 403, 'INSUFFICIENT_SCOPE');
      expect(withDelete.json.error.message).toContain('memories:delete');
      expectError(withAdmin, 403, 'INSUFFICIENT_SCOPE');
      expect(withRead.status).toBe(201);
    });

    it('refuses with 403 ENVIRONMENT_FORBIDDEN a live key asked of a test key, and allows a test key', async () => {
      // Prepare
      const tenant = await registerTenant(api.call);
      const testAdmin = await createKey(api.call, tenant.token, { name: 'test admin', environment: 'test', scopes: ['admin'] });

      // Act
      const explicitLive = await post({ name: 'live please', environment: 'live' }, testAdmin.key);
      const testKey = await post({ name: 'test please', environment: 'test' }, testAdmin.key);

      // Assess
      expectError(explicitLive, 403, 'ENVIRONMENT_FORBIDDEN');
      expect(testKey.status).toBe(201);
      expect(testKey.json.environment).toBe('test');
    });
  });

  describe('the tier key limit', () => {
    it('answers 403 KEY_LIMIT_REACHED past the free tier 2 active keys, and allows a new key after a revocation', async () => {
      // Prepare
      const tenant = await registerTenant(api.call);
      const first = await createKey(api.call, tenant.token, { name: 'first' });
      await createKey(api.call, tenant.token, { name: 'second' });

      // Act
      const third = await post({ name: 'third' }, tenant.token);
      await api.call('DELETE', `/v1/api-keys/${first.id}`, { headers: bearer(tenant.token) });
      const afterRevoke = await post({ name: 'third again' }, tenant.token);

      // Assess
      expectError(third, 403, 'KEY_LIMIT_REACHED');
      expect(third.json.error.message).toBe('The free tier allows 2 active keys; revoke one first');
      expect(afterRevoke.status).toBe(201);
      const usage = await api.call('GET', '/v1/usage', { headers: bearer(tenant.token) });
      expect(usage.json.keys).toEqual({ active: 2, limit: 2 });
    });
  });
});

describe('the key limit message of a one-key tier', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(JSON.stringify({ tiers: { free: { activeKeys: 1 } } }));
  });
  afterAll(async () => api.stop());

  it('speaks of one active key, in the singular', async () => {
    // Prepare
    const tenant = await registerTenant(api.call);
    await createKey(api.call, tenant.token, { name: 'only' });

    // Act
    const second = await api.call('POST', '/v1/api-keys', { headers: bearer(tenant.token), body: { name: 'second' } });

    // Assess
    expectError(second, 403, 'KEY_LIMIT_REACHED');
    expect(second.json.error.message).toBe('The free tier allows 1 active key; revoke one first');
  });
});
