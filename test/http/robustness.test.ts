import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, startTestApi, type ApiCall, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

/** Values of the wrong type (or shape) for any field: a client may send each of them anywhere. */
const ODD_VALUES: unknown[] = [null, true, 1.5, '1', [1], { a: { b: 1 } }];
const CONCURRENCY = 8;

type Probe = readonly [method: string, path: string, options?: { body?: unknown; raw?: string; headers?: Record<string, string> }];

/** Sends every probe, a few at a time, and returns the ones answered with a 5xx, labelled for a readable failure. */
async function serverErrors(call: ApiCall, probes: readonly Probe[]): Promise<string[]> {
  const failures: string[] = [];
  for (let start = 0; start < probes.length; start += CONCURRENCY) {
    await Promise.all(
      probes.slice(start, start + CONCURRENCY).map(async ([method, path, options]) => {
        const response = await call(method, path, options);
        if (response.status >= 500)
          failures.push(
            `${response.status} ${method} ${path.slice(0, 80)} ${JSON.stringify(options?.body ?? options?.raw ?? '').slice(0, 120)}`,
          );
      }),
    );
  }
  return failures;
}

/** Every field of `base` replaced, one at a time, by every odd value. */
function oddBodies(base: Record<string, unknown>, fields: readonly string[]): unknown[] {
  return fields.flatMap((field) => ODD_VALUES.map((value) => ({ ...base, [field]: value })));
}

