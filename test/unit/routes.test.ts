import { describe, expect, it } from '@jest/globals';
import { ROUTES, matchRoute, routeFor } from '../../lambda/shared/routes';
import { SCOPES } from '../../lambda/domain/scopes';

describe('matchRoute', () => {
  it('prefers the literal segment: POST /v1/memories/search is search', () => {
    // Act
    const match = matchRoute('POST', '/v1/memories/search');

    // Assess
    expect(match?.route.operation).toBe('searchMemories');
    expect(match?.pathParameters).toEqual({});
  });

  it('takes "search" as an id on a method search does not have', () => {
    // Act
    const match = matchRoute('GET', '/v1/memories/search');

    // Assess
    expect(match?.route.operation).toBe('getMemory');
    expect(match?.pathParameters).toEqual({ id: 'search' });
  });

  it.each([
    ['GET', '/v1/api-keys/key_123', 'getKey', { id: 'key_123' }],
    ['DELETE', '/v1/api-keys/key_123', 'revokeKey', { id: 'key_123' }],
    ['POST', '/v1/api-keys/key_123/rotate', 'rotateKey', { id: 'key_123' }],
    ['GET', '/v1/api-keys/key_123/usage', 'keyUsage', { id: 'key_123' }],
    ['PATCH', '/v1/memories/mem_9', 'updateMemory', { id: 'mem_9' }],
    ['GET', '/v1/memories', 'listMemories', {}],
    ['GET', '/health', 'health', {}],
  ])('matches %s %s to %s with its parameters', (method, path, operation, params) => {
    // Act
    const match = matchRoute(method, path);

    // Assess
    expect(match?.route.operation).toBe(operation);
    expect(match?.pathParameters).toEqual(params);
  });

  it('decodes percent-encoded path parameters', () => {
    // Act
    const match = matchRoute('GET', '/v1/memories/a%20b%2Fc');

    // Assess
    expect(match?.pathParameters).toEqual({ id: 'a b/c' });
  });

  it.each([
    ['GET', '/v1/nothing'],
    ['PUT', '/v1/memories'],
    ['GET', '/v1/memories/a/b'],
    ['POST', '/v1/api-keys/key_1/usage'],
    ['get', '/health'],
    ['GET', '/'],
  ])('returns undefined for %s %s', (method, path) => {
    // Act
    const match = matchRoute(method, path);

    // Assess
    expect(match).toBeUndefined();
  });

  it('does not throw on a malformed percent-encoding in a path parameter', () => {
    // Act
    const attempt = () => matchRoute('GET', '/v1/memories/%E0%A4%A');

    // Assess: a client's bad path must not become a 500 in the local gateway.
    expect(attempt).not.toThrow();
  });
});

describe('route table', () => {
  it('gives every route public, authenticated or a known scope as its access', () => {
    // Prepare
    const allowed = new Set<string>(['public', 'authenticated', ...SCOPES]);

    // Act
    const unknown = ROUTES.filter((route) => !allowed.has(route.access));

    // Assess
    expect(unknown).toEqual([]);
  });

  it('makes only health, the OpenAPI document, register, login and the MCP 405 public', () => {
    // Act
    const publicRoutes = ROUTES.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.path}`);

    // Assess: GET /v1/mcp only ever answers 405, so it needs no credential.
    expect(publicRoutes.sort()).toEqual([
      'GET /health',
      'GET /v1/mcp',
      'GET /v1/openapi.json',
      'POST /v1/auth/login',
      'POST /v1/auth/register',
    ]);
  });

  it('has no duplicate method and path', () => {
    // Prepare
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);

    // Act
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);

    // Assess
    expect(duplicates).toEqual([]);
  });

  it('has no duplicate handler and operation', () => {
    // Prepare
    const keys = ROUTES.map((route) => `${route.handler}.${route.operation}`);

    // Act
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);

    // Assess
    expect(duplicates).toEqual([]);
  });

  it.each([
    ['GET', '/v1/memories', 'memories:read'],
    ['GET', '/v1/memories/{id}', 'memories:read'],
    ['POST', '/v1/memories/search', 'memories:read'],
    ['POST', '/v1/memories', 'memories:write'],
    ['PATCH', '/v1/memories/{id}', 'memories:write'],
    ['DELETE', '/v1/memories/{id}', 'memories:delete'],
    ['POST', '/v1/api-keys', 'keys:manage'],
    ['GET', '/v1/api-keys/{id}/usage', 'keys:manage'],
    ['GET', '/v1/usage', 'authenticated'],
  ])('requires for %s %s the access the contract names (%s)', (method, path, access) => {
    // Act
    const route = routeFor(method, path);

    // Assess
    expect(route?.access).toBe(access);
  });

  it('caps search at 30 requests a minute', () => {
    // Act
    const route = routeFor('POST', '/v1/memories/search');

    // Assess
    expect(route?.perMinuteCap).toBe(30);
  });
});

describe('routeFor', () => {
  it('finds a route by its resource template, not a concrete path', () => {
    // Act
    const byTemplate = routeFor('DELETE', '/v1/api-keys/{id}');
    const byPath = routeFor('DELETE', '/v1/api-keys/key_1');

    // Assess
    expect(byTemplate?.operation).toBe('revokeKey');
    expect(byPath).toBeUndefined();
  });

  it('returns undefined for a known path with another method', () => {
    // Act
    const route = routeFor('PUT', '/v1/memories');

    // Assess
    expect(route).toBeUndefined();
  });
});
