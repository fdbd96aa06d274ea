import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildConsoleFiles } from '../console/build';
import { CONSOLE_SECURITY_HEADERS } from '../lambda/shared/console-headers';

/** Where `npm start` serves the web console, on the API's own origin. */
export const CONSOLE_PATH = '/console/';

const CONTENT_TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
};

let built: Map<string, Uint8Array> | undefined;

/**
 * Locally `/` is a browser's first guess, so a page load there leads to the console; an API client
 * (no `text/html` in Accept) still gets the API's own 404 there, as from API Gateway.
 */
function isBrowserAtRoot(req: IncomingMessage, pathname: string): boolean {
  return pathname === '/' && (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the console, bundled in memory on first use (about half a second), with the same security
 * headers CloudFront adds when deployed. Returns false for paths outside it.
 */
export function serveConsole(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (pathname === '/console' || isBrowserAtRoot(req, pathname)) {
    res.writeHead(301, { Location: CONSOLE_PATH, ...CONSOLE_SECURITY_HEADERS }).end();
    return true;
  }
  if (!pathname.startsWith(CONSOLE_PATH)) return false;
  built ??= buildConsoleFiles();
  const name = pathname.slice(CONSOLE_PATH.length) || 'index.html';
  const file = built.get(name);
  const method = req.method ?? 'GET';
  if (!file || (method !== 'GET' && method !== 'HEAD')) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...CONSOLE_SECURITY_HEADERS }).end('Not found\n');
    return true;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[name] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    ...CONSOLE_SECURITY_HEADERS,
  });
  res.end(method === 'HEAD' ? undefined : file);
  return true;
}
