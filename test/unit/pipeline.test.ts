import type { APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it, jest } from '@jest/globals';
import { createHandler, type Operations } from '../../lambda/handlers/pipeline';
import { jsonBody, MAX_BODY_BYTES } from '../../lambda/handlers/request-body';
import type { AuthenticatedRequest, Request } from '../../lambda/handlers/request';
import { ApiError } from '../../lambda/http/errors';
import { createFakeDependencies, proxyEvent } from './fake-dependencies';

const OWNER_CONTEXT = {
  tenantId: 'tnt_1',
  principalId: 'key_1',
  keyId: 'key_1',
  scopes: 'memories:read junk keys:manage',
  environment: 'test',
  tier: 'free',
};

function healthHandler(operation: (request: Request) => Promise<{ status: number; body?: unknown }>) {
  const fake = createFakeDependencies();
  const operations: Operations<'health'> = { health: operation };
  return { ...fake, handler: createHandler('health', operations, () => fake.deps) };
}

const tenantEcho = () => jest.fn(async (request: AuthenticatedRequest) => ({ status: 200, body: { tenant: request.principal.tenantId } }));

/** The memories handler with `GET /v1/memories` answered by `operation`: a route that spends credits. */
function memoriesHandler(operation = tenantEcho()) {
  const fake = createFakeDependencies();
  const unused = jest.fn(async () => ({ status: 500 }));
  const operations: Operations<'memories'> = {
    listMemories: operation,
    createMemory: unused,
    getMemory: unused,
    updateMemory: unused,
    deleteMemory: unused,
    searchMemories: unused,
  };
  return { ...fake, operation, handler: createHandler('memories', operations, () => fake.deps) };
}

/** `GET /v1/usage`: a management route. */
function usageHandler(operation = tenantEcho()) {
  const fake = createFakeDependencies();
  const operations: Operations<'usage'> = { tenantUsage: operation, usageReport: operation };
  return { ...fake, operation, handler: createHandler('usage', operations, () => fake.deps) };
}

const bodyOf = (result: APIGatewayProxyResult) => JSON.parse(result.body) as unknown;
const echoBody = async (request: Request) => ({ status: 200, body: { raw: request.rawBody } });
const JSON_TYPE = { 'content-type': 'application/json' };

describe('createHandler routing and errors', () => {
  it('answers an unknown resource with a 404 error body and X-Request-Id', async () => {
    // Prepare
    const { handler } = healthHandler(echoBody);

    // Act
    const result = await handler(proxyEvent('GET', '/v1/nothing', { requestId: 'req-404' }));

    // Assess
    expect(result.statusCode).toBe(404);
    expect(result.headers).toMatchObject({ 'X-Request-Id': 'req-404', 'Content-Type': 'application/json' });
    expect(bodyOf(result)).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route', request_id: 'req-404' } });
  });

  it('answers 404 for a route that belongs to another handler', async () => {
    // Prepare
    const { handler } = healthHandler(echoBody);

    // Act
    const result = await handler(proxyEvent('GET', '/v1/memories'));

    // Assess
    expect(result.statusCode).toBe(404);
  });

  it('turns an unexpected error into a 500 INTERNAL_ERROR that reveals nothing of it', async () => {
    // Prepare
    const internal = new Error('ConditionalCheckFailedException on table prod-accounts-7f3a');
    const { handler } = healthHandler(async () => {
      throw internal;
    });

    // Act
    const result = await handler(proxyEvent('GET', '/health', { requestId: 'req-500' }));

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.headers).toMatchObject({ 'X-Request-Id': 'req-500' });
    expect(bodyOf(result)).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side', request_id: 'req-500' },
    });
    expect(result.body).not.toContain('ConditionalCheckFailed');
    expect(result.body).not.toContain('prod-accounts');
    expect(result.body).not.toMatch(/\bat\s|\.ts:\d/);
  });

  it.each([
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'tenantId')")],
    ['a thrown string', 'tenantId of undefined in accounts-store'],
  ])('turns %s into a 500 that does not repeat it', async (_label, thrown) => {
    // Prepare
    const { handler } = healthHandler(() => Promise.reject(thrown));

    // Act
    const result = await handler(proxyEvent('GET', '/health'));

    // Assess
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
    expect(result.body).not.toContain('tenantId');
  });

  it('answers an ApiError with its status, code, message and details', async () => {
    // Prepare
    const { handler } = healthHandler(async () => {
      throw new ApiError('VALIDATION_ERROR', 'The request body is not valid', [{ field: 'scopes[1]', issue: 'unknown scope' }]);
    });

    // Act
    const result = await handler(proxyEvent('GET', '/health', { requestId: 'req-400' }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({
      error: {
        code: 'VALIDATION_ERROR',
        message: 'The request body is not valid',
        request_id: 'req-400',
        details: [{ field: 'scopes[1]', issue: 'unknown scope' }],
      },
    });
  });

  it('ends every JSON body with a newline, so responses printed in a terminal stay apart', async () => {
    // Prepare
    const ok = healthHandler(async () => ({ status: 200, body: { status: 'ok' } }));
    const failing = healthHandler(async () => {
      throw new ApiError('NOT_FOUND', 'No such thing');
    });

    // Act
    const results = await Promise.all([ok.handler(proxyEvent('GET', '/health')), failing.handler(proxyEvent('GET', '/health'))]);

    // Assess
    expect(results.map((result) => result.body.endsWith('}\n'))).toEqual([true, true]);
  });

  it('sends an empty body without Content-Type for a reply without body', async () => {
    // Prepare
    const { handler } = healthHandler(async () => ({ status: 204 }));

    // Act
    const result = await handler(proxyEvent('GET', '/health', { requestId: 'req-204' }));

    // Assess
    expect(result).toEqual({ statusCode: 204, headers: { 'X-Request-Id': 'req-204' }, body: '' });
  });
});

