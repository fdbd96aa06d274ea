import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mergeTierOverrides } from '../../lambda/shared/config';
import { bearer, createKey, expectError, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';

const APP = 'https://app.example.com';
const LOCAL_DEV = 'http://localhost:5173';
const EVIL = 'https://evil.example.net';
const fromOrigin = (origin: string, headers: Record<string, string> = {}) => ({ headers: { origin, ...headers } });

function expectCorsFor(response: ApiResponse, origin: string): void {
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('vary')).toBe('Origin');
  expect(response.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Remaining');
  expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
}

function expectNoCorsGrant(response: ApiResponse): void {
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-methods')).toBeNull();
}

describe('CORS with two allowed origins', () => {
  let api: TestApi;
  let owner: { token: string };
  let readOnly: string;

  beforeAll(async () => {
    api = await startTestApi({ cors: { allowedOrigins: [APP, LOCAL_DEV] } });
    owner = await registerTenant(api.call);
    readOnly = (await createKey(api.call, owner.token, { name: 'reader', scopes: ['read'] })).key;
  });
  afterAll(async () => api.stop());

  describe('preflight', () => {
    it('answers an allowed origin with 204, the resource’s methods and the headers a client sends, without a credential', async () => {
      // Act
      const response = await api.call('OPTIONS', '/v1/memories/mem_01', fromOrigin(APP, { 'access-control-request-method': 'PATCH' }));

      // Assess
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, PATCH, DELETE, OPTIONS');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'Authorization, Content-Type, X-API-Key, X-Environment, Idempotency-Key',
      );
      expect(response.headers.get('access-control-max-age')).toBe('600');
      expect(response.headers.get('vary')).toBe('Origin');
    });

    it('answers for the resource a path reaches, literal segments first, as API Gateway picks it', async () => {
      // Act
      const response = await api.call('OPTIONS', '/v1/memories/search', fromOrigin(LOCAL_DEV));

      // Assess
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(LOCAL_DEV);
      expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    });

    it('grants nothing to an origin that is not configured, nor to one that only differs in case or port', async () => {
      // Act
      const responses = await Promise.all(
        [EVIL, 'https://APP.example.com', 'https://app.example.com:8443', 'null'].map((origin) =>
          api.call('OPTIONS', '/v1/memories', fromOrigin(origin)),
        ),
      );

      // Assess
      for (const response of responses) {
        expect(response.status).toBe(204);
        expectNoCorsGrant(response);
        expect(response.headers.get('vary')).toBe('Origin');
      }
    });

    it('answers a path that is no resource with the 404 gateway response', async () => {
      // Act
      const response = await api.call('OPTIONS', '/v1/nothing-here', fromOrigin(APP));

      // Assess
      expectError(response, 404, 'NOT_FOUND');
      expectCorsFor(response, APP);
    });
  });

  describe('handler responses', () => {
    it('name an allowed origin back on a 2xx, with the rate-limit headers exposed', async () => {
      // Act
      const response = await api.call('GET', '/v1/usage', { headers: { ...bearer(owner.token), origin: APP } });

      // Assess
      expect(response.status).toBe(200);
      expectCorsFor(response, APP);
      expect(response.headers.get('x-ratelimit-remaining')).not.toBeNull();
    });

    it('name an allowed origin back on a handler’s own error and on a public route', async () => {
      // Act
      const refused = await api.call('POST', '/v1/memories', {
        headers: { ...bearer(owner.token), origin: LOCAL_DEV },
        body: { content: '' },
      });
      const login = await api.call('POST', '/v1/auth/login', {
        ...fromOrigin(APP),
        body: { email: 'nobody@example.com', password: 'wrong password' },
      });

      // Assess
      expectError(refused, 400, 'VALIDATION_ERROR');
      expectCorsFor(refused, LOCAL_DEV);
      expectError(login, 401, 'INVALID_CREDENTIALS');
      expectCorsFor(login, APP);
    });

    it('give another origin no CORS header at all', async () => {
      // Act
      const response = await api.call('GET', '/v1/usage', { headers: { ...bearer(owner.token), origin: EVIL } });

      // Assess
      expect(response.status).toBe(200);
      expectNoCorsGrant(response);
      expect(response.headers.get('access-control-expose-headers')).toBeNull();
    });
  });

  describe('gateway responses', () => {
    it('carry CORS headers on a 401, a 403 and a 404, so the browser app can read the error', async () => {
      // Act
      const unauthorized = await api.call('GET', '/v1/memories', fromOrigin(APP));
      const forbidden = await api.call('POST', '/v1/memories', { headers: { ...bearer(readOnly), origin: APP }, body: { content: 'x' } });
      const missing = await api.call('GET', '/v1/unknown', fromOrigin(LOCAL_DEV));

      // Assess
      expectError(unauthorized, 401, 'AUTH_REQUIRED');
      expectCorsFor(unauthorized, APP);
      expectError(forbidden, 403, 'INSUFFICIENT_SCOPE');
      expectCorsFor(forbidden, APP);
      expectError(missing, 404, 'NOT_FOUND');
      expectCorsFor(missing, LOCAL_DEV);
    });

    it('carry CORS headers on a 5xx', async () => {
      // Prepare
      const failing = jest.spyOn(api.secrets, 'get').mockRejectedValueOnce(new Error('Secrets Manager is down'));

      // Act
      const response = await api.call('GET', '/v1/memories', { headers: { ...bearer(readOnly), origin: APP } });
      failing.mockRestore();

      // Assess: the authorizer fails closed (AUTHORIZER_FAILURE is 503).
      expectError(response, 503, 'SERVICE_UNAVAILABLE');
      expectCorsFor(response, APP);
    });

    it('echo the request’s origin when several are configured, as API Gateway can only map a request header there', async () => {
      // Act
      const response = await api.call('GET', '/v1/memories', fromOrigin(EVIL));

      // Assess
      expectError(response, 401, 'AUTH_REQUIRED');
      expect(response.headers.get('access-control-allow-origin')).toBe(EVIL);
    });
  });
});

