import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { REQUEST_BUDGET_MS, isUnavailable } from '../platform/budget';
import { instrumented } from '../platform/invocation';
import { logger } from '../platform/logger';
import type { Dependencies } from '../wiring/dependencies';
import { corsResponseHeaders, originOf } from '../shared/cors';
import { isEnvironment } from '../domain/environments';
import { ApiError } from '../http/errors';
import { errorBody } from '../shared/error-codes';
import { AUTH_CONTEXT } from '../shared/gateway-responses';
import { routeFor, type HandlerName, type RouteDef, type RoutesOf } from '../shared/routes';
import { decodeScopes } from '../domain/scopes';
import { toApiError } from './error-answers';
import { runMetered, runUnmetered } from './metering';
import { assertBodyAcceptable } from './request-body';
import type { AuthenticatedRequest, Principal, Reply, Request } from './request';
import { assertOwnTenant, tenantFields } from './tenant-guard';

export type PublicOperation = (request: Request, deps: Dependencies) => Promise<Reply>;
export type Operation = (request: AuthenticatedRequest, deps: Dependencies) => Promise<Reply>;

/**
 * Exactly the operations the route table names for handler `H`, each public or authenticated as
 * its route says: a typo in the table or a missing operation is a type error, not a runtime 404.
 */
export type Operations<H extends HandlerName> = {
  readonly [R in RoutesOf<H> as R['operation']]: R['access'] extends 'public' ? PublicOperation : Operation;
};

/**
 * The one path every request takes through a handler: find the route, charge the tenant's
 * counters, run the operation, and turn every outcome into the API's response shape, with CORS
 * headers for an allowed origin; each request is traced and counted by operation.
 */
export function createHandler<H extends HandlerName>(name: H, operations: Operations<H>, deps: () => Dependencies) {
  const table: Readonly<Record<string, PublicOperation | Operation>> = operations;
  return instrumented(
    {
      name,
      budgetMs: REQUEST_BUDGET_MS.handler,
      requestId: (event: APIGatewayProxyEvent) => event.requestContext.requestId,
      annotations: (event) => ({ operation: routeFor(event.httpMethod, event.resource)?.operation ?? 'unknown' }),
      metrics: () => deps().metrics,
    },
    async (event): Promise<APIGatewayProxyResult> => {
      const started = Date.now();
      const result = await handle(event, event.requestContext.requestId);
      logger.info('request', {
        method: event.httpMethod,
        route: event.resource,
        status: result.statusCode,
        duration_ms: Date.now() - started,
      });
      return finish(result, event);
    },
  );

  /** The configuration, which a broken cold start may lack. */
  function readyDependencies(): Dependencies | undefined {
    try {
      return deps();
    } catch {
      return undefined;
    }
  }

  /** CORS headers and the request count need the configuration: without it the 500 goes out as it is. */
  function finish(result: APIGatewayProxyResult, event: APIGatewayProxyEvent): APIGatewayProxyResult {
    const ready = readyDependencies();
    if (!ready) return result;
    const operation = routeFor(event.httpMethod, event.resource)?.operation;
    if (operation) ready.metrics.record('Requests', { operation });
    return { ...result, headers: { ...result.headers, ...corsResponseHeaders(ready.config.cors, originOf(event.headers)) } };
  }

  async function handle(event: APIGatewayProxyEvent, requestId: string): Promise<APIGatewayProxyResult> {
    let rateHeaders: Record<string, string> = {};
    try {
      const route = routeFor(event.httpMethod, event.resource);
      const operation = route && route.handler === name && Object.hasOwn(table, route.operation) ? table[route.operation] : undefined;
      if (!route || !operation) throw new ApiError('NOT_FOUND', 'No such route');
      const request = toRequest(event, route, deps().now());
      if (route.access === 'public') {
        assertBodyAcceptable(request);
        assertQueryNames(request, []);
        return respond(await (operation as PublicOperation)(request, deps()), requestId);
      }
      const principal = principalFrom(event);
      logger.appendKeys({ tenant_id: principal.tenantId, key_id: principal.keyId ?? 'owner-token' });
      const meter = route.chargedPerCall ? runUnmetered : runMetered;
      const metered = await meter(deps(), request, principal, async (authenticated) => {
        // Checked with the charge, so a refused body still carries the rate-limit headers.
        assertBodyAcceptable(request);
        assertOwnTenant(principal, request.query);
        assertQueryNames(request, Object.keys(tenantFields));
        return (operation as Operation)(authenticated, deps());
      });
      rateHeaders = metered.headers;
      if (metered.reply.status === 'rejected') throw metered.reply.reason;
      const reply = metered.reply.value;
      return respond({ ...reply, headers: { ...rateHeaders, ...reply.headers } }, requestId);
    } catch (error) {
      if (isUnavailable(error)) deps().metrics.record('StoreTimeouts', {});
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
  const sourceIp = event.requestContext.identity?.sourceIp ?? 'unknown';
  return { requestId: event.requestContext.requestId, route, pathParameters, query, headers, rawBody: rawBody ?? null, now, sourceIp };
}

function definedEntries(values: Record<string, string | undefined> | null, key = (name: string) => name): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[key(name), value]])));
}