describe('createHandler request bodies', () => {
  it('answers a body over 64 KiB with 413 PAYLOAD_TOO_LARGE without running the operation', async () => {
    // Prepare
    const operation = jest.fn(echoBody);
    const { handler } = healthHandler(operation);

    // Act
    const result = await handler(proxyEvent('GET', '/health', { body: 'a'.repeat(MAX_BODY_BYTES + 1) }));

    // Assess
    expect(result.statusCode).toBe(413);
    expect(bodyOf(result)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(operation).not.toHaveBeenCalled();
  });

  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/jsonp'])(
    'answers 415 UNSUPPORTED_MEDIA_TYPE to a body sent with the content type %s, before the operation runs',
    async (contentType) => {
      // Prepare
      const operation = jest.fn(echoBody);
      const { handler } = healthHandler(operation);
      const headers: Record<string, string> = contentType === undefined ? {} : { 'Content-Type': contentType };

      // Act
      const result = await handler(proxyEvent('GET', '/health', { body: '{"content":"x"}', headers }));

      // Assess
      expect(result.statusCode).toBe(415);
      expect(bodyOf(result)).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
      expect(operation).not.toHaveBeenCalled();
    },
  );

  it.each(['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset="utf-8"', 'application/merge-patch+json'])(
    'accepts a body sent as %s',
    async (contentType) => {
      // Prepare
      const { handler } = healthHandler(echoBody);

      // Act
      const result = await handler(proxyEvent('GET', '/health', { body: '{}', headers: { 'content-type': contentType } }));

      // Assess
      expect(result.statusCode).toBe(200);
    },
  );

  it('answers 400 naming an unknown query parameter on a public route, as on every other route', async () => {
    // Prepare
    const operation = jest.fn(echoBody);
    const { handler } = healthHandler(operation);

    // Act
    const result = await handler(proxyEvent('GET', '/health', { query: { foo: '1' } }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: [{ field: 'foo', issue: 'unknown field' }] } });
    expect(operation).not.toHaveBeenCalled();
  });

  it('accepts a body of exactly 64 KiB', async () => {
    // Prepare
    const { handler } = healthHandler(async () => ({ status: 200, body: {} }));

    // Act
    const result = await handler(proxyEvent('GET', '/health', { body: 'a'.repeat(64 * 1024), headers: JSON_TYPE }));

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it('measures the limit in bytes, not characters', async () => {
    // Prepare: 40,000 characters of two bytes each is 80,000 bytes.
    const { handler } = healthHandler(echoBody);

    // Act
    const result = await handler(proxyEvent('GET', '/health', { body: 'é'.repeat(40_000) }));

    // Assess
    expect(result.statusCode).toBe(413);
  });

  it('decodes a base64 body before the operation sees it', async () => {
    // Prepare
    const { handler } = healthHandler(echoBody);
    const json = '{"content":"naïve café ☕"}';

    // Act
    const result = await handler(
      proxyEvent('GET', '/health', { body: Buffer.from(json).toString('base64'), isBase64Encoded: true, headers: JSON_TYPE }),
    );

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ raw: json });
  });

  it('applies the size limit to the decoded body', async () => {
    // Prepare: 60 KiB decoded is 80 KiB in base64.
    const { handler } = healthHandler(async () => ({ status: 200, body: {} }));
    const encoded = Buffer.from('a'.repeat(60 * 1024)).toString('base64');

    // Act
    const result = await handler(proxyEvent('GET', '/health', { body: encoded, isBase64Encoded: true, headers: JSON_TYPE }));

    // Assess
    expect(encoded.length).toBeGreaterThan(MAX_BODY_BYTES);
    expect(result.statusCode).toBe(200);
  });

  it('lower-cases header names for the operation', async () => {
    // Prepare
    const { handler } = healthHandler(async (request) => ({ status: 200, body: request.headers }));

    // Act
    const result = await handler(proxyEvent('GET', '/health', { headers: { 'Idempotency-Key': 'abc', 'X-Environment': 'test' } }));

    // Assess
    expect(bodyOf(result)).toEqual({ 'idempotency-key': 'abc', 'x-environment': 'test' });
  });
});

