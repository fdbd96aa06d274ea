import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '../platform/logger';
import type { Runtime } from '../platform/runtime';
import { ApiError, errorBody, type ErrorCode } from '../shared/errors';
import { AUTH_CONTEXT } from '../shared/gateway-responses';
import { routeFor, type HandlerName, type RouteDef } from '../shared/routes';
import { decodeScopes } from '../shared/scopes';
import { minuteWindowEnd, monthEnd } from '../store/usage-counters';
import { assertOwnTenant, tenantFields } from './request-rules';
import type { AuthenticatedRequest, Principal, Reply, Request } from './request';

export const MAX_BODY_BYTES = 64 * 1024;

export type PublicOperation = (request: Request, runtime: Runtime) => Promise<Reply>;
export type Operation = (request: AuthenticatedRequest, runtime: Runtime) => Promise<Reply>;

export type Operations = Record<string, PublicOperation | Operation>;

/**
 * The one path every request takes through a handler: find the route, charge the tenant's
 * counters, run the operation, and turn every outcome into the API's response shape.
 */
export function createHandler(name: HandlerName, operations: Operations, runtime: () => Runtime) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const started = Date.now();
    const requestId = event.requestContext.requestId;
    logger.resetKeys();
    logger.appendKeys({ request_id: requestId });
    const result = await handle(event, requestId);
    logger.info('request', {
      method: event.httpMethod,
      route: event.resource,
      status: result.statusCode,
      duration_ms: Date.now() - started,
    });
    return result;
  };

  async function handle(event: APIGatewayProxyEvent, requestId: string): Promise<APIGatewayProxyResult> {
    let rateHeaders: Record<string, string> = {};
    try {
      const route = routeFor(event.httpMethod, event.resource);
      const operation = route && route.handler === name ? operations[route.operation] : undefined;
      if (!route || !operation) throw new ApiError('NOT_FOUND', 'No such route');
      const request = toRequest(event, route, runtime().now());
      if (route.access === 'public') {
        assertBodySize(request);
        return respond(await (operation as PublicOperation)(request, runtime()), requestId);
      }
      const principal = principalFrom(event);
      logger.appendKeys({ tenant_id: principal.tenantId, key_id: principal.keyId ?? 'owner-token' });
      const charged = await charge(runtime(), request, principal);
      rateHeaders = charged.headers;
      assertBodySize(request);
      assertQuery(request, principal);
      const reply = await (operation as Operation)({ ...request, principal, creditsUsed: charged.creditsUsed }, runtime());
      return respond({ ...reply, headers: { ...rateHeaders, ...reply.headers } }, requestId);
    } catch (error) {
      return respondError(error, requestId, rateHeaders);
    }
  }
}

function toRequest(event: APIGatewayProxyEvent, route: RouteDef, now: number): Request {
  // Built with fromEntries (own properties), so a parameter named __proto__ is kept and then refused as unknown.
  const headers = definedEntries(event.headers, (key) => key.toLowerCase());
  const query = definedEntries(event.queryStringParameters);
  const rawBody = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const pathParameters = definedEntries(event.pathParameters);
  return { requestId: event.requestContext.requestId, route, pathParameters, query, headers, rawBody: rawBody ?? null, now };
}

function definedEntries(values: Record<string, string | undefined> | null, key = (name: string) => name): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[key(name), value]])));
}

