// The low-level Server, not McpServer: tools/list depends on the caller's scopes, and a call to a
// tool the caller may not use must answer with the missing scope, which McpServer cannot express.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import {
  CallToolRequestSchema,
  CancelledNotificationSchema,
  ErrorCode as JsonRpcErrorCode,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/mini';
import { charge } from '../handlers/charging';
import { toApiError } from '../handlers/error-answers';
import { runMetered } from '../handlers/metering';
import { memoryOperations } from '../handlers/memories';
import type { Operation } from '../handlers/pipeline';
import type { AuthenticatedRequest, Reply, Request } from '../handlers/request';
import { assertOwnTenant } from '../handlers/tenant-guard';
import { usageOperations } from '../handlers/usage';
import { logger } from '../platform/logger';
import type { Dependencies } from '../wiring/dependencies';
import { ApiError } from '../http/errors';
import { inputSchemaOf, mirroredInput, routeOf, scopeOf, toolNamed, TOOLS, type MirroredInput, type MirroredOperation } from './tools';

const SERVER_INFO = { name: 'agent-memory', title: 'Agent Memory API', version: '1.0.0' } as const;

const INSTRUCTIONS =
  'Long-term memory for this agent. Store facts, preferences and events with store_memory; find them again with search_memories (the most relevant to a query) or list_memories (newest first, with filters). Every tool acts in the sandbox of the credential, and each call but get_usage spends one credit. A tool that fails answers with an error code; RATE_LIMIT_EXCEEDED and QUOTA_EXCEEDED say how many seconds to wait.';

const OPERATIONS: Readonly<Record<MirroredOperation, Operation>> = { ...memoryOperations, ...usageOperations };

/** The rate-limit headers of the last charge, which the HTTP answer carries as every authenticated answer does. */
interface Metering {
  headers: Record<string, string>;
}

/**
 * `POST /v1/mcp`: MCP's Streamable HTTP transport in its stateless form. Each request gets a fresh
 * server and transport (no session outlives the request), answers in JSON (no SSE stream), and
 * charges what it carries: each tool call as the route the tool mirrors (scope, credit, per-minute
 * limit and route cap), and a request with no tool call (initialize, tools/list, ping,
 * notifications) against the credential's management budget, with no credit spent.
 */
export async function mcpMessages(request: AuthenticatedRequest, deps: Dependencies): Promise<Reply> {
  const metering: Metering = { headers: {} };
  if (!carriesToolCall(request.rawBody)) {
    metering.headers = (await charge(deps, { ...request, route: { ...request.route, management: true } }, request.principal)).headers;
  }
  const server = mcpServer(request, deps, metering);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(webRequest(request));
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: metering.headers };
  } finally {
    await server.close();
  }
}

/** `GET /v1/mcp`: a stateless server has no stream for a client to listen to. */
export async function mcpStream(): Promise<Reply> {
  throw new ApiError('METHOD_NOT_ALLOWED', 'This MCP server is stateless: send JSON-RPC messages with POST', undefined, { Allow: 'POST' });
}

/** Whether the body holds a call to a known tool, which the call itself pays for. */
function carriesToolCall(rawBody: string | null): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody ?? '');
  } catch {
    return false;
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).some((message: unknown) => {
    if (typeof message !== 'object' || message === null) return false;
    const { method, params } = message as { method?: unknown; params?: { name?: unknown } };
    return method === 'tools/call' && typeof params?.name === 'string' && toolNamed(params.name) !== undefined;
  });
}

/** The HTTP request as the SDK's web-standard transport reads it: only the headers the transport looks at. */
function webRequest(request: Request): globalThis.Request {
  const headers = new Headers();
  for (const name of ['accept', 'content-type', 'mcp-protocol-version']) {
    const value = request.headers[name];
    if (value !== undefined) headers.set(name, value);
  }
  return new globalThis.Request(`https://mcp.invalid${request.route.path}`, { method: 'POST', headers, body: request.rawBody ?? '' });
}

function mcpServer(request: AuthenticatedRequest, deps: Dependencies, metering: Metering) {
  const server = new Server(SERVER_INFO, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS });
  // A cancellation can only name a request of the same POST here; the SDK would then never answer
  // that request, and the JSON answer, which waits for every request, would never come. Ignored,
  // as the protocol allows: the request is answered.
  server.setNotificationHandler(CancelledNotificationSchema, () => undefined);
  const held = request.principal.scopes;
  server.setRequestHandler(anyParams('tools/list'), () => ({
    tools: TOOLS.filter((tool) => {
      const scope = scopeOf(tool);
      return scope === undefined || held.includes(scope);
    }).map(toolDescriptor),
  }));
  server.setRequestHandler(anyParams('tools/call'), async (message) => {
    // The Server has checked the params (InvalidParams otherwise): this only types them.
    const { params } = CallToolRequestSchema.parse(message);
    const tool = toolNamed(params.name);
    if (!tool) throw new McpError(JsonRpcErrorCode.InvalidParams, `Unknown tool: ${params.name.slice(0, 100)}`);
    try {
      return await callTool(tool, params.arguments ?? {}, request, deps, metering);
    } catch (error) {
      return toolFailure(tool.name, error);
    }
  });
  return server;
}