/** A raw request, for header values fetch refuses to send. */
function rawStatus(url: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('odd client input: never a 5xx, never silently lost', () => {
  let api: TestApi;
  let auth: Record<string, string>;
  let memoryId: string;
  let keyId: string;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({ managementRequestsPerMinute: 10_000 }, { activeKeys: 1_000 }));
    const owner = await registerTenant(api.call);
    auth = bearer(owner.token);
    memoryId = (await api.call('POST', '/v1/memories', { headers: auth, body: { content: 'anchor' } })).json.id;
    keyId = (await createKey(api.call, owner.token, { name: 'anchor' })).id;
  });
  afterAll(async () => api.stop());

  it('answers every wrong JSON type in every body field with a 4xx', async () => {
    const bodyRoutes: [string, string, Record<string, unknown>, string[]][] = [
      [
        'POST',
        '/v1/auth/register',
        { email: 'odd@example.com', password: 'long enough password', full_name: 'Odd' },
        ['email', 'password', 'full_name'],
      ],
      ['POST', '/v1/auth/login', { email: 'odd@example.com', password: 'long enough password' }, ['email', 'password']],
      ['POST', '/v1/api-keys', { name: 'odd' }, ['name', 'environment', 'scopes', 'expires_in_days', 'tenant_id']],
      ['POST', `/v1/api-keys/${keyId}/rotate`, {}, ['grace_period_seconds', 'tenant_id']],
      ['POST', '/v1/memories', { content: 'odd' }, ['content', 'type', 'metadata', 'tenantId']],
      ['PATCH', `/v1/memories/${memoryId}`, { content: 'odd' }, ['content', 'type', 'metadata']],
      ['POST', '/v1/memories/search', { query: 'odd' }, ['query', 'limit', 'metadata']],
    ];
    const probes = bodyRoutes.flatMap(([method, path, base, fields]) =>
      oddBodies(base, fields).map((body): Probe => [method, path, { headers: auth, body }]),
    );
    expect(await serverErrors(api.call, probes)).toEqual([]);
  });

  it('answers odd whole bodies with a 4xx on every route that reads one', async () => {
    const raws = ['', 'null', '[]', '"text"', '{', '\u0000', '['.repeat(10_000), '{"content":"x","content":"y","type":"nope"}'];
    const routes: [string, string][] = [
      ['POST', '/v1/auth/register'],
      ['POST', '/v1/auth/login'],
      ['POST', '/v1/api-keys'],
      ['POST', `/v1/api-keys/${keyId}/rotate`],
      ['POST', '/v1/memories'],
      ['PATCH', `/v1/memories/${memoryId}`],
      ['POST', '/v1/memories/search'],
    ];
    const probes = routes.flatMap(([method, path]) => raws.map((raw): Probe => [method, path, { headers: auth, raw }]));
    expect(await serverErrors(api.call, probes)).toEqual([]);
  });

  it('answers odd query strings with a 4xx or a 200', async () => {
    const queries = [
      'limit=%205',
      'limit=1e1',
      'limit=0x10',
      'limit=',
      'limit=-1',
      'limit=1&limit=2',
      'cursor=',
      `cursor=${'a'.repeat(600)}`,
      'type=',
      'type=bogus',
      'metadata.=x',
      'metadata.k=',
      `metadata.${'k'.repeat(65)}=1`,
      'metadata.k=true',
      'metadata.k=1.5',
      '%ZZ=1',
      'tenant_id=',
      'tenantId[]=x',
    ];
    const probes = queries.flatMap((query): Probe[] => [
      ['GET', `/v1/memories?${query}`, { headers: auth }],
      ['GET', `/v1/api-keys?${query}`, { headers: auth }],
    ]);
    probes.push(
      ...['days=', 'days=%207', 'days=1e1', 'days=-0', 'days=NaN', 'days=Infinity'].map((query): Probe => [
        'GET',
        `/v1/api-keys/${keyId}/usage?${query}`,
        { headers: auth },
      ]),
    );
    expect(await serverErrors(api.call, probes)).toEqual([]);
  });

  it('answers unicode in bodies, paths and queries without a 5xx', async () => {
    const probes: Probe[] = [
      [
        'POST',
        '/v1/memories',
        { headers: auth, body: { content: '😀 ünïcødé 日本語 \u0000 \u202e', metadata: { ключ: 'значение', '🔑': '🗝️' } } },
      ],
      ['POST', '/v1/memories', { headers: auth, body: { content: '\ud800 lone surrogate' } }],
      ['POST', '/v1/api-keys', { headers: auth, body: { name: '🔑 clé', scopes: ['lëcture'] } }],
      ['POST', '/v1/memories/search', { headers: auth, body: { query: '日本語 😀' } }],
      ['GET', `/v1/memories/${encodeURIComponent('mem_😀')}`, { headers: auth }],
      ['GET', `/v1/api-keys/${encodeURIComponent('key_日本')}`, { headers: auth }],
      [
        'GET',
        `/v1/memories?type=${encodeURIComponent('😀')}&metadata.${encodeURIComponent('ключ')}=${encodeURIComponent('значение')}`,
        { headers: auth },
      ],
      ['POST', '/v1/auth/register', { body: { email: 'ünï@exämple.com', password: 'pässwörd-lång', full_name: '名前' } }],
      ['POST', '/v1/auth/login', { body: { email: 'ünï@exämple.com', password: 'pässwörd-lång' } }],
    ];
    expect(await serverErrors(api.call, probes)).toEqual([]);
  });

  it('answers long and odd header values without a 5xx', async () => {
    const probes: Probe[] = [
      ['GET', '/v1/memories', { headers: { ...auth, 'x-environment': 'live'.repeat(2_000) } }],
      ['GET', '/v1/memories', { headers: { authorization: `Bearer ${'a'.repeat(8_000)}` } }],
      ['GET', '/v1/memories', { headers: { authorization: `Bearer ${'a.'.repeat(3_000)}a` } }],
      ['GET', '/v1/memories', { headers: { 'x-api-key': `mem_live_${'A'.repeat(8_000)}` } }],
      ['GET', '/v1/memories', { headers: { authorization: 'Bearer a b c' } }],
      ['GET', '/v1/memories', { headers: { authorization: 'bearer\tabc' } }],
      ['POST', '/v1/memories', { headers: { ...auth, 'idempotency-key': 'k'.repeat(8_000) }, body: { content: 'x' } }],
      ['POST', '/v1/memories', { headers: { ...auth, 'content-type': 'text/plain' }, raw: 'content=x' }],
    ];
    expect(await serverErrors(api.call, probes)).toEqual([]);
    const latin1 = await rawStatus(api.url, '/v1/memories', { ...auth, 'x-environment': 'tést' });
    const huge = await rawStatus(api.url, '/v1/memories', { ...auth, 'x-padding': 'p'.repeat(20_000) });
    expect(latin1).toBe(403);
    expect(huge).toBeLessThan(500);
  });

  it('answers 400 to metadata numbers DynamoDB cannot store: 1e200, 1e-200, 2^53 + 2, -1e200', async () => {
    for (const n of [1e200, 1e-200, 2 ** 53 + 2, -1e200]) {
      expectError(
        await api.call('POST', '/v1/memories', { headers: auth, body: { content: 'x', metadata: { n } } }),
        400,
        'VALIDATION_ERROR',
      );
    }
  });

  it('answers 400 or 200 to a metadata filter number DynamoDB cannot compare, in a list query and in a search body', async () => {
    const list = await api.call('GET', '/v1/memories?metadata.n=1e200', { headers: auth });
    const search = await api.call('POST', '/v1/memories/search', { headers: auth, body: { query: 'anchor', metadata: { n: 1e200 } } });
    expect(list.status).toBeLessThan(500);
    expect(search.status).toBeLessThan(500);
  });

  it('answers 400 to more metadata filters than one query can hold', async () => {
    const filters = Array.from({ length: 300 }, (_, index) => `metadata.k${index}=v`).join('&');
    expectError(await api.call('GET', `/v1/memories?${filters}`, { headers: auth }), 400, 'VALIDATION_ERROR');
  });

  it('stores a metadata key named __proto__ or refuses it, but never drops it silently', async () => {
    const response = await api.call('POST', '/v1/memories', { headers: auth, raw: '{"content":"x","metadata":{"__proto__":"kept"}}' });
    if (response.status === 201) expect(Object.keys(response.json.metadata)).toEqual(['__proto__']);
    else expectError(response, 400, 'VALIDATION_ERROR');
  });

  it('stores and filters by metadata keys that shadow Object.prototype names', async () => {
    const metadata = { constructor: 'c', toString: 's', hasOwnProperty: 'h', valueOf: 1 };
    const created = await api.call('POST', '/v1/memories', { headers: auth, body: { content: 'prototype names', metadata } });
    expect(created.status).toBe(201);
    expect(created.json.metadata).toEqual(metadata);
    const patched = await api.call('PATCH', `/v1/memories/${created.json.id}`, { headers: auth, body: { metadata: { constructor: 'd' } } });
    expect(patched.json.metadata).toEqual({ constructor: 'd' });
    const listed = await api.call('GET', '/v1/memories?metadata.constructor=d', { headers: auth });
    expect(listed.json.data.map((memory: { id: string }) => memory.id)).toEqual([created.json.id]);
  });

  it('answers 400 to an unknown query parameter named __proto__, like any other unknown parameter', async () => {
    for (const path of ['/v1/memories?__proto__=x', '/v1/api-keys?__proto__=x']) {
      const response = await api.call('GET', path, { headers: auth });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(response.json.error.details).toEqual([{ field: '__proto__', issue: 'unknown field' }]);
    }
  });

  it('answers 404 to a path whose percent-escape is malformed', async () => {
    expectError(await api.call('GET', '/v1/memories/%E0%A4%A', { headers: auth }), 404, 'NOT_FOUND');
    expectError(await api.call('GET', '/v1/api-keys/%ZZ', { headers: auth }), 404, 'NOT_FOUND');
  });
});
