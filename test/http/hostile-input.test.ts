import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, registerTenant, remember, startTestApi, type TestApi } from '../helpers/local-api';
import { detailFields, roomyFreeTier } from './support';

const DAY_MS = 86_400_000;
/** JSON text escaping half a surrogate pair: valid JSON, not Unicode text. */
const LONE_SURROGATE = '"\\ud800"';

describe('bad input gets a clear 4xx naming every problem where it is', () => {
  let api: TestApi;
  let token: string;
  let memoryId: string;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 50 }));
    ({ token } = await registerTenant(api.call));
    memoryId = await remember(api.call, token, 'anchor');
  });
  afterAll(async () => api.stop());

  it('answers 400 naming the field to a lone surrogate in a metadata key or value, on POST, PATCH and an idempotent POST', async () => {
    // Prepare
    const key = `{"content":"x","metadata":{${LONE_SURROGATE}:"v"}}`;
    const value = `{"content":"x","metadata":{"k":${LONE_SURROGATE}}}`;

    // Act
    const answers = await Promise.all([
      api.call('POST', '/v1/memories', { headers: bearer(token), raw: key }),
      api.call('POST', '/v1/memories', { headers: bearer(token), raw: value }),
      api.call('PATCH', `/v1/memories/${memoryId}`, { headers: bearer(token), raw: key }),
      api.call('POST', '/v1/memories', { headers: { ...bearer(token), 'idempotency-key': 'lone-surrogate' }, raw: value }),
      api.call('POST', '/v1/memories/search', { headers: bearer(token), raw: `{"query":${LONE_SURROGATE}}` }),
      api.call('POST', '/v1/api-keys', { headers: bearer(token), raw: `{"name":${LONE_SURROGATE}}` }),
    ]);

    // Assess
    for (const answer of answers) expectError(answer, 400, 'VALIDATION_ERROR');
    expect(answers.map(detailFields)).toEqual([['metadata'], ['metadata.k'], ['metadata'], ['metadata.k'], ['query'], ['name']]);
    expect(answers[0]?.json.error.details[0].issue).toContain('not well-formed Unicode');
  });

  it('answers 400 to a lone surrogate in the fields of register and login', async () => {
    // Act
    const register = await api.call('POST', '/v1/auth/register', {
      raw: `{"email":"lone@example.com","password":"long enough password","full_name":${LONE_SURROGATE}}`,
    });
    const login = await api.call('POST', '/v1/auth/login', { raw: `{"email":"lone@example.com","password":${LONE_SURROGATE}}` });

    // Assess
    expectError(register, 400, 'VALIDATION_ERROR');
    expect(detailFields(register)).toEqual(['full_name']);
    expectError(login, 400, 'VALIDATION_ERROR');
  });

  it('answers 400 to JSON nested as deep as a 64 KiB body allows, on public and authenticated routes', async () => {
    // Prepare: 30,000 levels, under the body limit; a recursive walk of it would overflow the call stack.
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;

    // Act
    const answers = await Promise.all([
      api.call('POST', '/v1/auth/login', { raw: `{"email":"deep@example.com","password":"x","extra":${deep}}` }),
      api.call('POST', '/v1/auth/register', { raw: `{"email":"deep@example.com","password":"long enough password","full_name":${deep}}` }),
      api.call('POST', '/v1/memories', {
        headers: { ...bearer(token), 'idempotency-key': 'deep' },
        raw: `{"content":"x","metadata":{"k":${deep}}}`,
      }),
      api.call('POST', '/v1/memories/search', { headers: bearer(token), raw: `{"query":${deep}}` }),
    ]);

    // Assess
    for (const answer of answers) expectError(answer, 400, 'VALIDATION_ERROR');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE to a body that is not JSON, on public and authenticated routes, and stores nothing', async () => {
    // Act
    const form = await api.call('POST', '/v1/memories', {
      headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'content=x',
    });
    const text = await api.call('POST', '/v1/memories', {
      headers: { ...bearer(token), 'content-type': 'text/plain' },
      raw: '{"content":"x"}',
    });
    const login = await api.call('POST', '/v1/auth/login', {
      headers: { 'content-type': 'text/plain' },
      raw: '{"email":"a@example.com","password":"p"}',
    });
    const listed = await api.call('GET', '/v1/memories', { headers: bearer(token) });

    // Assess
    for (const answer of [form, text, login]) expectError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(text.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(listed.json.data.map((memory: { id: string }) => memory.id)).toEqual([memoryId]);
  });

  it('answers 400 to an unknown query parameter on the public routes', async () => {
    // Act
    const login = await api.call('POST', '/v1/auth/login?foo=1', { body: { email: 'a@example.com', password: 'whatever it is' } });
    const register = await api.call('POST', '/v1/auth/register?debug=true', {
      body: { email: 'query@example.com', password: 'long enough password', full_name: 'Q' },
    });

    // Assess
    expectError(login, 400, 'VALIDATION_ERROR');
    expect(login.json.error.details).toEqual([{ field: 'foo', issue: 'unknown field' }]);
    expectError(register, 400, 'VALIDATION_ERROR');
    expect(detailFields(register)).toEqual(['debug']);
  });

  it('names an Idempotency-Key header problem by the header, and reports it with the body problems', async () => {
    // Act
    const response = await api.call('POST', '/v1/memories', {
      headers: { ...bearer(token), 'idempotency-key': 'k'.repeat(256) },
      body: { content: '', colour: 'red' },
    });

    // Assess
    expectError(response, 400, 'VALIDATION_ERROR');
    expect(detailFields(response)).toEqual(['content', 'colour', 'Idempotency-Key']);
  });

  it('reports every wrong list query parameter, metadata filters included, at once', async () => {
    // Act
    const response = await api.call('GET', `/v1/memories?limit=0&type=bogus&metadata.${'k'.repeat(65)}=1&colour=red`, {
      headers: bearer(token),
    });

    // Assess
    expectError(response, 400, 'VALIDATION_ERROR');
    expect(detailFields(response).sort()).toEqual(['colour', 'limit', `metadata.${'k'.repeat(65)}`, 'type'].sort());
  });

  it('reports every unknown scope of a key request, beside its other problems', async () => {
    // Act
    const response = await api.call('POST', '/v1/api-keys', {
      headers: bearer(token),
      body: { name: '', scopes: ['read', 'nope', 'never'] },
    });

    // Assess
    expectError(response, 400, 'VALIDATION_ERROR');
    expect(detailFields(response)).toEqual(['name', 'scopes[1]', 'scopes[2]']);
  });

  it('replays an idempotent POST whose body has the same fields in another order, metadata keys included', async () => {
    // Prepare
    const headers = { ...bearer(token), 'idempotency-key': 'reordered' };
    const first = await api.call('POST', '/v1/memories', {
      headers,
      raw: '{"content":"tea","type":"semantic","metadata":{"a":1,"b":"x"}}',
    });

    // Act
    const retry = await api.call('POST', '/v1/memories', {
      headers,
      raw: '{"metadata":{"b":"x","a":1},"type":"semantic","content":"tea"}',
    });

    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.id).toBe(first.json.id);
  });

  it('refuses a cursor on a list with other filters than the one that made it', async () => {
    // Prepare
    await remember(api.call, token, 'first', { type: 'semantic', metadata: { team: 'a' } });
    await remember(api.call, token, 'second', { type: 'semantic', metadata: { team: 'a' } });
    const page = await api.call('GET', '/v1/memories?type=semantic&limit=1', { headers: bearer(token) });
    const cursor = encodeURIComponent(page.json.next_cursor);
    await createKey(api.call, token, { name: 'one' });
    await createKey(api.call, token, { name: 'two' });
    const keys = await api.call('GET', '/v1/api-keys?status=active&limit=1', { headers: bearer(token) });
    const keyCursor = encodeURIComponent(keys.json.next_cursor);

    // Act
    const sameFilters = await api.call('GET', `/v1/memories?type=semantic&limit=1&cursor=${cursor}`, { headers: bearer(token) });
    const otherType = await api.call('GET', `/v1/memories?type=episodic&limit=1&cursor=${cursor}`, { headers: bearer(token) });
    const noFilter = await api.call('GET', `/v1/memories?limit=1&cursor=${cursor}`, { headers: bearer(token) });
    const addedFilter = await api.call('GET', `/v1/memories?type=semantic&metadata.team=a&cursor=${cursor}`, { headers: bearer(token) });
    const sameStatus = await api.call('GET', `/v1/api-keys?status=active&cursor=${keyCursor}`, { headers: bearer(token) });
    const otherStatus = await api.call('GET', `/v1/api-keys?status=revoked&cursor=${keyCursor}`, { headers: bearer(token) });

    // Assess
    expect(sameFilters.status).toBe(200);
    expect(sameStatus.status).toBe(200);
    for (const answer of [otherType, noFilter, addedFilter, otherStatus]) {
      expectError(answer, 400, 'VALIDATION_ERROR');
      expect(detailFields(answer)).toEqual(['cursor']);
    }
  });
});

