import { describe, expect, it } from '@jest/globals';
import { corsResponseHeaders, gatewayCorsHeaders, originOf, preflightHeaders, preflightResources } from '../../lambda/shared/cors';
import { ROUTES } from '../../lambda/shared/routes';

const APP = 'https://app.example.com';
const cors = (...allowedOrigins: string[]) => ({ allowedOrigins, maxAgeSeconds: 600 });

describe('corsResponseHeaders', () => {
  it('adds nothing when no origin is configured', () => {
    // Act & Assess
    expect(corsResponseHeaders(cors(), APP)).toEqual({});
  });

  it('names an allowed origin back exactly, with the readable headers and Vary', () => {
    // Act
    const headers = corsResponseHeaders(cors(APP), APP);

    // Assess
    expect(headers).toMatchObject({ 'Access-Control-Allow-Origin': APP, Vary: 'Origin' });
    expect(headers['Access-Control-Expose-Headers']?.split(', ')).toEqual(
      expect.arrayContaining(['X-Request-Id', 'X-RateLimit-Remaining', 'X-Credits-Remaining', 'Retry-After', 'Idempotent-Replayed']),
    );
  });

  it.each([undefined, 'https://evil.example.net', 'https://app.example.com/', 'HTTPS://APP.EXAMPLE.COM'])(
    'grants nothing to the origin %j, only Vary',
    (origin) => {
      // Act & Assess
      expect(corsResponseHeaders(cors(APP), origin)).toEqual({ Vary: 'Origin' });
    },
  );
});

describe('preflightHeaders', () => {
  it('lets an allowed origin send the credentials, JSON, the sandbox and idempotency headers with the given methods', () => {
    // Act
    const headers = preflightHeaders(cors(APP), APP, ['GET', 'DELETE']);

    // Assess
    expect(headers).toEqual({
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Methods': 'GET, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-API-Key, X-Environment, Idempotency-Key',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  });

  it('grants nothing to another origin', () => {
    // Act & Assess
    expect(preflightHeaders(cors(APP), 'https://evil.example.net', ['GET'])).toEqual({ Vary: 'Origin' });
  });
});

describe('preflightResources', () => {
  it('lists every path of the route table once, with all its methods', () => {
    // Act
    const resources = preflightResources();

    // Assess
    expect([...resources.keys()].sort()).toEqual([...new Set(ROUTES.map((route) => route.path))].sort());
    expect(resources.get('/v1/memories/{id}')).toEqual(['GET', 'PATCH', 'DELETE']);
  });
});

describe('gatewayCorsHeaders', () => {
  it('names the one configured origin as a literal', () => {
    // Act & Assess
    expect(gatewayCorsHeaders(cors(APP))['Access-Control-Allow-Origin']).toEqual({ literal: APP });
  });

  it('echoes the request Origin header when several are configured', () => {
    // Act & Assess
    expect(gatewayCorsHeaders(cors(APP, 'http://localhost:5173'))['Access-Control-Allow-Origin']).toEqual({ requestHeader: 'Origin' });
  });

  it('adds nothing without configured origins', () => {
    // Act & Assess
    expect(gatewayCorsHeaders(cors())).toEqual({});
  });
});

describe('originOf', () => {
  it('finds the Origin header whatever the case of its name', () => {
    // Act & Assess
    expect(originOf({ Origin: APP })).toBe(APP);
    expect(originOf({ origin: APP })).toBe(APP);
    expect(originOf(null)).toBeUndefined();
  });
});