/** A route that reads no query parameters refuses every one but those `allowed` (its operation checks the others). */
function assertQueryNames(request: Request, allowed: readonly string[]): void {
  if (request.route.query) return;
  const unknown = Object.keys(request.query).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    throw new ApiError(
      'VALIDATION_ERROR',
      'The query is not valid',
      unknown.map((field) => ({ field, issue: 'unknown field' })),
    );
  }
}

function principalFrom(event: APIGatewayProxyEvent): Principal {
  const context = event.requestContext.authorizer ?? {};
  const tenantId = context[AUTH_CONTEXT.tenantId];
  const environment = context[AUTH_CONTEXT.environment];
  if (typeof tenantId !== 'string' || !isEnvironment(environment)) {
    throw new ApiError('AUTH_REQUIRED', 'A valid API key or access token is required');
  }
  const keyId = context[AUTH_CONTEXT.keyId];
  const expiresAt = context[AUTH_CONTEXT.expiresAt];
  const principalId = context[AUTH_CONTEXT.principalId];
  const isKey = typeof keyId === 'string' && keyId !== '';
  return {
    tenantId,
    keyId: isKey ? keyId : undefined,
    userId: !isKey && typeof principalId === 'string' && principalId ? principalId : undefined,
    scopes: decodeScopes(String(context[AUTH_CONTEXT.scopes] ?? '')),
    environment,
    tier: String(context[AUTH_CONTEXT.tier] ?? ''),
    ...(typeof expiresAt === 'string' && expiresAt ? { expiresAt } : {}),
  };
}

/** JSON bodies end with a newline, so responses printed one after another in a terminal stay apart. */
function respond(reply: Reply, requestId: string): APIGatewayProxyResult {
  const headers: Record<string, string> = { 'X-Request-Id': requestId, ...reply.headers };
  if (reply.body === undefined) return { statusCode: reply.status, headers, body: '' };
  return { statusCode: reply.status, headers: { 'Content-Type': 'application/json', ...headers }, body: `${JSON.stringify(reply.body)}\n` };
}

function respondError(thrown: unknown, requestId: string, rateHeaders: Record<string, string>): APIGatewayProxyResult {
  const error = toApiError(thrown);
  if (error) {
    if (error.status >= 500) logger.error('request failed', { code: error.code });
    else logger.info('request refused', { code: error.code, status: error.status });
    const body = errorBody(error.code, error.message, requestId, error.details);
    return respond({ status: error.status, body, headers: { ...rateHeaders, ...error.headers } }, requestId);
  }
  logger.error('unexpected error', thrown instanceof Error ? thrown : String(thrown));
  return respond(
    { status: 500, body: errorBody('INTERNAL_ERROR', 'Something went wrong on our side', requestId), headers: rateHeaders },
    requestId,
  );
}