describe('a key never creates a key that outlives it', () => {
  let api: TestApi;
  let owner: { token: string; email: string };
  const post = (credential: string, body: unknown) => api.call('POST', '/v1/api-keys', { headers: bearer(credential), body });

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 50 }));
    owner = await registerTenant(api.call);
  });
  afterAll(async () => api.stop());

  it('gives a key made by an expiring key no later expiry than its creator, asked for none or for a longer one', async () => {
    // Prepare
    const creator = await post(owner.token, { name: 'one day admin', scopes: ['admin'], expires_in_days: 1 });

    // Act
    const unbounded = await post(creator.json.key, { name: 'no expiry asked' });
    const longer = await post(creator.json.key, { name: 'a year asked', expires_in_days: 365 });
    const shorter = await post(owner.token, { name: 'owner made', expires_in_days: 365 });

    // Assess
    expect(creator.json.expires_at).not.toBeNull();
    expect(unbounded.json.expires_at).toBe(creator.json.expires_at);
    expect(longer.json.expires_at).toBe(creator.json.expires_at);
    expect(Date.parse(shorter.json.expires_at)).toBeGreaterThan(Date.parse(creator.json.expires_at));
  });

  it('lets a key made by an expiring key stop working when its creator does', async () => {
    // Prepare
    const creator = await post(owner.token, { name: 'short admin', scopes: ['admin'], expires_in_days: 1 });
    const child = await post(creator.json.key, { name: 'child' });

    // Act
    api.clock.advance(DAY_MS + 60_000);
    const refused = await api.call('GET', '/v1/memories', { headers: bearer(child.json.key) });

    // Assess
    expectError(refused, 401, 'AUTH_REQUIRED');
  });

  it("keeps a rotated key's expiry instead of restarting its lifetime", async () => {
    // Prepare
    const login = await api.call('POST', '/v1/auth/login', { body: { email: owner.email, password: 'correct horse battery' } });
    const token = login.json.access_token;
    const old = await post(token, { name: 'thirty days', expires_in_days: 30 });
    api.clock.advance(10 * DAY_MS);
    const fresh = (await api.call('POST', '/v1/auth/login', { body: { email: owner.email, password: 'correct horse battery' } })).json
      .access_token;

    // Act
    const rotated = await api.call('POST', `/v1/api-keys/${old.json.id}/rotate`, {
      headers: bearer(fresh),
      body: { grace_period_seconds: 0 },
    });

    // Assess
    expect(rotated.status).toBe(201);
    expect(rotated.json.expires_at).toBe(old.json.expires_at);
  });

  it('bounds a key rotated by an expiring key to its rotator’s expiry', async () => {
    // Prepare
    const login = await api.call('POST', '/v1/auth/login', { body: { email: owner.email, password: 'correct horse battery' } });
    const token = login.json.access_token;
    const rotator = await post(token, { name: 'rotator', scopes: ['admin'], expires_in_days: 2 });
    const forever = await post(token, { name: 'no expiry' });

    // Act
    const rotated = await api.call('POST', `/v1/api-keys/${forever.json.id}/rotate`, { headers: bearer(rotator.json.key), body: {} });

    // Assess
    expect(rotated.status).toBe(201);
    expect(rotated.json.expires_at).toBe(rotator.json.expires_at);
  });
});

describe('the environment of a created key', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 50 }));
  });
  afterAll(async () => api.stop());

  it("is the caller's own when none is named: a test key makes a test key, an owner token acting in test a test key", async () => {
    // Prepare
    const tenant = await registerTenant(api.call);
    const testAdmin = await createKey(api.call, tenant.token, { name: 'test admin', environment: 'test', scopes: ['admin'] });
    const post = (headers: Record<string, string>, name: string) => api.call('POST', '/v1/api-keys', { headers, body: { name } });

    // Act
    const byTestKey = await post(bearer(testAdmin.key), 'by a test key');
    const byOwnerInTest = await post({ ...bearer(tenant.token), 'x-environment': 'test' }, 'by the owner in test');
    const byOwner = await post(bearer(tenant.token), 'by the owner');

    // Assess
    expect(byTestKey.status).toBe(201);
    expect(byTestKey.json.key).toMatch(/^mem_test_/);
    expect(byOwnerInTest.json.environment).toBe('test');
    expect(byOwner.json.environment).toBe('live');
  });
});
