import type { AppConfig } from './config';
import { ROUTES, type HttpMethod } from './routes';

export type CorsConfig = AppConfig['cors'];

/** Request headers a browser app may send: the credentials, JSON bodies, the sandbox and idempotency. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'X-API-Key', 'X-Environment', 'Idempotency-Key'] as const;

/** Response headers a browser app may read beyond the CORS-safelisted ones (API.md names them all). */
export const CORS_EXPOSED_HEADERS = [
  'X-Request-Id',
  'x-amzn-RequestId',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-RateLimit-Retry-After',
  'Retry-After',
  'X-Credits-Limit',
  'X-Credits-Remaining',
  'Idempotent-Replayed',
] as const;

export function corsEnabled(cors: CorsConfig): boolean {
  return cors.allowedOrigins.length > 0;
}

/** The `Origin` request header, whatever case the client (HTTP/1.1 or HTTP/2) gave its name. */
export function originOf(headers: Record<string, string | undefined> | null | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) if (name.toLowerCase() === 'origin') return value;
  return undefined;
}

function isAllowed(cors: CorsConfig, origin: string | undefined): origin is string {
  return origin !== undefined && cors.allowedOrigins.includes(origin);
}

/**
 * Headers for a response a handler gives: an allowed origin is named back, exactly; any other
 * origin gets none. `Vary: Origin` keeps caches from serving one origin's answer to another.
 */
export function corsResponseHeaders(cors: CorsConfig, origin: string | undefined): Record<string, string> {
  if (!corsEnabled(cors)) return {};
  if (!isAllowed(cors, origin)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS.join(', '), Vary: 'Origin' };
}

/** The answer to a preflight `OPTIONS` (204, no credentials needed): what the browser may send to this resource. */
export function preflightHeaders(cors: CorsConfig, origin: string | undefined, methods: readonly string[]): Record<string, string> {
  if (!isAllowed(cors, origin)) return corsEnabled(cors) ? { Vary: 'Origin' } : {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
    'Access-Control-Max-Age': String(cors.maxAgeSeconds),
    Vary: 'Origin',
  };
}

/** Every resource path of the route table with the methods it answers, for the preflight methods. */
export function preflightResources(): Map<string, HttpMethod[]> {
  const resources = new Map<string, HttpMethod[]>();
  for (const route of ROUTES) resources.set(route.path, [...(resources.get(route.path) ?? []), route.method]);
  return resources;
}

/** A gateway response header is a fixed value or a request header, nothing conditional (API Gateway maps no more). */
export type GatewayHeaderValue = { readonly literal: string } | { readonly requestHeader: string };

/**
 * CORS headers on API Gateway's own responses (401, 403, 404, 429, 5xx), so a browser can read the
 * error. With one allowed origin the header names it (another origin sees a value that is not its
 * own, which the browser refuses); with several, API Gateway can only echo the request's Origin,
 * unconditionally. docs/operating.md ("CORS") explains why that is harmless: the bodies hold no data,
 * and a credentialed request from another origin never gets past its preflight.
 */
export function gatewayCorsHeaders(cors: CorsConfig): Record<string, GatewayHeaderValue> {
  const [only, ...others] = cors.allowedOrigins;
  if (only === undefined) return {};
  return {
    'Access-Control-Allow-Origin': others.length === 0 ? { literal: only } : { requestHeader: 'Origin' },
    'Access-Control-Expose-Headers': { literal: CORS_EXPOSED_HEADERS.join(', ') },
    Vary: { literal: 'Origin' },
  };
}
