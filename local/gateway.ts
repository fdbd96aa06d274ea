import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { createAuthorizerHandler, UNAUTHORIZED, type AuthorizerHandler } from '../lambda/authorizer/entry-point';
import { inProcessProvisioner } from '../lambda/services/external-tenants';
import { changeTier } from '../lambda/services/tier-change';
import { apiKeyOperations } from '../lambda/handlers/api-keys';
import { authOperations } from '../lambda/handlers/auth';
import { docsOperations } from '../lambda/handlers/docs';
import { healthOperations } from '../lambda/handlers/health';
import { memoryOperations } from '../lambda/handlers/memories';
import { createHandler, type Operations } from '../lambda/handlers/pipeline';
import { usageOperations } from '../lambda/handlers/usage';
import { auditOperations } from '../lambda/handlers/audit';
import { logger } from '../lambda/platform/logger';
import type { Services } from '../lambda/services/services';
import { retryAfterHeaders } from '../lambda/shared/errors';
import { AUTH_CONTEXT, gatewayResponse, type GatewayResponseType } from '../lambda/shared/gateway-responses';
import { matchRoute, type HandlerName, type RouteDef, type RouteMatch } from '../lambda/shared/routes';
import { serveConsole } from './console-site';
import { EdgeThrottle } from './edge-throttle';
import type { LocalGatewayKeys } from './local-gateway-keys';

/** API Gateway refuses payloads over 10 MB before anything runs. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
const ACCOUNT = '000000000000';
/** Not part of the API: the local stand-in for the operator's tier change. */
export const LOCAL_TIER_CHANGE_PATH = '/_local/operator/tier';
const API_ID = 'local';

const OPERATIONS: { readonly [H in HandlerName]: Operations<H> } = {
  health: healthOperations,
  docs: docsOperations,
  auth: authOperations,
  apiKeys: apiKeyOperations,
  memories: memoryOperations,
  usage: usageOperations,
  audit: auditOperations,
};

type Lambda = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

function lambdaFor<H extends HandlerName>(name: H, services: Services): Lambda {
  return createHandler(name, OPERATIONS[name], () => services);
}
type AuthorizerContext = Record<string, string | number | boolean | null | undefined>;

/**
 * A REST API Gateway in one process: routes from the route table, the real authorizer with a real
 * REQUEST authorizer event, its policy and context applied as API Gateway applies them, usage plan
 * throttling by the returned usageIdentifierKey, the real handlers, and the same Gateway Responses.
 */
export class LocalGateway {
  private readonly authorizer: AuthorizerHandler;
  private readonly lambdas: { readonly [H in HandlerName]: Lambda };
  private readonly edge: EdgeThrottle;

  constructor(
    private readonly services: Services,
    private readonly gatewayKeys: LocalGatewayKeys,
    private readonly stage = services.config.stage,
  ) {
    // The same entry points the Lambdas export, over this process's services.
    this.authorizer = createAuthorizerHandler(
      () => services,
      () => inProcessProvisioner(services),
    );
    this.edge = new EdgeThrottle(services.config);
    this.lambdas = {
      health: lambdaFor('health', services),
      docs: lambdaFor('docs', services),
      auth: lambdaFor('auth', services),
      apiKeys: lambdaFor('apiKeys', services),
      memories: lambdaFor('memories', services),
      usage: lambdaFor('usage', services),
      audit: lambdaFor('audit', services),
    };
  }

