import type { Scope } from '../domain/scopes';

/**
 * The one route table. The CDK API, the authorizer's scope check, the handlers' dispatch and
 * the local gateway are all built from it: adding a route is one line here.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** The API's Lambda functions, one per group of routes: the stack, the configuration and the local gateway take their names from here. */
export const HANDLER_NAMES = ['health', 'docs', 'auth', 'apiKeys', 'memories', 'usage', 'audit', 'mcp'] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];
/** `public`: no credential; `authenticated`: any valid credential; otherwise the scope needed. */
export type RouteAccess = 'public' | 'authenticated' | Scope;

export interface RouteDef {
  readonly method: HttpMethod;
  /** API Gateway resource path, `{name}` for path parameters. */
  readonly path: string;
  readonly handler: HandlerName;
  /** The handler's function for this route; `Operations<H>` makes the two match at compile time. */
  readonly operation: string;
  readonly access: RouteAccess;
  /** Requests per minute per tenant on this route, on top of the tier's limit. */
  readonly perMinuteCap?: number;
  /** Whether the route reads query parameters; other routes refuse any but a tenant id (400). */
  readonly query?: true;
  /**
   * Key management and usage: the owner must always reach them, even after a leaked key used up the
   * tenant's credits or minute. They spend no credits and count against a small per-minute budget
   * of the calling credential instead (configuration `managementRequestsPerMinute`).
   */
  readonly management?: true;
  /**
   * The operation charges the work a request carries itself, each part as the route it stands for
   * (MCP: each tool call as the memory route it mirrors), instead of one charge before it runs.
   */
  readonly chargedPerCall?: true;
}

export const ROUTES = [
  { method: 'GET', path: '/health', handler: 'health', operation: 'health', access: 'public' },
  { method: 'GET', path: '/v1/openapi.json', handler: 'docs', operation: 'openApiDocument', access: 'public' },
  { method: 'POST', path: '/v1/auth/register', handler: 'auth', operation: 'register', access: 'public' },
  { method: 'POST', path: '/v1/auth/login', handler: 'auth', operation: 'login', access: 'public' },
  { method: 'POST', path: '/v1/api-keys', handler: 'apiKeys', operation: 'createKey', access: 'keys:manage', management: true },
  { method: 'GET', path: '/v1/api-keys', handler: 'apiKeys', operation: 'listKeys', access: 'keys:manage', query: true, management: true },
  { method: 'GET', path: '/v1/api-keys/{id}', handler: 'apiKeys', operation: 'getKey', access: 'keys:manage', management: true },
  { method: 'DELETE', path: '/v1/api-keys/{id}', handler: 'apiKeys', operation: 'revokeKey', access: 'keys:manage', management: true },
  { method: 'POST', path: '/v1/api-keys/{id}/rotate', handler: 'apiKeys', operation: 'rotateKey', access: 'keys:manage', management: true },
  {
    method: 'GET',
    path: '/v1/api-keys/{id}/usage',
    handler: 'apiKeys',
    operation: 'keyUsage',
    access: 'keys:manage',
    query: true,
    management: true,
  },
  { method: 'GET', path: '/v1/usage', handler: 'usage', operation: 'tenantUsage', access: 'authenticated', management: true },
  {
    method: 'GET',
    path: '/v1/usage/daily',
    handler: 'usage',
    operation: 'usageReport',
    access: 'keys:manage',
    query: true,
    management: true,
  },
  {
    method: 'GET',
    path: '/v1/audit-events',
    handler: 'audit',
    operation: 'listAuditEvents',
    access: 'keys:manage',
    query: true,
    management: true,
  },
  { method: 'POST', path: '/v1/memories', handler: 'memories', operation: 'createMemory', access: 'memories:write' },
  { method: 'GET', path: '/v1/memories', handler: 'memories', operation: 'listMemories', access: 'memories:read', query: true },
  {
    method: 'POST',
    path: '/v1/memories/search',
    handler: 'memories',
    operation: 'searchMemories',
    access: 'memories:read',
    perMinuteCap: 30,
  },
  { method: 'GET', path: '/v1/memories/{id}', handler: 'memories', operation: 'getMemory', access: 'memories:read' },
  { method: 'PATCH', path: '/v1/memories/{id}', handler: 'memories', operation: 'updateMemory', access: 'memories:write' },
  { method: 'DELETE', path: '/v1/memories/{id}', handler: 'memories', operation: 'deleteMemory', access: 'memories:delete' },
  // Each tool call is scoped and charged as the route it mirrors (lambda/mcp/tools.ts).
  { method: 'POST', path: '/v1/mcp', handler: 'mcp', operation: 'mcpMessages', access: 'authenticated', chargedPerCall: true },
  // A stateless server offers no stream to listen to: Streamable HTTP lets it answer GET with 405.
  { method: 'GET', path: '/v1/mcp', handler: 'mcp', operation: 'mcpStream', access: 'public' },
] as const satisfies readonly RouteDef[];

/** One route of the table: its literal handler, operation and access, and the optional fields of every route. */
export type Route = (typeof ROUTES)[number] & RouteDef;
/** The routes one handler serves. */
export type RoutesOf<H extends HandlerName> = Extract<Route, { handler: H }>;

/** The route an API Gateway event was routed to, by its resource template and method. */
export function routeFor(method: string, resource: string): Route | undefined {
  return ROUTES.find((route) => route.method === method && route.path === resource);
}

export interface RouteMatch {
  readonly route: Route;
  readonly pathParameters: Record<string, string>;
}

/** Matches a concrete request path against the table, as API Gateway does (literal segments win). */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/').filter(Boolean);
  let best: { match: RouteMatch; literals: number } | undefined;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const fit = fitTemplate(route.path, segments);
    if (fit && (!best || fit.literals > best.literals))
      best = { match: { route, pathParameters: fit.pathParameters }, literals: fit.literals };
  }
  return best?.match;
}

/** The resource (path template) a concrete path reaches, whatever the method, as API Gateway picks it (literal segments win). */
export function matchResource(path: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  let best: { path: string; literals: number } | undefined;
  for (const route of ROUTES) {
    const fit = fitTemplate(route.path, segments);
    if (fit && (!best || fit.literals > best.literals)) best = { path: route.path, literals: fit.literals };
  }
  return best?.path;
}

function fitTemplate(
  templatePath: string,
  segments: readonly string[],
): { pathParameters: Record<string, string>; literals: number } | undefined {
  const templateSegments = templatePath.split('/').filter(Boolean);
  if (templateSegments.length !== segments.length) return undefined;
  const pathParameters: Record<string, string> = {};
  let literals = 0;
  const fits = templateSegments.every((template, index) => {
    const actual = segments[index] as string;
    const param = /^\{(\w+)\}$/.exec(template);
    if (param) {
      const decoded = safeDecode(actual);
      if (decoded === undefined) return false;
      pathParameters[param[1] as string] = decoded;
      return true;
    }
    literals += 1;
    return template === actual;
  });
  return fits ? { pathParameters, literals } : undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
