import { randomUUID } from 'node:crypto';
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { createAuthorizerHandler, UNAUTHORIZED, type AuthorizerHandler } from '../lambda/authorizer/entry-point';
import { inProcessProvisioner } from '../lambda/provisioning/external-tenants';
import { apiKeyOperations } from '../lambda/handlers/api-keys';
import { authOperations } from '../lambda/handlers/auth';
import { docsOperations } from '../lambda/handlers/docs';
import { healthOperations } from '../lambda/handlers/health';
import { mcpOperations } from '../lambda/mcp/mcp-operations';
import { memoryOperations } from '../lambda/handlers/memories';
import { createHandler, type Operations } from '../lambda/handlers/pipeline';
import { usageOperations } from '../lambda/handlers/usage';
import { auditOperations } from '../lambda/handlers/audit';
import { logger } from '../lambda/platform/logger';
import type { Dependencies } from '../lambda/wiring/dependencies';
import { corsEnabled, gatewayCorsHeaders, preflightHeaders, preflightResources, type GatewayHeaderValue } from '../lambda/shared/cors';
import { ERROR_STATUS, errorBody } from '../lambda/shared/error-codes';
import { HANDLER_NAMES, matchResource, matchRoute, type HandlerName, type RouteDef, type RouteMatch } from '../lambda/shared/routes';
import { serveConsole } from './console-site';
import { EdgeThrottle } from './edge-throttle';
import { StageThrottle } from './stage-throttle';
import { LocalWebAcl } from './web-acl';
import { wafEnabled } from '../lambda/shared/config';
import { renderGatewayResponse, type AwsGatewayResponseType } from './gateway-response-renderer';
import type { LocalApiGateway } from './local-api-gateway';
import { OperatorRoutes } from './operator-routes';

/** API Gateway refuses payloads over 10 MB before anything runs. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
/**
 * A client gets this long to send a whole request (headers included), as API Gateway does not wait
 * on a slow client for ever: a connection that trickles its body is answered 408 and closed.
 */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Lambda fails an invocation whose response is over 6 MB (the proxy result as JSON): the client gets a 5xx. */
export const LAMBDA_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
const ACCOUNT = '000000000000';
export const LOCAL_API_ID = 'local';
const API_ID = LOCAL_API_ID;

const OPERATIONS: { readonly [H in HandlerName]: Operations<H> } = {
  health: healthOperations,
  docs: docsOperations,
  auth: authOperations,
  apiKeys: apiKeyOperations,
  memories: memoryOperations,
  usage: usageOperations,
  audit: auditOperations,
  mcp: mcpOperations,
};

type Lambda = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** Runs one function invocation; tests pass one that sees which function made which AWS calls. */
export type InvocationHook = <T>(fn: 'authorizer' | HandlerName, run: () => Promise<T>) => Promise<T>;

function lambdaFor<H extends HandlerName>(name: H, deps: Dependencies, around: InvocationHook): Lambda {
  const handler = createHandler(name, OPERATIONS[name], () => deps);
  return (event) => around(name, () => handler(event));
}
type AuthorizerContext = Record<string, string | number | boolean | null | undefined>;

/**
 * A REST API Gateway in one process, in API Gateway's order: the web ACL's rate rules (when on),
 * routes from the route table, the stage's method throttles, the real authorizer with a real
 * REQUEST authorizer event, its policy and context applied as API Gateway applies them, the usage
 * plan of the returned usageIdentifierKey looked up in the control-plane stand-in and enforced,
 * the real handlers, and the deployed Gateway Responses rendered from their VTL templates.
 */
export class LocalGateway {
  private readonly authorizer: AuthorizerHandler;
  private readonly lambdas: { readonly [H in HandlerName]: Lambda };
  private readonly edge: EdgeThrottle;
  private readonly stageThrottle = new StageThrottle();
  /** The stage's web ACL, when configuration turns it on (`waf.enabled`; prod by default). */
  private readonly webAcl?: LocalWebAcl;
  private readonly operatorRoutes: OperatorRoutes;

  constructor(
    private readonly deps: Dependencies,
    private readonly apiGateway: LocalApiGateway,
    operatorToken: string,
    private readonly stage = deps.config.stage,
    around: InvocationHook = (_fn, run) => run(),
  ) {
    // The same entry points the Lambdas export, over this process's dependencies.
    const authorizer = createAuthorizerHandler(
      () => deps,
      () => inProcessProvisioner(deps),
    );
    this.authorizer = (event) => around('authorizer', () => authorizer(event));
    this.edge = new EdgeThrottle();
    this.operatorRoutes = new OperatorRoutes(deps, operatorToken);
    if (wafEnabled(deps.config)) this.webAcl = new LocalWebAcl(deps.config.waf);
    this.lambdas = Object.fromEntries(HANDLER_NAMES.map((name) => [name, lambdaFor(name, deps, around)])) as Record<HandlerName, Lambda>;
  }