  listen(port: number, host = '127.0.0.1'): Promise<Server> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        logger.error('local gateway failed', error instanceof Error ? error : String(error));
        if (!res.headersSent) this.sendGatewayResponse(res, 'DEFAULT_5XX', randomUUID());
      });
    });
    server.keepAliveTimeout = 5_000;
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: stop what holds it, or set PORT to another port.`) : error),
      );
      server.listen(port, host, () => resolve(server));
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req, GATEWAY_MAX_BODY_BYTES);
    if (body === undefined) return this.sendGatewayResponse(res, 'REQUEST_TOO_LARGE', requestId);
    if (method === 'POST' && url.pathname === LOCAL_TIER_CHANGE_PATH) return this.changeTier(req, body, res, requestId);
    if (serveConsole(req, res, url.pathname)) return;
    const match = matchRoute(method, url.pathname);
    if (!match) return this.sendGatewayResponse(res, 'MISSING_AUTHENTICATION_TOKEN', requestId);

    const base = {
      ...this.eventBase(req, url, method, match),
      requestContext: this.requestContext(requestId, match.route, url.pathname, req),
    };
    let authorizerContext: AuthorizerContext | null = null;
    if (match.route.access !== 'public') {
      const admitted = await this.admit(base, match.route);
      if ('refusal' in admitted) return this.sendGatewayResponse(res, admitted.refusal, requestId, admitted.context);
      authorizerContext = admitted.context;
    }
    const proxyEvent = {
      ...base,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: { ...base.requestContext, authorizer: authorizerContext },
    } as APIGatewayProxyEvent;
    const result = await this.lambdas[match.route.handler](proxyEvent);
    res.writeHead(result.statusCode, { ...stringHeaders(result.headers), 'x-amzn-RequestId': requestId });
    res.end(result.body);
  }

  /** The fields API Gateway puts in both the authorizer event and the proxy event. */
  private eventBase(req: IncomingMessage, url: URL, method: string, match: RouteMatch) {
    const query = Object.fromEntries(url.searchParams);
    const hasQuery = Object.keys(query).length > 0;
    return {
      resource: match.route.path,
      path: url.pathname,
      httpMethod: method,
      headers: singleValues(req.headersDistinct),
      multiValueHeaders: Object.fromEntries(Object.entries(req.headersDistinct).map(([name, values]) => [name, values ?? []])),
      queryStringParameters: hasQuery ? query : null,
      multiValueQueryStringParameters: hasQuery
        ? Object.fromEntries([...new Set(url.searchParams.keys())].map((name) => [name, url.searchParams.getAll(name)]))
        : null,
      pathParameters: Object.keys(match.pathParameters).length ? match.pathParameters : null,
      stageVariables: null,
    };
  }

  /**
   * What API Gateway does before the integration: the REQUEST authorizer, its policy, then the
   * usage plan of the returned usageIdentifierKey (apiKeySource AUTHORIZER, apiKeyRequired).
   */
  private async admit(
    base: ReturnType<LocalGateway['eventBase']> & { requestContext: ReturnType<LocalGateway['requestContext']> },
    route: RouteDef,
  ): Promise<{ context: AuthorizerContext } | { refusal: GatewayResponseType; context?: AuthorizerContext | null }> {
    const methodArn = `arn:aws:execute-api:local:${ACCOUNT}:${API_ID}/${this.stage}/${base.httpMethod}${base.path}`;
    const outcome = await this.authorize({ type: 'REQUEST', methodArn, ...base } as APIGatewayRequestAuthorizerEvent);
    if (outcome.kind === 'unauthorized') return { refusal: 'UNAUTHORIZED' };
    if (outcome.kind === 'failed') return { refusal: 'DEFAULT_5XX' };
    const result = outcome.result;
    if (!policyAllows(result, methodArn)) return { refusal: 'ACCESS_DENIED', context: result.context };
    const plan = result.usageIdentifierKey ? this.gatewayKeys.planOf(result.usageIdentifierKey) : undefined;
    if (!plan) return { refusal: 'INVALID_API_KEY' };
    const edge = this.edge.admit(plan, route, this.services.now());
    if (edge !== 'ok') return { refusal: edge };
    return { context: { ...result.context, principalId: result.principalId } };
  }

  /**
   * The operator's tier change, reachable only on this loopback server (in AWS the same function
   * runs from `npm run set-tier` with the operator's IAM credentials).
   */
  private async changeTier(req: IncomingMessage, body: Buffer, res: ServerResponse, requestId: string): Promise<void> {
    // A JSON content type cannot be sent cross-site without a preflight this server never answers, so a web page cannot call this.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      res.writeHead(415, { 'Content-Type': 'application/json', 'X-Request-Id': requestId });
      res.end(JSON.stringify({ ok: false, reason: 'send Content-Type: application/json' }));
      return;
    }
    let input: { tenantId?: unknown; tier?: unknown } = {};
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
    } catch {
      input = {};
    }
    const result =
      typeof input.tenantId === 'string' && typeof input.tier === 'string'
        ? await changeTier(this.services, input.tenantId, input.tier)
        : { ok: false as const, reason: 'give tenantId and tier' };
    res.writeHead(result.ok ? 200 : 400, { 'Content-Type': 'application/json', 'X-Request-Id': requestId });
    res.end(`${JSON.stringify(result)}\n`);
  }

  private async authorize(
    event: APIGatewayRequestAuthorizerEvent,
  ): Promise<{ kind: 'ok'; result: APIGatewayAuthorizerResult } | { kind: 'unauthorized' } | { kind: 'failed' }> {
    try {
      return { kind: 'ok', result: await this.authorizer(event) };
    } catch (error) {
      // The entry point has logged the refusal or the failure.
      return error instanceof Error && error.message === UNAUTHORIZED ? { kind: 'unauthorized' } : { kind: 'failed' };
    }
  }

  private requestContext(requestId: string, route: RouteDef, path: string, req: IncomingMessage) {
    const now = this.services.now();
    return {
      accountId: ACCOUNT,
      apiId: API_ID,
      stage: this.stage,
      requestId,
      resourcePath: route.path,
      resourceId: route.path,
      httpMethod: route.method,
      path: `/${this.stage}${path}`,
      protocol: 'HTTP/1.1',
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      identity: { sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? null },
    };
  }

  /** The Gateway Responses of the deployed stack, with the same bodies and headers. */
  private sendGatewayResponse(
    res: ServerResponse,
    type: GatewayResponseType,
    requestId: string,
    context?: Record<string, unknown> | null,
  ): void {
    const definition = gatewayResponse(type);
    const code = definition.fromAuthorizer ? String(context?.[AUTH_CONTEXT.errorCode] ?? definition.code) : definition.code;
    const message = definition.fromAuthorizer ? String(context?.[AUTH_CONTEXT.errorMessage] ?? definition.message) : definition.message;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': requestId,
      'X-Request-Id': requestId,
      ...(definition.retryAfterSeconds === undefined ? {} : retryAfterHeaders(definition.retryAfterSeconds)),
    };
    logger.info('gateway response', { request_id: requestId, type, status: definition.status });
    res.writeHead(definition.status, headers);
    res.end(`${JSON.stringify({ error: { code, message, request_id: requestId } })}\n`);
  }
}

/** API Gateway's evaluation: an explicit Deny wins; otherwise some Allow must match the method ARN. */
export function policyAllows(result: APIGatewayAuthorizerResult, methodArn: string): boolean {
  const statements = result.policyDocument.Statement.map((statement) => ({
    effect: statement.Effect,
    resources: 'Resource' in statement ? [statement.Resource].flat().filter((r): r is string => typeof r === 'string') : [],
  }));
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(methodArn);
  if (statements.some((s) => s.effect === 'Deny' && s.resources.some(matches))) return false;
  return statements.some((s) => s.effect === 'Allow' && s.resources.some(matches));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** API Gateway's `headers` keeps the last value of a repeated header (all of them are in `multiValueHeaders`). */
function singleValues(headers: IncomingMessage['headersDistinct']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(headers)) {
    const last = values?.at(-1);
    if (last !== undefined) out[name] = last;
  }
  return out;
}

function stringHeaders(headers: APIGatewayProxyResult['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}
