import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryApiError, MemoryClient, type MemoryClientOptions } from '../../sdk/src/index';
import { responseProblems } from '../helpers/openapi-responses';
import { createKey, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

/** A fetch that checks every answer against docs/openapi.json and records what was sent. */
function recordingFetch(sent: Request[] = []): (request: Request) => Promise<Response> {
  return async (request) => {
    sent.push(request.clone());
    const response = await fetch(request);
    const text = await response.clone().text();
    const problems = responseProblems(request.method, request.url, { status: response.status, headers: response.headers, text });
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return response;
  };
}

describe('the TypeScript SDK against the local gateway', () => {
  let api: TestApi;
  let token: string;
  const client = (options: MemoryClientOptions = {}) => new MemoryClient({ baseUrl: api.url, fetch: recordingFetch(), ...options });

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier());
    ({ token } = await registerTenant(api.call));
  });
  afterAll(async () => api.stop());
  afterEach(() => api.clock.advance(60_000));

  it('signs up and logs in, and the session token manages keys whose plaintext then stores memories', async () => {
    // Prepare
    const anonymous = client();
    const email = `sdk-${Date.now()}@example.com`;

    // Act
    const registered = await anonymous.auth.register({ email, password: 'correct horse battery', full_name: 'Sdk User' });
    const session = await anonymous.auth.login({ email, password: 'correct horse battery' });
    const owner = client({ token: session.access_token });
    const created = await owner.keys.create({ name: 'agent', scopes: ['read', 'write'] });
    const agent = client({ apiKey: created.key });
    const memory = await agent.memories.create({ content: 'The user prefers green tea', type: 'semantic' });

    // Assess
    expect(registered.user.email).toBe(email);
    expect(session.user.tenant_id).toBe(registered.user.tenant_id);
    expect(created.scopes).toEqual(['memories:read', 'memories:write']);
    expect(await agent.memories.get(memory.id)).toEqual(memory);
    // A memory is searchable once the index stream has applied it.
    await api.search.settled();
    expect((await agent.memories.search({ query: 'green tea' })).data.map((hit) => hit.memory.id)).toEqual([memory.id]);
  });

  it('runs every memory and key operation with typed answers', async () => {
    // Prepare
    const owner = client({ token });
    const key = await owner.keys.create({ name: 'crud', scopes: ['admin'] });
    const agent = client({ apiKey: key.key });

    // Act
    const memory = await agent.memories.create({ content: 'first draft', metadata: { source: 'sdk' } });
    const updated = await agent.memories.update(memory.id, { content: 'final text' });
    const filtered = await agent.memories.list({ metadata: { source: 'sdk' } });
    await agent.memories.delete(memory.id);
    const gone = await agent.memories.get(memory.id).catch((caught: unknown) => caught);
    const usage = await agent.usage();
    const keyUsage = await owner.keys.usage(key.id, { days: 3 });
    const rotated = await owner.keys.rotate(key.id, { grace_period_seconds: 0 });
    const fetched = await owner.keys.get(rotated.id);
    const revoked = await owner.keys.revoke(rotated.id);

    // Assess
    expect(updated).toMatchObject({ id: memory.id, content: 'final text', metadata: { source: 'sdk' } });
    expect(filtered.data.map((item) => item.id)).toEqual([memory.id]);
    expect(gone).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(usage.tier).toBe('free');
    expect(keyUsage.days).toHaveLength(3);
    expect(rotated.replaces).toBe(key.id);
    expect(fetched).toMatchObject({ id: rotated.id, status: 'active' });
    expect(revoked.status).toBe('revoked');
  });

  it('iterates every page of a list with for await, and awaits the first page alone', async () => {
    // Prepare
    const owner = client({ token });
    const tag = `page-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await owner.memories.create({ content: `note ${i}`, metadata: { tag } })).id);

    // Act
    const first = await owner.memories.list({ limit: 2, metadata: { tag } });
    const all: string[] = [];
    for await (const memory of owner.memories.list({ limit: 2, metadata: { tag } })) all.push(memory.id);

    // Assess
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    expect(all).toEqual([...ids].reverse());
  });

  it('acts in the test sandbox when asked with an owner token', async () => {
    // Prepare
    const live = client({ token });
    const sandbox = client({ token, environment: 'test' });

    // Act
    const memory = await sandbox.memories.create({ content: 'only in test' });

    // Assess
    expect(memory.environment).toBe('test');
    await expect(live.memories.get(memory.id)).rejects.toMatchObject({ status: 404 });
  });

  it('throws MemoryApiError with status, code, message, request id and details', async () => {
    // Prepare
    const owner = client({ token });

    // Act
    const error = await owner.memories.create({ content: '', type: 'dream' as 'semantic' }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(MemoryApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'The request body is not valid',
      requestId: expect.any(String),
      details: expect.arrayContaining([expect.objectContaining({ field: 'content' }), expect.objectContaining({ field: 'type' })]),
    });
  });

  it('sends an Idempotency-Key with every create, so a create whose answer was lost is retried and stores one memory', async () => {
    // Prepare: the first answer is lost on the way back and the client sees a 503.
    const sent: Request[] = [];
    const recording = recordingFetch(sent);
    let lost = false;
    const owner = client({
      token,
      sleep: async () => undefined,
      fetch: async (request) => {
        const response = await recording(request);
        if (lost) return response;
        lost = true;
        return new Response('{"error":{"code":"SERVICE_UNAVAILABLE","message":"lost","request_id":"x"}}', {
          status: 503,
          headers: { 'retry-after': '1' },
        });
      },
    });
    const tag = `idem-${Date.now()}`;

    // Act
    const memory = await owner.memories.create({ content: 'once', metadata: { tag } });

    // Assess
    const keys = sent.map((request) => request.headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect((await owner.memories.list({ metadata: { tag } })).data.map((item) => item.id)).toEqual([memory.id]);
  });

  it('exposes the rate-limit headers of the last answer', async () => {
    // Prepare
    const owner = client({ token });

    // Act
    const before = owner.lastRateLimit;
    await owner.memories.list();

    // Assess
    expect(before).toBeUndefined();
    expect(owner.lastRateLimit).toEqual({
      limit: 100_000,
      remaining: expect.any(Number),
      reset: expect.any(Number),
      creditsLimit: 1_000_000,
      creditsRemaining: expect.any(Number),
    });
  });
});

describe('the SDK when the API refuses with 429', () => {
  let api: TestApi;
  let key: string;
  const sleeps: number[] = [];
  /** Waiting moves the gateway's clock, so the retry lands in the next minute window without the test sleeping. */
  const client = (options: MemoryClientOptions = {}) =>
    new MemoryClient({
      baseUrl: api.url,
      apiKey: key,
      fetch: recordingFetch(),
      sleep: async (ms) => {
        sleeps.push(ms);
        api.clock.advance(ms);
      },
      ...options,
    });

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { requestsPerMinute: 2 }));
    const { token } = await registerTenant(api.call);
    ({ key } = await createKey(api.call, token, { name: 'limited', scopes: ['admin'] }));
  });
  afterAll(async () => api.stop());

  /** Spends this minute's requests; the next one in the minute is a 429 with Retry-After = seconds left in it. */
  async function useUpTheMinute(secondsLeft: number): Promise<void> {
    api.clock.freezeAt(api.clock.nextMinute(60 - secondsLeft));
    sleeps.length = 0;
    await client({ maxRetries: 0 }).memories.list();
    await client({ maxRetries: 0 }).memories.list();
  }

  it('retries a GET after the Retry-After the 429 carries, and succeeds', async () => {
    // Prepare
    await useUpTheMinute(20);

    // Act
    const page = await client().memories.list();

    // Assess
    expect(page.data).toEqual([]);
    expect(sleeps).toEqual([20_000]);
  });

  it('retries a create, which carries an Idempotency-Key', async () => {
    // Prepare
    await useUpTheMinute(5);

    // Act
    const memory = await client().memories.create({ content: 'after the wait' });

    // Assess
    expect(memory.content).toBe('after the wait');
    expect(sleeps).toEqual([5_000]);
  });

  it('retries a search, a POST that changes nothing', async () => {
    // Prepare
    await useUpTheMinute(3);
    await api.search.settled();

    // Act
    const results = await client().memories.search({ query: 'wait' });

    // Assess
    expect(results.data.map((hit) => hit.memory.content)).toEqual(['after the wait']);
    expect(sleeps).toEqual([3_000]);
  });

  it('never retries a POST that has no Idempotency-Key', async () => {
    // Prepare
    await useUpTheMinute(5);

    // Act
    const error = await client()
      .memories.create({ content: 'no key' }, { idempotencyKey: false })
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMIT_EXCEEDED' });
    expect(sleeps).toEqual([]);
  });

  it('gives up at once when Retry-After is longer than maxRetryDelayMs, and after maxRetries', async () => {
    // Prepare
    await useUpTheMinute(30);

    // Act
    const tooLong = await Promise.resolve(client({ maxRetryDelayMs: 10_000 }).memories.list()).catch((caught: unknown) => caught);
    const noRetries = await Promise.resolve(client({ maxRetries: 0 }).memories.list()).catch((caught: unknown) => caught);

    // Assess
    expect(tooLong).toMatchObject({ status: 429, code: 'RATE_LIMIT_EXCEEDED' });
    expect(noRetries).toMatchObject({ status: 429 });
    expect(sleeps).toEqual([]);
  });
});

describe('the SDK configuration', () => {
  const saved = { key: process.env.MEMORY_API_KEY, url: process.env.MEMORY_API_URL };
  afterEach(() => {
    process.env.MEMORY_API_KEY = saved.key;
    process.env.MEMORY_API_URL = saved.url;
    if (saved.key === undefined) delete process.env.MEMORY_API_KEY;
    if (saved.url === undefined) delete process.env.MEMORY_API_URL;
  });

  it('reads MEMORY_API_KEY and MEMORY_API_URL when no key and URL are given', async () => {
    // Prepare
    process.env.MEMORY_API_KEY = 'mem_live_fromTheEnvironment';
    process.env.MEMORY_API_URL = 'http://127.0.0.1:9/';
    const sent: Request[] = [];

    // Act
    await new MemoryClient({ fetch: async (request) => (sent.push(request), new Response('{"status":"ok"}')) }).usage();

    // Assess
    expect(sent[0]?.url).toBe('http://127.0.0.1:9/v1/usage');
    expect(sent[0]?.headers.get('x-api-key')).toBe('mem_live_fromTheEnvironment');
  });

  it('refuses an API key and a token together', () => {
    expect(() => new MemoryClient({ apiKey: 'mem_live_x', token: 'eyJ' })).toThrow('Give an apiKey or a token, not both');
  });
});
