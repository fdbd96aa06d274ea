import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mergeTierOverrides } from '../../lambda/shared/config';
import { bearer, createKey, expectError, freshTables, registerTenant, scanTable, startTestApi, type TestApi } from '../helpers/local-api';

/** Counts DynamoDB round-trip stages: calls in flight together count once. */
class StageCounter {
  stages = 0;
  calls: string[] = [];
  private inFlight = 0;

  readonly instrument = (client: DynamoDBDocumentClient): void => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.calls.push(context.commandName ?? '');
        if (this.inFlight++ === 0) this.stages += 1;
        try {
          return await next(args);
        } finally {
          this.inFlight -= 1;
        }
      },
      { step: 'initialize', name: 'stageCounter' },
    );
  };

  reset(): void {
    this.stages = 0;
    this.calls = [];
  }
}

const memoriesOf = async (table: string, tenantId: string) =>
  (await scanTable(table)).filter((item) => String(item.pk).startsWith(`MEM#${tenantId}#`));

describe('metering travels with the operation', () => {
  let api: TestApi;
  const tables = freshTables();
  const counter = new StageCounter();

  beforeAll(async () => {
    api = await startTestApi(
      {
        dedicatedGatewayKeyLimit: 0,
        authorizerCacheTtlSeconds: 300,
        tiers: mergeTierOverrides({ free: { requestsPerMinute: 10_000, burst: 10_000, creditsPerMonth: 8, activeKeys: 10 } }),
      },
      { tables, instrument: counter.instrument },
    );
  });
  afterAll(async () => api.stop());

  it('reads a memory and charges for it in one DynamoDB round trip once the authorizer holds the key', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token);
    const created = await api.call('POST', '/v1/memories', { headers: bearer(key), body: { content: 'one round trip' } });
    await api.call('GET', `/v1/memories/${created.json.id}`, { headers: bearer(key) });
    counter.reset();

    // Act
    const read = await api.call('GET', `/v1/memories/${created.json.id}`, { headers: bearer(key) });

    // Assess
    expect(read.status).toBe(200);
    expect(read.headers.get('x-credits-remaining')).toBe('5');
    expect(counter.stages).toBe(1);
    // The read and the tenant counter (which counts the key's use too), in flight together.
    expect(counter.calls).toHaveLength(2);
  });

  it('writes a memory and its charge in one transaction, with the credits left in the headers', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token);
    await api.call('GET', '/v1/memories', { headers: bearer(key) });
    counter.reset();

    // Act
    const created = await api.call('POST', '/v1/memories', { headers: bearer(key), body: { content: 'with its charge' } });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('x-credits-remaining')).toBe('6');
    expect(counter.stages).toBe(1);
    expect(counter.calls.filter((name) => name.startsWith('TransactWrite'))).toHaveLength(1);
  });

  it('writes nothing for a write refused for credits, and stores exactly as many memories as there were credits under concurrency', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);

    // Act
    const responses = await Promise.all(
      Array.from({ length: 14 }, (_, i) => api.call('POST', '/v1/memories', { headers: bearer(token), body: { content: `racer ${i}` } })),
    );
    const refusedAfter = await api.call('POST', '/v1/memories', { headers: bearer(token), body: { content: 'one too many' } });

    // Assess
    expect(responses.filter((response) => response.status === 201)).toHaveLength(8);
    for (const response of responses.filter((r) => r.status !== 201)) expectError(response, 429, 'QUOTA_EXCEEDED');
    expectError(refusedAfter, 429, 'QUOTA_EXCEEDED');
    const stored = await memoriesOf(tables.memories, tenantId);
    expect(stored.map((item) => item.content).sort()).toEqual(
      responses
        .filter((response) => response.status === 201)
        .map((response) => response.json.content)
        .sort(),
    );
  });

  it('neither deletes nor changes a memory when the charge is refused', async () => {
    // Prepare: the memory, then every credit spent.
    const { token, tenantId } = await registerTenant(api.call);
    const created = await api.call('POST', '/v1/memories', { headers: bearer(token), body: { content: 'keep me' } });
    for (let i = 0; i < 7; i++) await api.call('GET', '/v1/memories', { headers: bearer(token) });

    // Act
    const update = await api.call('PATCH', `/v1/memories/${created.json.id}`, { headers: bearer(token), body: { content: 'changed' } });
    const removal = await api.call('DELETE', `/v1/memories/${created.json.id}`, { headers: bearer(token) });

    // Assess
    expectError(update, 429, 'QUOTA_EXCEEDED');
    expectError(removal, 429, 'QUOTA_EXCEEDED');
    expect((await memoriesOf(tables.memories, tenantId)).map((item) => item.content)).toEqual(['keep me']);
  });

  it('refuses a write by a key revoked while the authorizer holds it, and writes nothing', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    const victim = await createKey(api.call, token, { name: 'revoked' });
    expect((await api.call('GET', '/v1/memories', { headers: bearer(victim.key) })).status).toBe(200);
    await api.call('DELETE', `/v1/api-keys/${victim.id}`, { headers: bearer(token) });

    // Act
    const write = await api.call('POST', '/v1/memories', { headers: bearer(victim.key), body: { content: 'too late' } });

    // Assess
    expectError(write, 401, 'AUTH_REQUIRED');
    expect(await memoriesOf(tables.memories, tenantId)).toEqual([]);
  });
});

describe('per-key usage travels on the tenant counter', () => {
  let api: TestApi;
  const tables = freshTables();

  beforeAll(async () => {
    api = await startTestApi(
      { tiers: mergeTierOverrides({ free: { requestsPerMinute: 10_000, burst: 10_000, creditsPerMonth: null, activeKeys: 10 } }) },
      { tables },
    );
  });
  afterAll(async () => api.stop());

  const keyDays = async (tenantId: string, keyId: string) =>
    (await scanTable(tables.usage)).filter((item) => item.pk === `TENANT#${tenantId}#KEY#${keyId}` && String(item.sk).startsWith('DAY#'));

  it("counts the key's requests and last use with each request's charge, writing no item of its own, and reads them back at once", async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    const { key, id } = await createKey(api.call, token);

    // Act
    for (let i = 0; i < 5; i++) expect((await api.call('GET', '/v1/memories', { headers: bearer(key) })).status).toBe(200);
    const usage = await api.call('GET', `/v1/api-keys/${id}/usage?days=1`, { headers: bearer(token) });
    const shown = await api.call('GET', `/v1/api-keys/${id}`, { headers: bearer(token) });

    // Assess
    expect(await keyDays(tenantId, id)).toEqual([]);
    expect(usage.json.total).toBe(5);
    expect(shown.json.last_used_at).toEqual(expect.any(String));
  });
});
