import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bearer,
  createKey,
  expectError,
  registerTenant,
  startTestApi,
  uniqueEmail,
  type ApiResponse,
  type TestApi,
} from '../helpers/local-api';
import { ISO_TIMESTAMP, detailFields, roomyFreeTier } from './support';

const PASSWORD = 'correct horse battery';

function expectSession(response: ApiResponse, email: string, fullName: string): void {
  expect(response.json).toEqual({
    access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    token_type: 'Bearer',
    expires_in: 3600,
    user: {
      id: expect.stringMatching(/^usr_[0-9A-Z]{26}$/),
      email,
      full_name: fullName,
      tenant_id: expect.stringMatching(/^tnt_[0-9A-Z]{26}$/),
      created_at: expect.stringMatching(ISO_TIMESTAMP),
    },
  });
}

describe('register, login and access tokens', () => {
  let api: TestApi;
  let owner: { token: string; tenantId: string; email: string };

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier());
    owner = await registerTenant(api.call);
  });
  afterAll(async () => api.stop());

  const register = (body: unknown) => api.call('POST', '/v1/auth/register', { body });
  const login = (body: unknown) => api.call('POST', '/v1/auth/login', { body });

  describe('POST /v1/auth/register', () => {
    it('answers 201 with an owner session and stores the email lower-cased', async () => {
      // Prepare
      const email = uniqueEmail().replace('user', 'MixedCase.User');

      // Act
      const response = await register({ email, password: PASSWORD, full_name: 'Ada Lovelace' });

      // Assess
      expect(response.status).toBe(201);
      expectSession(response, email.toLowerCase(), 'Ada Lovelace');
      expect(Math.abs(Date.parse(response.json.user.created_at) - Date.now())).toBeLessThan(60_000);
    });

    it('answers 409 EMAIL_TAKEN for an email already used in another letter case', async () => {
      expectError(await register({ email: owner.email.toUpperCase(), password: PASSWORD, full_name: 'Copy' }), 409, 'EMAIL_TAKEN');
    });

    it('answers 400 VALIDATION_ERROR naming password for a 9-character password', async () => {
      const response = await register({ email: uniqueEmail(), password: '123456789', full_name: 'Short' });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(detailFields(response)).toEqual(['password']);
    });

    it('accepts passwords of exactly 10 and 256 characters', async () => {
      expect((await register({ email: uniqueEmail(), password: '1234567890', full_name: 'Ten' })).status).toBe(201);
      expect((await register({ email: uniqueEmail(), password: 'p'.repeat(256), full_name: 'Max' })).status).toBe(201);
    });

    it('answers 400 naming password for a 257-character password', async () => {
      const response = await register({ email: uniqueEmail(), password: 'p'.repeat(257), full_name: 'Long' });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(detailFields(response)).toEqual(['password']);
    });

    it('answers 400 naming email for an address that is not one', async () => {
      for (const email of ['not-an-email', 'a@', '@example.com', 'a b@example.com', '']) {
        const response = await register({ email, password: PASSWORD, full_name: 'Bad Email' });
        expectError(response, 400, 'VALIDATION_ERROR');
        expect(detailFields(response)).toEqual(['email']);
      }
    });

    it('answers 400 naming full_name when it is missing', async () => {
      const response = await register({ email: uniqueEmail(), password: PASSWORD });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(detailFields(response)).toEqual(['full_name']);
    });

    it('answers 400 with an unknown-field detail for a field outside the contract', async () => {
      const response = await register({ email: uniqueEmail(), password: PASSWORD, full_name: 'Extra', x: 1 });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(response.json.error.details).toEqual([{ field: 'x', issue: 'unknown field' }]);
    });

    it('answers 400 for malformed JSON', async () => {
      expectError(await api.call('POST', '/v1/auth/register', { raw: '{"email": "a@b.co",' }), 400, 'VALIDATION_ERROR');
    });

    it('answers 400 for a body that is a JSON array, string, number or null', async () => {
      for (const raw of ['[]', '"hello"', '42', 'null']) {
        expectError(await api.call('POST', '/v1/auth/register', { raw }), 400, 'VALIDATION_ERROR');
      }
    });

    it('answers 400 for a missing body', async () => {
      expectError(await api.call('POST', '/v1/auth/register'), 400, 'VALIDATION_ERROR');
    });
  });

  describe('POST /v1/auth/login', () => {
    it('answers 200 with the same session shape as register, for the email in any case', async () => {
      const response = await login({ email: owner.email.toUpperCase(), password: PASSWORD });
      expect(response.status).toBe(200);
      expectSession(response, owner.email, 'Test User');
      expect(response.json.user.tenant_id).toBe(owner.tenantId);
    });

    it('answers a wrong password and an unknown email alike: 401 INVALID_CREDENTIALS with the same message', async () => {
      // Act
      const wrongPassword = await login({ email: owner.email, password: 'not the password' });
      const unknownEmail = await login({ email: uniqueEmail(), password: PASSWORD });

      // Assess
      expectError(wrongPassword, 401, 'INVALID_CREDENTIALS');
      expectError(unknownEmail, 401, 'INVALID_CREDENTIALS');
      expect(wrongPassword.json.error.message).toBe(unknownEmail.json.error.message);
    });

    it('answers 400 for a missing body, malformed JSON and wrong types', async () => {
      expectError(await api.call('POST', '/v1/auth/login'), 400, 'VALIDATION_ERROR');
      expectError(await api.call('POST', '/v1/auth/login', { raw: '{' }), 400, 'VALIDATION_ERROR');
      expectError(await login({ email: 1, password: PASSWORD }), 400, 'VALIDATION_ERROR');
      expectError(await login({ email: owner.email }), 400, 'VALIDATION_ERROR');
    });

    it('refuses even the right password with 429 TOO_MANY_ATTEMPTS after 5 failures for one email', async () => {
      // Prepare
      const victim = await registerTenant(api.call);
      for (let attempt = 0; attempt < 5; attempt++) {
        expectError(await login({ email: victim.email, password: `wrong password ${attempt}` }), 401, 'INVALID_CREDENTIALS');
      }

      // Act
      const response = await login({ email: victim.email, password: PASSWORD });

      // Assess
      expectError(response, 429, 'TOO_MANY_ATTEMPTS');
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(response.headers.get('x-ratelimit-retry-after')).toBe(String(retryAfter));
    });

    it('locks out an unknown email after 5 failures as well', async () => {
      const email = uniqueEmail();
      for (let attempt = 0; attempt < 5; attempt++) expectError(await login({ email, password: PASSWORD }), 401, 'INVALID_CREDENTIALS');
      expectError(await login({ email, password: PASSWORD }), 429, 'TOO_MANY_ATTEMPTS');
    });
  });

  describe('access tokens', () => {
    it('gives an owner token every scope', async () => {
      // Act
      const created = await api.call('POST', '/v1/memories', { headers: bearer(owner.token), body: { content: 'owner memory' } });
      const read = await api.call('GET', `/v1/memories/${created.json.id}`, { headers: bearer(owner.token) });
      const keys = await api.call('GET', '/v1/api-keys', { headers: bearer(owner.token) });
      const usage = await api.call('GET', '/v1/usage', { headers: bearer(owner.token) });
      const deleted = await api.call('DELETE', `/v1/memories/${created.json.id}`, { headers: bearer(owner.token) });

      // Assess
      expect([created.status, read.status, keys.status, usage.status, deleted.status]).toEqual([201, 200, 200, 200, 204]);
    });

    it('switches an owner token to the test sandbox with X-Environment: test', async () => {
      // Act
      const created = await api.call('POST', '/v1/memories', {
        headers: { ...bearer(owner.token), 'x-environment': 'test' },
        body: { content: 'sandboxed' },
      });
      const fromLive = await api.call('GET', `/v1/memories/${created.json.id}`, { headers: bearer(owner.token) });
      const liveList = await api.call('GET', '/v1/memories', { headers: bearer(owner.token) });
      const fromTest = await api.call('GET', `/v1/memories/${created.json.id}`, {
        headers: { ...bearer(owner.token), 'X-Environment': 'TEST' },
      });

      // Assess
      expect(created.status).toBe(201);
      expect(created.json.environment).toBe('test');
      expectError(fromLive, 404, 'NOT_FOUND');
      expect(liveList.json.data.map((memory: { id: string }) => memory.id)).not.toContain(created.json.id);
      expect(fromTest.json).toEqual(created.json);
    });

    it('answers 403 ENVIRONMENT_FORBIDDEN for an X-Environment that is neither live nor test', async () => {
      expectError(
        await api.call('GET', '/v1/memories', { headers: { ...bearer(owner.token), 'x-environment': 'bogus' } }),
        403,
        'ENVIRONMENT_FORBIDDEN',
      );
      expectError(
        await api.call('GET', '/v1/memories', { headers: { ...bearer(owner.token), 'x-environment': '' } }),
        403,
        'ENVIRONMENT_FORBIDDEN',
      );
    });

    it('answers 403 ENVIRONMENT_FORBIDDEN when a test key asks for live, and lets it act in test', async () => {
      // Prepare
      const testKey = await createKey(api.call, owner.token, { name: 'sandbox', environment: 'test' });

      // Act
      const asLive = await api.call('GET', '/v1/memories', { headers: { ...bearer(testKey.key), 'x-environment': 'live' } });
      const asTest = await api.call('GET', '/v1/memories', { headers: { ...bearer(testKey.key), 'x-environment': 'test' } });

      // Assess
      expectError(asLive, 403, 'ENVIRONMENT_FORBIDDEN');
      expect(asTest.status).toBe(200);
    });

    it('answers 401 for a token whose signature was tampered with', async () => {
      // Prepare
      const [header, payload, signature] = owner.token.split('.') as [string, string, string];
      const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);

      // Act
      const response = await api.call('GET', '/v1/memories', { headers: bearer(`${header}.${payload}.${flipped}`) });

      // Assess
      expectError(response, 401, 'AUTH_REQUIRED');
    });

    it('answers 401 for a token whose payload names another tenant', async () => {
      const [header, , signature] = owner.token.split('.') as [string, string, string];
      const forged = Buffer.from(JSON.stringify({ tenant_id: 'tnt_00000000000000000000000000', sub: 'usr_x' })).toString('base64url');
      expectError(await api.call('GET', '/v1/memories', { headers: bearer(`${header}.${forged}.${signature}`) }), 401, 'AUTH_REQUIRED');
    });
  });
});
