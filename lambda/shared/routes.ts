import type { Scope } from './scopes';

/**
 * The one route table. The CDK API, the authorizer's scope check, the handlers' dispatch and
 * the local gateway are all built from it: adding a route is one line here.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type HandlerName = 'health' | 'docs' | 'auth' | 'apiKeys' | 'memories' | 'usage' | 'audit';
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
}

export const ROUTES = [
  { method: 'GET', path: '/health', handler: 'health', operation: 'health', access: 'public' },
  { method: 'GET', path: '/v1/openapi.json', handler: 'docs', operation: 'openApiDocument', access: 'public' },
  { method: 'POST', path: '/v1/auth/register', handler: 'auth', operation: 'register', access: 'public' },
  { method: 'POST', path: '/v1/auth/login', handler: 'auth', operation: 'login', access: 'public' },
  { method: 'POST', path: '/v1/api-keys', handler: 'apiKeys', operation: 'createKey', access: 'keys:manage' },
  { method: 'GET', path: '/v1/api-keys', handler: 'apiKeys', operation: 'listKeys', access: 'keys:manage', query: true },
  { method: 'GET', path: '/v1/api-keys/{id}', handler: 'apiKeys', operation: 'getKey', access: 'keys:manage' },
  { method: 'DELETE', path: '/v1/api-keys/{id}', handler: 'apiKeys', operation: 'revokeKey', access: 'keys:manage' },
  { method: 'POST', path: '/v1/api-keys/{id}/rotate', handler: 'apiKeys', operation: 'rotateKey', access: 'keys:manage' },
  { method: 'GET', path: '/v1/api-keys/{id}/usage', handler: 'apiKeys', operation: 'keyUsage', access: 'keys:manage', query: true },
  { method: 'GET', path: '/v1/usage', handler: 'usage', operation: 'tenantUsage', access: 'authenticated' },
  { method: 'GET', path: '/v1/audit-events', handler: 'audit', operation: 'listAuditEvents', access: 'keys:manage', query: true },
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
    const templateSegments = route.path.split('/').filter(Boolean);
    if (templateSegments.length !== segments.length) continue;
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
    if (fits && (!best || literals > best.literals)) best = { match: { route, pathParameters }, literals };
  }
  return best?.match;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