/**
 * A handler's own schema with no params: the SDK parses the request with the handler's schema
 * before anything else and answers a mismatch as an internal error (-32603); with this, the
 * Server's own check of tools/call answers bad params as invalid params (-32602), and tools/list
 * ignores them.
 */
function anyParams<M extends string>(method: M) {
  return z.looseObject({ method: z.literal(method) });
}

function toolDescriptor(tool: (typeof TOOLS)[number]): Tool {
  const scope = scopeOf(tool);
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputSchemaOf(tool),
    annotations: { title: tool.title, ...tool.annotations, openWorldHint: false },
    _meta: { 'agent-memory/scope': scope ?? null, 'agent-memory/route': `${routeOf(tool).method} ${routeOf(tool).path}` },
  };
}

/** Runs a tool as its route: the scope first (a refusal spends nothing, as at the gateway), then the charge, then the route's operation. */
async function callTool(
  tool: (typeof TOOLS)[number],
  args: Record<string, unknown>,
  request: AuthenticatedRequest,
  deps: Dependencies,
  metering: Metering,
): Promise<CallToolResult> {
  const route = routeOf(tool);
  const scope = scopeOf(tool);
  if (scope && !request.principal.scopes.includes(scope)) {
    throw new ApiError('INSUFFICIENT_SCOPE', `The tool ${tool.name} needs scope ${scope}`);
  }
  const mirrored: Request = {
    ...request,
    route,
    headers: { 'content-type': 'application/json' },
    pathParameters: {},
    query: {},
    rawBody: null,
  };
  let input: MirroredInput | undefined;
  let metered;
  try {
    // Metered exactly as the REST route: a read beside its charge, a write in one transaction with it.
    metered = await runMetered(deps, mirrored, request.principal, async (authenticated) => {
      input = mirroredInput(tool, args);
      // The REST pipeline checks a tenant id in the query with the charge; a body's is checked by the route.
      assertOwnTenant(request.principal, input.query);
      return OPERATIONS[tool.operation]({ ...authenticated, ...input }, deps);
    });
  } catch (error) {
    const refusal = toApiError(error);
    if (refusal) metering.headers = rateHeadersOf(refusal.headers);
    throw error;
  }
  metering.headers = metered.headers;
  if (metered.reply.status === 'rejected') throw metered.reply.reason;
  const reply = metered.reply.value;
  logger.info('mcp tool call', { tool: tool.name, status: reply.status });
  const body = (reply.body ?? { deleted: true, id: input?.pathParameters.id }) as Record<string, unknown>;
  return { content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: body };
}

/** The rate-limit headers of a refusal, without its `Retry-After`, which the tool error carries instead. */
function rateHeadersOf(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => (name.startsWith('X-RateLimit-') && name !== 'X-RateLimit-Retry-After') || name.startsWith('X-Credits-'),
    ),
  );
}

/**
 * A refusal the REST route would answer with an error becomes a tool error with the same code and
 * message (and, for limits, the seconds to wait), so the agent can act on it. Anything unexpected
 * is logged and answered as a JSON-RPC internal error that says nothing of its cause.
 */
function toolFailure(toolName: string, error: unknown): CallToolResult {
  const refusal = toApiError(error);
  if (!refusal) {
    logger.error('mcp tool failed', error instanceof Error ? error : String(error));
    throw new McpError(JsonRpcErrorCode.InternalError, 'Something went wrong on our side');
  }
  logger.info('mcp tool refused', { tool: toolName, code: refusal.code });
  const retryAfter = refusal.headers['Retry-After'];
  const detail = {
    code: refusal.code,
    message: refusal.message,
    ...(refusal.details ? { details: refusal.details } : {}),
    ...(retryAfter ? { retry_after_seconds: Number(retryAfter) } : {}),
  };
  const words = [`${refusal.code}: ${refusal.message}`];
  if (refusal.details) words.push(...refusal.details.map((item) => `${item.field}: ${item.issue}`));
  if (retryAfter) words.push(`Retry after ${retryAfter} seconds.`);
  return { isError: true, content: [{ type: 'text', text: words.join('\n') }], structuredContent: { error: detail } };
}
