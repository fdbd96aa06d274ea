import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';

/** The default free tier: 60 requests a minute, 1,000 credits a month. */
const FREE_RPM = '60';
const FREE_CREDITS = '1000';
const LEAKS = [
  /Exception/i,
  /DynamoDB/i,
  /\bat .*\(.*:\d+:\d+\)/,
  /stack/i,
  /node_modules/,
  /\.ts:\d+/,
  /aws-sdk/i,
  /ConditionalCheck/i,
  /TypeError|ReferenceError/,
];

/** The tests' clock stands still 10 s into a minute, so the window's end is known to the second. */
const FROZEN_AT = Date.UTC(2026, 10, 2, 9, 30, 10);
const WINDOW_END = String(Date.UTC(2026, 10, 2, 9, 31) / 1000);

function expectLimitHeaders(response: ApiResponse): void {
  expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers.get('x-ratelimit-limit')).toBe(FREE_RPM);
  expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
  expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeLessThan(Number(FREE_RPM));
  expect(response.headers.get('x-ratelimit-reset')).toBe(WINDOW_END);
  expect(response.headers.get('x-credits-limit')).toBe(FREE_CREDITS);
  expect(Number(response.headers.get('x-credits-remaining'))).toBeLessThan(Number(FREE_CREDITS));
}

const remaining = (response: ApiResponse, header: string) => Number(response.headers.get(header));

describe('headers and error bodies of handler responses on the free tier', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    api.clock.freezeAt(FROZEN_AT);
  });
  afterAll(async () => api.stop());

  it('puts request id, rate limit and credit headers on every 2xx response', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const headers = bearer(token);

    // Act
    const created = await api.call('POST', '/v1/memories', { headers, body: { content: 'x' } });
    const responses = [
      created,
      await api.call('GET', '/v1/memories', { headers }),
      await api.call('GET', `/v1/memories/${created.json.id}`, { headers }),
      await api.call('PATCH', `/v1/memories/${created.json.id}`, { headers, body: { content: 'y' } }),
      await api.call('DELETE', `/v1/memories/${created.json.id}`, { headers }),
      await api.call('GET', '/v1/usage', { headers }),
      await api.call('GET', '/v1/api-keys', { headers }),
    ];

    // Assess
    expect(responses.map((response) => response.status)).toEqual([201, 200, 200, 200, 204, 200, 200]);
    for (const response of responses) {
      expectLimitHeaders(response);
      expect(response.headers.get('x-request-id')).toBe(response.headers.get('x-amzn-requestid'));
    }
  });

  it('puts the same headers on a handler 4xx, whose request_id equals X-Request-Id', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const headers = bearer(token);

    // Act
    const responses = [
      await api.call('POST', '/v1/memories', { headers, body: { content: '' } }),
      await api.call('GET', '/v1/memories/mem_00000000000000000000000000', { headers }),
      await api.call('POST', '/v1/memories', { headers, body: { content: 'x', tenant_id: 'tnt_00000000000000000000000000' } }),
      await api.call('GET', '/v1/api-keys?limit=0', { headers }),
      await api.call('POST', '/v1/api-keys', { headers, raw: '{' }),
    ];

    // Assess
    expect(responses.map((response) => response.status)).toEqual([400, 404, 403, 400, 400]);
    for (const response of responses) {
      expectLimitHeaders(response);
      expect(response.json.error.request_id).toBe(response.headers.get('x-request-id'));
    }
  });

  it('puts the rate limit and credit headers on the handler 413 for a body over 64 KiB', async () => {
    const { token } = await registerTenant(api.call);
    const response = await api.call('POST', '/v1/memories', { headers: bearer(token), body: { content: 'c'.repeat(65 * 1024) } });
    expect(response.status).toBe(413);
    expectLimitHeaders(response);
  });

  it('drops X-RateLimit-Remaining and X-Credits-Remaining by one per request', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token, { name: 'counted', scopes: ['read'] });

    // Act: three requests, retried once if a minute boundary falls between them
    let responses: ApiResponse[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      responses = [];
      for (let i = 0; i < 3; i++) responses.push(await api.call('GET', '/v1/memories', { headers: bearer(key) }));
      if (new Set(responses.map((response) => response.headers.get('x-ratelimit-reset'))).size === 1) break;
    }

    // Assess
    const rate = responses.map((response) => remaining(response, 'x-ratelimit-remaining'));
    const credits = responses.map((response) => remaining(response, 'x-credits-remaining'));
    expect(rate).toEqual([rate[0], rate[0] - 1, rate[0] - 2]);
    expect(credits).toEqual([credits[0], credits[0] - 1, credits[0] - 2]);
  });

  it('answers with the error shape and API Gateway’s request id header when the gateway refuses', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token, { name: 'reader', scopes: ['read'] });

    // Act
    const responses = [
      await api.call('GET', '/v1/memories'),
      await api.call('POST', '/v1/memories', { headers: bearer(key), body: { content: 'x' } }),
      await api.call('GET', '/v1/unknown', { headers: bearer(key) }),
    ];

    // Assess
    expect(responses.map((response) => response.status)).toEqual([401, 403, 404]);
    for (const response of responses) {
      expect(Object.keys(response.json)).toEqual(['error']);
      expect(Object.keys(response.json.error).sort()).toEqual(['code', 'message', 'request_id']);
      // A Gateway Response cannot map the request id into a header of its own (API.md): only API Gateway's is there.
      expect(response.headers.get('x-request-id')).toBeNull();
      expect(response.headers.get('x-amzn-requestid')).toBe(response.json.error.request_id);
    }
  });

  it('never shows a stack trace, an exception or an internal name in an error body', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const headers = bearer(token);
    const requests: [string, string, { body?: unknown; raw?: string; headers?: Record<string, string> }][] = [
      ['POST', '/v1/auth/register', { raw: '{"email":' }],
      ['POST', '/v1/auth/login', { body: { email: 'nobody@example.com', password: 'wrong password' } }],
      ['POST', '/v1/memories', { headers, raw: 'not json' }],
      ['POST', '/v1/memories', { headers, body: { content: 'x', metadata: { n: 1e200 } } }],
      ['POST', '/v1/memories', { headers, body: { content: 'x', metadata: { n: 1e-200 } } }],
      ['GET', '/v1/memories?cursor=eyJsIjoibWVtb3JpZXMiLCJhIjoiJyBPUiAxPTEifQ', { headers }],
      ['GET', '/v1/api-keys?limit=many', { headers }],
      ['GET', '/v1/memories/%E0%A4%A', { headers }],
      ['POST', '/v1/api-keys/key_00000000000000000000000000/rotate', { headers, body: { grace_period_seconds: 'soon' } }],
      ['PATCH', '/v1/memories/mem_00000000000000000000000000', { headers, body: { content: 'x' } }],
    ];

    // Act
    const responses = [];
    for (const [method, path, options] of requests) responses.push(await api.call(method, path, options));

    // Assess
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(typeof response.json.error.message).toBe('string');
      for (const leak of LEAKS) expect(response.text).not.toMatch(leak);
    }
  });
});