  listen(port: number, host = '127.0.0.1', requestTimeoutMs = REQUEST_TIMEOUT_MS): Promise<Server> {
    const timeouts = {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // How often Node checks those timeouts (30 s by default, which would let a slow body run on).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, requestTimeoutMs / 4)),
    };
    const server = createServer(timeouts, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        logger.error('local gateway failed', error instanceof Error ? error : String(error));
        if (!res.headersSent) this.sendGatewayResponse(req, res, 'INTEGRATION_FAILURE', randomUUID());
      });
    });
    server.keepAliveTimeout = 5_000;
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => refuseMalformed(error, socket));
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: stop what holds it, or set PORT to another port.`) : error),
      );
      server.listen(port, host, () => resolve(server));
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = requestUrl(req.url ?? '/');
    const method = (req.method ?? 'GET').toUpperCase();
    // A body announced over the limit is refused before it is read; one that grows past it, as soon as it does.
    const body =
      Number(req.headers['content-length'] ?? 0) > GATEWAY_MAX_BODY_BYTES ? undefined : await readBody(req, GATEWAY_MAX_BODY_BYTES);
    if (body === undefined) {
      res.setHeader('Connection', 'close');
      this.sendGatewayResponse(req, res, 'REQUEST_TOO_LARGE', requestId);
      req.destroy();
      return;
    }
    if (await this.operatorRoutes.answer(method, url.pathname, req, body, res, requestId)) return;
    if (method === 'OPTIONS' && this.answerPreflight(req, url.pathname, res, requestId)) return;
    if (serveConsole(req, res, url.pathname)) return;
    if (this.webAcl?.blocks(clientAddress(req), url.pathname, this.deps.now())) {
      return this.sendGatewayResponse(req, res, 'WAF_FILTERED', requestId);
    }
    const match = matchRoute(method, url.pathname);
    if (!match) return this.sendGatewayResponse(req, res, 'MISSING_AUTHENTICATION_TOKEN', requestId);
    if (!this.stageThrottle.admits(match.route, this.deps.now())) return this.sendGatewayResponse(req, res, 'THROTTLED', requestId);

    const base = {
      ...this.eventBase(req, url, method, match),
      requestContext: this.requestContext(requestId, match.route, url.pathname, req),
    };
    let authorizerContext: AuthorizerContext | null = null;
    if (match.route.access !== 'public') {
      const admitted = await this.admit(base, match.route);
      if ('refusal' in admitted) return this.sendGatewayResponse(req, res, admitted.refusal, requestId, admitted.context);
      authorizerContext = admitted.context;
    }
    const proxyEvent = {
      ...base,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: { ...base.requestContext, authorizer: authorizerContext },
    } as APIGatewayProxyEvent;
    const result = await this.lambdas[match.route.handler](proxyEvent);
    if (Buffer.byteLength(JSON.stringify(result)) > LAMBDA_MAX_RESPONSE_BYTES) {
      logger.error('function response over 6 MB', { request_id: requestId, route: match.route.operation });
      return this.sendGatewayResponse(req, res, 'INTEGRATION_FAILURE', requestId);
    }
    res.writeHead(result.statusCode, { ...stringHeaders(result.headers), 'x-amzn-RequestId': requestId });
    res.end(result.body);
  }

  /**
   * The stack's OPTIONS method on every resource when CORS is configured (a mock integration: no
   * authorizer, no usage plan, no function). Without CORS there is no OPTIONS method, and API
   * Gateway answers as for any unknown method.
   */
  private answerPreflight(req: IncomingMessage, path: string, res: ServerResponse, requestId: string): boolean {
    const cors = this.deps.config.cors;
    const resource = corsEnabled(cors) ? matchResource(path) : undefined;
    if (resource === undefined) return false;
    const headers = preflightHeaders(cors, singleValues(req.headersDistinct).origin, preflightResources().get(resource) ?? []);
    res.writeHead(204, { ...headers, 'x-amzn-RequestId': requestId });
    res.end();
    return true;
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
  ): Promise<{ context: AuthorizerContext } | { refusal: AwsGatewayResponseType; context?: AuthorizerContext | null }> {
    const methodArn = `arn:aws:execute-api:local:${ACCOUNT}:${API_ID}/${this.stage}/${base.httpMethod}${base.path}`;
    const outcome = await this.authorize({ type: 'REQUEST', methodArn, ...base } as APIGatewayRequestAuthorizerEvent);
    if (outcome.kind === 'unauthorized') return { refusal: 'UNAUTHORIZED' };
    if (outcome.kind === 'failed') return { refusal: 'AUTHORIZER_FAILURE' };
    const result = outcome.result;
    if (!policyAllows(result, methodArn)) return { refusal: 'ACCESS_DENIED', context: result.context };
    const context = { ...result.context, principalId: result.principalId };
    // Management methods do not require the gateway key, so no usage plan applies to them.
    if (route.management) return { context };
    const member = result.usageIdentifierKey ? this.apiGateway.membership(result.usageIdentifierKey, `${API_ID}:${this.stage}`) : undefined;
    if (!member) return { refusal: 'INVALID_API_KEY' };
    const edge = this.edge.admit(member, route, this.deps.now());
    if (edge !== 'ok') return { refusal: edge };
    return { context };
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
    const now = this.deps.now();
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
      identity: { sourceIp: clientAddress(req), userAgent: req.headers['user-agent'] ?? null },
    };
  }

  /** The Gateway Responses of the deployed stack, rendered from their templates; API Gateway adds x-amzn-RequestId. */
  private sendGatewayResponse(
    req: IncomingMessage,
    res: ServerResponse,
    type: AwsGatewayResponseType,
    requestId: string,
    authorizer?: AuthorizerContext | null,
  ): void {
    const url = requestUrl(req.url ?? '/');
    const response = renderGatewayResponse(type, {
      requestId,
      accountId: ACCOUNT,
      apiId: API_ID,
      stage: this.stage,
      httpMethod: (req.method ?? 'GET').toUpperCase(),
      path: `/${this.stage}${url.pathname}`,
      sourceIp: clientAddress(req),
      authorizer,
      errorMessage: type,
    });
    logger.info('gateway response', { request_id: requestId, type, status: response.status });
    res.writeHead(response.status, {
      ...response.headers,
      ...resolveGatewayHeaders(gatewayCorsHeaders(this.deps.config.cors), req),
      'x-amzn-RequestId': requestId,
    });
    res.end(response.body);
  }
}

/**
 * The request target read as a path (and query) on this host, as API Gateway reads it: `//x` is a
 * path with an empty first segment, not another host, and `*` or an absolute URL is a path too.
 */