describe('createHandler for authenticated routes', () => {
  it('refuses a request without authorizer context with 401 AUTH_REQUIRED, charging nothing', async () => {
    // Prepare
    const { handler, charge, operation } = memoriesHandler();

    // Act
    const result = await handler(proxyEvent('GET', '/v1/memories'));

    // Assess
    expect(result.statusCode).toBe(401);
    expect(bodyOf(result)).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
    expect(charge).not.toHaveBeenCalled();
    expect(operation).not.toHaveBeenCalled();
  });

  it("passes the authorizer's principal to the operation, with known scopes only", async () => {
    // Prepare
    const { handler, operation } = memoriesHandler();

    // Act
    await handler(proxyEvent('GET', '/v1/memories', { authorizer: OWNER_CONTEXT }));

    // Assess
    expect(operation).toHaveBeenCalledTimes(1);
    expect(operation.mock.calls[0]?.[0].principal).toEqual({
      tenantId: 'tnt_1',
      keyId: 'key_1',
      scopes: ['memories:read', 'keys:manage'],
      environment: 'test',
      tier: 'free',
    });
  });

  it("charges the tenant with its tier's limits and returns rate and credit headers", async () => {
    // Prepare
    const { handler, charge, clock } = memoriesHandler();
    charge.mockResolvedValue({ ok: true, minuteCount: 7, creditsUsed: 12 });

    // Act
    const result = await handler(proxyEvent('GET', '/v1/memories', { authorizer: OWNER_CONTEXT }));

    // Assess
    expect(charge).toHaveBeenCalledWith({
      tenantId: 'tnt_1',
      keyId: 'key_1',
      requestsPerMinute: 60,
      creditsPerMonth: 1_000,
      cap: undefined,
      now: clock.now,
    });
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({
      'X-RateLimit-Limit': '60',
      'X-RateLimit-Remaining': '53',
      'X-Credits-Limit': '1000',
      'X-Credits-Remaining': '988',
    });
    expect(Number(result.headers?.['X-RateLimit-Reset'])).toBeGreaterThan(clock.now / 1000);
  });

  it('answers 429 RATE_LIMIT_EXCEEDED with Retry-After when the minute is used up, discarding what the read beside the charge found', async () => {
    // Prepare
    const { handler, charge, operation } = memoriesHandler();
    charge.mockResolvedValue({ ok: false, reason: 'rate', minuteCount: 60, creditsUsed: 100 });

    // Act
    const result = await handler(proxyEvent('GET', '/v1/memories', { authorizer: OWNER_CONTEXT }));

    // Assess
    expect(result.statusCode).toBe(429);
    expect(bodyOf(result)).toMatchObject({ error: { code: 'RATE_LIMIT_EXCEEDED' } });
    expect(result.headers?.['Retry-After']).toBe(result.headers?.['X-RateLimit-Retry-After']);
    expect(Number(result.headers?.['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(result.headers).toMatchObject({ 'X-RateLimit-Remaining': '0' });
    expect(operation).toHaveBeenCalledTimes(1);
    expect(result.body).not.toContain('tenant');
  });

  it('answers 429 QUOTA_EXCEEDED when the month is used up', async () => {
    // Prepare
    const { handler, charge } = memoriesHandler();
    charge.mockResolvedValue({ ok: false, reason: 'quota', minuteCount: 3, creditsUsed: 1_000 });

    // Act
    const result = await handler(proxyEvent('GET', '/v1/memories', { authorizer: OWNER_CONTEXT }));

    // Assess
    expect(result.statusCode).toBe(429);
    expect(bodyOf(result)).toMatchObject({ error: { code: 'QUOTA_EXCEEDED' } });
    expect(result.headers).toMatchObject({ 'X-Credits-Remaining': '0' });
    expect(Number(result.headers?.['Retry-After'])).toBeGreaterThan(60);
  });

  it('refuses a principal whose tier is not configured with 403 TIER_UNAVAILABLE, charging nothing', async () => {
    // Prepare
    const { handler, charge, operation } = memoriesHandler();

    // Act
    const result = await handler(proxyEvent('GET', '/v1/memories', { authorizer: { ...OWNER_CONTEXT, tier: 'legacy' } }));

    // Assess
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result)).toMatchObject({ error: { code: 'TIER_UNAVAILABLE' } });
    expect(charge).not.toHaveBeenCalled();
    expect(operation).toHaveBeenCalledTimes(1);
    expect(result.body).not.toContain('tnt_1');
  });

  it("charges a management route to the credential's own budget, never a credit, and answers with that budget's headers", async () => {
    // Prepare
    const { handler, charge, chargeManagement, clock } = usageHandler();
    chargeManagement.mockResolvedValue({ ok: true, minuteCount: 5, creditsUsed: 1_000 });

    // Act
    const result = await handler(proxyEvent('GET', '/v1/usage', { authorizer: OWNER_CONTEXT }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(charge).not.toHaveBeenCalled();
    expect(chargeManagement).toHaveBeenCalledWith({ tenantId: 'tnt_1', keyId: 'key_1', perMinute: 60, now: clock.now });
    expect(result.headers).toMatchObject({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '55', 'X-Credits-Remaining': '0' });
  });

  it('answers 429 on a management route past the credential budget, and 401 for a key ended since the authorizer read it', async () => {
    // Prepare
    const { handler, chargeManagement, operation } = usageHandler();
    chargeManagement.mockResolvedValueOnce({ ok: false, reason: 'rate', minuteCount: 60, creditsUsed: 3 });
    chargeManagement.mockResolvedValueOnce({ ok: false, reason: 'ended', minuteCount: 1, creditsUsed: 3 });

    // Act
    const budget = await handler(proxyEvent('GET', '/v1/usage', { authorizer: OWNER_CONTEXT }));
    const ended = await handler(proxyEvent('GET', '/v1/usage', { authorizer: OWNER_CONTEXT }));

    // Assess
    expect(budget.statusCode).toBe(429);
    expect(bodyOf(budget)).toMatchObject({
      error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.stringContaining('60 requests per minute') },
    });
    expect(ended.statusCode).toBe(401);
    expect(bodyOf(ended)).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
    expect(operation).not.toHaveBeenCalled();
  });

  it('keeps the rate headers on an error the operation throws', async () => {
    // Prepare
    const { handler } = memoriesHandler(
      jest.fn(async () => {
        throw new ApiError('TENANT_MISMATCH', 'no');
      }),
    );

    // Act
    const result = await handler(proxyEvent('GET', '/v1/memories', { authorizer: OWNER_CONTEXT }));

    // Assess
    expect(result.statusCode).toBe(403);
    expect(result.headers).toMatchObject({ 'X-RateLimit-Limit': '60', 'X-Request-Id': 'req-1' });
  });
});

describe('jsonBody', () => {
  const request = (rawBody: string | null) => ({ rawBody }) as Request;

  it('parses a JSON body', () => {
    // Act
    const body = jsonBody(request('{"a":1}'));

    // Assess
    expect(body).toEqual({ a: 1 });
  });

  it('refuses malformed JSON as a VALIDATION_ERROR', () => {
    // Act
    const attempt = () => jsonBody(request('{"a":'));

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', details: [{ field: '(body)', issue: 'malformed JSON' }] }));
  });

  it('refuses a missing body unless it is optional', () => {
    // Act
    const required = () => jsonBody(request(null));
    const optional = jsonBody(request(null), false);

    // Assess
    expect(required).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(optional).toEqual({});
  });
});

describe('Operations<H>', () => {
  const operation = async () => ({ status: 200 });

  it('must name exactly the operations the route table gives a handler (checked by the type checker)', () => {
    // Prepare & Act: these lines compile only because each is a type error, which @ts-expect-error requires.
    // @ts-expect-error an operation the route table does not name for the usage handler
    const extra: Operations<'usage'> = { tenantUsage: operation, usageReport: operation, tenantUsages: operation };
    // @ts-expect-error the route table's operation is missing
    const missing: Operations<'health'> = {};

    // Assess
    expect([Object.keys(extra), Object.keys(missing)]).toEqual([['tenantUsage', 'usageReport', 'tenantUsages'], []]);
  });
});