/** Checked after the charge, so a refused oversized body still carries the rate-limit headers. */
function assertBodySize(request: Request): void {
  if (request.rawBody && Buffer.byteLength(request.rawBody) > MAX_BODY_BYTES) {
    throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is over ${MAX_BODY_BYTES / 1024} KiB`);
  }
}

/** A tenant id in the query must be the caller's; routes without query parameters refuse any other. */
function assertQuery(request: Request, principal: Principal): void {
  assertOwnTenant(principal, request.query);
  if (request.route.query) return;
  const unknown = Object.keys(request.query).filter((name) => !Object.hasOwn(tenantFields, name));
  if (unknown.length > 0)
    throw new ApiError(
      'VALIDATION_ERROR',
      'The query is not valid',
      unknown.map((field) => ({ field, issue: 'unknown field' })),
    );
}

function principalFrom(event: APIGatewayProxyEvent): Principal {
  const context = event.requestContext.authorizer ?? {};
  const tenantId = context[AUTH_CONTEXT.tenantId];
  const environment = context[AUTH_CONTEXT.environment];
  if (typeof tenantId !== 'string' || (environment !== 'live' && environment !== 'test')) {
    throw new ApiError('AUTH_REQUIRED', 'A valid API key or access token is required');
  }
  const keyId = context[AUTH_CONTEXT.keyId];
  return {
    tenantId,
    keyId: typeof keyId === 'string' && keyId ? keyId : undefined,
    scopes: decodeScopes(String(context[AUTH_CONTEXT.scopes] ?? '')),
    environment,
    tier: String(context[AUTH_CONTEXT.tier] ?? ''),
  };
}

async function charge(
  runtime: Runtime,
  request: Request,
  principal: Principal,
): Promise<{ headers: Record<string, string>; creditsUsed: number }> {
  const tier = runtime.config.tiers[principal.tier] ?? runtime.config.tiers[runtime.config.defaultTier];
  if (!tier) throw new Error(`unknown tier ${principal.tier}`);
  const cap = request.route.perMinuteCap ? { name: request.route.operation, perMinute: request.route.perMinuteCap } : undefined;
  const result = await runtime.usage.charge({
    tenantId: principal.tenantId,
    keyId: principal.keyId,
    requestsPerMinute: tier.requestsPerMinute,
    creditsPerMonth: tier.creditsPerMonth,
    cap,
    now: request.now,
  });
  const reset = minuteWindowEnd(request.now);
  const limit = result.ok || result.reason !== 'cap' ? tier.requestsPerMinute : (cap?.perMinute ?? tier.requestsPerMinute);
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(tier.requestsPerMinute),
    'X-RateLimit-Remaining': String(Math.max(0, tier.requestsPerMinute - result.minuteCount)),
    'X-RateLimit-Reset': String(reset),
  };
  if (tier.creditsPerMonth !== null) {
    headers['X-Credits-Limit'] = String(tier.creditsPerMonth);
    headers['X-Credits-Remaining'] = String(Math.max(0, tier.creditsPerMonth - Math.max(result.creditsUsed, 0)));
  }
  if (result.ok) return { headers, creditsUsed: result.creditsUsed };
  const nowSeconds = Math.floor(request.now / 1000);
  const retryAfter = String(Math.max(1, (result.reason === 'quota' ? monthEnd(request.now) : reset) - nowSeconds));
  const retry = { 'Retry-After': retryAfter, 'X-RateLimit-Retry-After': retryAfter };
  if (result.reason === 'quota') {
    throw new ApiError('QUOTA_EXCEEDED', 'The monthly credits of this plan are used up', undefined, { ...headers, ...retry });
  }
  const message =
    result.reason === 'cap' ? `This route allows ${limit} requests per minute` : `This plan allows ${limit} requests per minute`;
  throw new ApiError('RATE_LIMIT_EXCEEDED', message, undefined, { ...headers, ...retry });
}

function respond(reply: Reply, requestId: string): APIGatewayProxyResult {
  const headers: Record<string, string> = { 'X-Request-Id': requestId, ...reply.headers };
  if (reply.body === undefined) return { statusCode: reply.status, headers, body: '' };
  return { statusCode: reply.status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(reply.body) };
}

function respondError(error: unknown, requestId: string, rateHeaders: Record<string, string>): APIGatewayProxyResult {
  if (error instanceof ApiError) {
    if (error.status >= 500) logger.error('request failed', { code: error.code });
    else logger.info('request refused', { code: error.code, status: error.status });
    return respond(
      {
        status: error.status,
        body: errorBody(error.code, error.message, requestId, error.details),
        headers: { ...rateHeaders, ...error.headers },
      },
      requestId,
    );
  }
  logger.error('unexpected error', error instanceof Error ? error : String(error));
  const code: ErrorCode = 'INTERNAL_ERROR';
  return respond({ status: 500, body: errorBody(code, 'Something went wrong on our side', requestId), headers: rateHeaders }, requestId);
}

/** Parses the JSON body; malformed JSON or a missing body is a VALIDATION_ERROR. */
export function jsonBody(request: Request, required = true): unknown {
  if (!request.rawBody) {
    if (!required) return {};
    throw new ApiError('VALIDATION_ERROR', 'A JSON body is required', [{ field: '(body)', issue: 'missing' }]);
  }
  try {
    return JSON.parse(request.rawBody) as unknown;
  } catch {
    throw new ApiError('VALIDATION_ERROR', 'The request body is not valid JSON', [{ field: '(body)', issue: 'malformed JSON' }]);
  }
}

/** Reads the JSON body, refusing another tenant's id in it before anything else is looked at. */
export function ownBody(request: AuthenticatedRequest, required = true): unknown {
  const raw = jsonBody(request, required);
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) assertOwnTenant(request.principal, raw as Record<string, unknown>);
  return raw;
}