function requestUrl(target: string): URL {
  return new URL(`http://localhost${target.startsWith('/') ? '' : '/'}${target}`);
}

/**
 * Requests Node's HTTP parser refuses before any handler runs (headers over 16 KiB, malformed HTTP)
 * get the API's error shape too, instead of a bare status.
 */
function refuseMalformed(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const requestId = randomUUID();
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const late = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const status = tooLarge ? ERROR_STATUS.REQUEST_HEADERS_TOO_LARGE : ERROR_STATUS.VALIDATION_ERROR;
  const message = tooLarge
    ? 'The request headers are over 16 KiB'
    : late
      ? 'The request did not arrive in time'
      : 'The request is not valid HTTP';
  const body = `${JSON.stringify(errorBody(tooLarge ? 'REQUEST_HEADERS_TOO_LARGE' : 'VALIDATION_ERROR', message, requestId))}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    `x-amzn-RequestId: ${requestId}`,
    'Connection: close',
  ];
  logger.info('gateway response', { request_id: requestId, type: tooLarge ? 'REQUEST_HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST', status });
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
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
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Nothing more is read or kept: the request is answered 413 and its connection closed.
      chunks.length = 0;
      req.pause();
      resolve(undefined);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The client's address as API Gateway (and the web ACL in front of it) sees it. */
function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '127.0.0.1';
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

/** Gateway response header mappings as API Gateway resolves them: a literal, or the request header's value when it has one. */
function resolveGatewayHeaders(mappings: Record<string, GatewayHeaderValue>, req: IncomingMessage): Record<string, string> {
  const headers = singleValues(req.headersDistinct);
  return Object.fromEntries(
    Object.entries(mappings).flatMap(([name, mapping]) => {
      const value = 'literal' in mapping ? mapping.literal : headers[mapping.requestHeader.toLowerCase()];
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

function stringHeaders(headers: APIGatewayProxyResult['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}