describe('CORS with one allowed origin', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ cors: { allowedOrigins: [APP] }, tiers: mergeTierOverrides({ free: { burst: 1 } }) });
  });
  afterAll(async () => api.stop());

  it('names the configured origin, never another one, on gateway responses', async () => {
    // Act
    const response = await api.call('GET', '/v1/memories', fromOrigin(EVIL));

    // Assess
    expectError(response, 401, 'AUTH_REQUIRED');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('carries CORS headers on the gateway’s 429 as well', async () => {
    // Prepare
    const owner = await registerTenant(api.call);
    const key = (await createKey(api.call, owner.token)).key;
    api.clock.freezeAt(api.clock.nextMinute());

    // Act: past its tier's burst the tenant's requests go to the over-limit key, which the edge throttles.
    const burst = api.deps.config.tiers.free?.burst ?? 0;
    const answers: ApiResponse[] = [];
    while (answers.at(-1)?.status !== 429 && answers.length <= burst + 2)
      answers.push(await api.call('GET', '/v1/memories', { headers: { ...bearer(key), origin: APP } }));
    const second = answers.at(-1) as ApiResponse;

    // Assess
    expect(answers.length).toBeGreaterThan(burst);
    expectError(second, 429, 'RATE_LIMIT_EXCEEDED');
    expectCorsFor(second, APP);
    expect(second.headers.get('retry-after')).toBe('1');
  });
});

describe('without configured origins', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('has no preflight: OPTIONS is an unknown method, and no response names an origin', async () => {
    // Act
    const preflight = await api.call('OPTIONS', '/v1/memories', fromOrigin(APP));
    const health = await api.call('GET', '/health', fromOrigin(APP));

    // Assess
    expectError(preflight, 404, 'NOT_FOUND');
    expectNoCorsGrant(preflight);
    expect(health.status).toBe(200);
    expectNoCorsGrant(health);
    expect(health.headers.get('vary')).toBeNull();
  });
});
