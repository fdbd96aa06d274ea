import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { LATEST_PROTOCOL_VERSION, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { bearer, createKey, registerTenant, remember, startTestApi, type TestApi } from '../helpers/local-api';
import { responseProblems } from '../helpers/openapi-responses';
import { roomyFreeTier } from './support';

const ALL_TOOLS = ['store_memory', 'search_memories', 'list_memories', 'get_memory', 'update_memory', 'delete_memory', 'get_usage'];
const MCP_ACCEPT = 'application/json, text/event-stream';

/** Every answer the MCP client receives is checked against docs/openapi.json, as `api.call` checks its own. */
const documentProblems: string[] = [];
const checkedFetch: FetchLike = async (url, init) => {
  const response = await fetch(url, init);
  const text = await response.clone().text();
  documentProblems.push(
    ...responseProblems(init?.method ?? 'GET', String(url), { status: response.status, headers: response.headers, text }),
  );
  return response;
};

interface ToolError {
  readonly code: string;
  readonly message: string;
  readonly details?: { field: string; issue: string }[];
  readonly retry_after_seconds?: number;
}

describe('MCP server at POST /v1/mcp, driven by the official MCP client', () => {
  let api: TestApi;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier());
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    expect(documentProblems.splice(0)).toEqual([]);
  });
  afterAll(async () => api.stop());

  async function connect(headers: Record<string, string>): Promise<Client> {
    const client = new Client({ name: 'mcp-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL('/v1/mcp', api.url), { requestInit: { headers }, fetch: checkedFetch });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
    return (await client.callTool({ name, arguments: args })) as CallToolResult;
  }

  function succeeded(result: CallToolResult): Record<string, unknown> {
    if (result.isError) throw new Error(`tool failed: ${JSON.stringify(result.content)}`);
    const [text] = result.content;
    expect(text?.type === 'text' && JSON.parse(text.text)).toEqual(result.structuredContent);
    return result.structuredContent as Record<string, unknown>;
  }

  function failed(result: CallToolResult): ToolError {
    expect(result.isError).toBe(true);
    return (result.structuredContent as { error: ToolError }).error;
  }

  /** A raw JSON-RPC POST, for what the SDK's client would never send. */
  function post(credential: string, body: string, headers: Record<string, string> = {}) {
    return fetch(new URL('/v1/mcp', api.url), {
      method: 'POST',
      headers: { accept: MCP_ACCEPT, 'content-type': 'application/json', ...bearer(credential), ...headers },
      body,
    }).then(async (response) => {
      const text = await response.text();
      documentProblems.push(...responseProblems('POST', '/v1/mcp', { status: response.status, headers: response.headers, text }));
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    });
  }

  async function tenantWithKey(body: Record<string, unknown> = { name: 'agent', scopes: ['admin'] }) {
    const tenant = await registerTenant(api.call);
    const { key } = await createKey(api.call, tenant.token, body);
    return { ...tenant, key };
  }

  it('initializes with the current protocol version and no session', async () => {
    // Prepare
    const { key } = await tenantWithKey();

    // Act
    const client = await connect(bearer(key));
    const transport = (client as unknown as { _transport: StreamableHTTPClientTransport })._transport;

    // Assess
    expect(client.getServerVersion()).toMatchObject({ name: 'agent-memory' });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {} });
    expect(client.getInstructions()).toMatch(/store_memory/);
    expect(transport.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    expect(transport.sessionId).toBeUndefined();
  });

  it('negotiates the protocol version: an older one it supports is kept, an unknown one gets the current', async () => {
    // Prepare
    const { key } = await tenantWithKey();
    const initialize = (protocolVersion: string) =>
      post(
        key,
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
        }),
      );

    // Act
    const older = await initialize('2025-03-26');
    const unknown = await initialize('1999-01-01');

    // Assess
    expect(older.json.result.protocolVersion).toBe('2025-03-26');
    expect(unknown.json.result.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
  });

  it('answers GET with 405 and an Allow header: a stateless server offers no stream', async () => {
    // Act
    const response = await api.call('GET', '/v1/mcp', { headers: { accept: 'text/event-stream' } });

    // Assess
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.json.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('lists every tool, with an input schema from the route handlers, to a key holding every scope', async () => {
    // Prepare
    const { key } = await tenantWithKey();
    const client = await connect(bearer(key));

    // Act
    const { tools } = await client.listTools();

    // Assess
    expect(tools.map((tool) => tool.name)).toEqual(ALL_TOOLS);
    const store = tools.find((tool) => tool.name === 'store_memory');
    expect(store?.inputSchema).toMatchObject({
      type: 'object',
      required: ['content'],
      additionalProperties: false,
      properties: { content: { type: 'string', minLength: 1, maxLength: 16384 } },
    });
    expect(Object.keys(store?.inputSchema.properties ?? {})).not.toContain('tenant_id');
    expect(tools.find((tool) => tool.name === 'update_memory')?.inputSchema.required).toEqual(['id']);
    expect(tools.find((tool) => tool.name === 'delete_memory')?.annotations).toMatchObject({ destructiveHint: true });
    expect(tools.find((tool) => tool.name === 'search_memories')?._meta).toMatchObject({ 'agent-memory/scope': 'memories:read' });
  });

  it('runs every tool as the route it mirrors', async () => {
    // Prepare
    const { key } = await tenantWithKey();
    const client = await connect({ 'X-API-Key': key });

    // Act + Assess: store
    const stored = succeeded(await call(client, 'store_memory', { content: 'The user drinks green tea', metadata: { topic: 'drinks' } }));
    expect(stored).toMatchObject({
      content: 'The user drinks green tea',
      type: 'episodic',
      metadata: { topic: 'drinks' },
      environment: 'live',
    });
    const id = stored.id as string;
    await call(client, 'store_memory', { content: 'The user lives in Lisbon', type: 'semantic' });
    await call(client, 'store_memory', { content: 'The user likes jazz', metadata: { topic: 'music' } });

    // get
    expect(succeeded(await call(client, 'get_memory', { id }))).toEqual(stored);

    // list, with a filter, and page by page with the cursor
    const filtered = succeeded(await call(client, 'list_memories', { metadata: { topic: 'drinks' } }));
    expect((filtered.data as { id: string }[]).map((memory) => memory.id)).toEqual([id]);
    const first = succeeded(await call(client, 'list_memories', { limit: 2 }));
    expect(first.data).toHaveLength(2);
    expect(typeof first.next_cursor).toBe('string');
    const second = succeeded(await call(client, 'list_memories', { limit: 2, cursor: first.next_cursor }));
    expect((second.data as { id: string }[]).map((memory) => memory.id)).toEqual([id]);
    expect(second.next_cursor).toBeNull();

    // search (lexical: only memories sharing a word; a memory is searchable once the index stream has applied it)
    await api.search.settled();
    const found = succeeded(await call(client, 'search_memories', { query: 'green tea', mode: 'lexical' }));
    expect((found.data as { memory: { id: string } }[]).map((hit) => hit.memory.id)).toEqual([id]);

    // update
    const updated = succeeded(await call(client, 'update_memory', { id, content: 'The user drinks black tea' }));
    expect(updated).toMatchObject({ id, content: 'The user drinks black tea', metadata: { topic: 'drinks' } });

    // delete, then the memory is gone
    expect(succeeded(await call(client, 'delete_memory', { id }))).toEqual({ deleted: true, id });
    expect(failed(await call(client, 'get_memory', { id })).code).toBe('NOT_FOUND');

    // usage
    expect(succeeded(await call(client, 'get_usage'))).toMatchObject({ tier: 'free', credits: { limit: 1_000_000 } });
  });

  it('answers invalid tool arguments with a tool error naming each field, as the route would', async () => {
    // Prepare
    const { key } = await tenantWithKey();
    const client = await connect(bearer(key));

    // Act
    const store = failed(await call(client, 'store_memory', { content: '', colour: 'red' }));
    const get = failed(await call(client, 'get_memory', { id: 'not-an-id' }));
    const usage = failed(await call(client, 'get_usage', { verbose: true }));

    // Assess
    expect(store.code).toBe('VALIDATION_ERROR');
    expect(store.details?.map((detail) => detail.field).sort()).toEqual(['colour', 'content']);
    expect(get).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'id' }] });
    expect(usage).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'verbose', issue: 'unknown field' }] });
  });

  it('lists only the tools a read-only key may call, and a write tool answers with the missing scope, spending nothing', async () => {
    // Prepare
    const { key, tenantId } = await tenantWithKey({ name: 'reader', scopes: ['read'] });
    const client = await connect(bearer(key));
    const creditsBefore = await api.deps.usage.creditsUsed(tenantId, api.clock.now());

    // Act
    const { tools } = await client.listTools();
    const store = await call(client, 'store_memory', { content: 'not allowed' });
    const remove = await call(client, 'delete_memory', { id: 'mem_01JX0000000000000000000000' });

    // Assess
    expect(tools.map((tool) => tool.name)).toEqual(['search_memories', 'list_memories', 'get_memory', 'get_usage']);
    expect(failed(store)).toMatchObject({ code: 'INSUFFICIENT_SCOPE', message: expect.stringContaining('memories:write') });
    expect(failed(remove)).toMatchObject({ code: 'INSUFFICIENT_SCOPE', message: expect.stringContaining('memories:delete') });
    expect(await api.deps.usage.creditsUsed(tenantId, api.clock.now())).toBe(creditsBefore);
  });

  it('spends one credit per tool call, none for get_usage, initialize or tools/list', async () => {
    // Prepare
    const { key, tenantId } = await tenantWithKey();
    const creditsUsed = () => api.deps.usage.creditsUsed(tenantId, api.clock.now());
    const before = await creditsUsed();

    // Act
    const client = await connect(bearer(key));
    await client.listTools();
    await client.ping();
    const afterHandshake = await creditsUsed();
    const id = succeeded(await call(client, 'store_memory', { content: 'one' })).id;
    await call(client, 'get_memory', { id });
    await call(client, 'list_memories');
    await call(client, 'search_memories', { query: 'one' });
    const usage = succeeded(await call(client, 'get_usage'));

    // Assess
    expect(afterHandshake).toBe(before);
    expect(await creditsUsed()).toBe(before + 4);
    expect(usage.credits).toMatchObject({ used: before + 4 });
  });

  it('shares the search cap with the REST route, and a refusal is a tool error with the seconds to wait', async () => {
    // Prepare: one minute window, 20 s in; 30 searches over REST use up the route's cap.
    const { key } = await tenantWithKey();
    api.clock.freezeAt(api.clock.nextMinute(20));
    for (let i = 0; i < 30; i++) {
      const response = await api.call('POST', '/v1/memories/search', { headers: bearer(key), body: { query: 'tea' } });
      expect(response.status).toBe(200);
    }
    const client = await connect(bearer(key));

    // Act
    const refused = await call(client, 'search_memories', { query: 'tea' });
    const listed = await call(client, 'list_memories');
    api.clock.advance(40_000);
    const nextMinute = await call(client, 'search_memories', { query: 'tea' });

    // Assess
    expect(failed(refused)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retry_after_seconds: 40 });
    expect(refused.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Retry after 40 seconds') });
    expect(listed.isError).toBeFalsy();
    expect(nextMinute.isError).toBeFalsy();
    api.clock.jumpTo(api.clock.now());
  });

  it('never reaches another tenant or the other sandbox', async () => {
    // Prepare
    const owner = await tenantWithKey();
    const liveId = await remember(api.call, owner.key, 'live secret about tea');
    const other = await tenantWithKey();
    const { key: testKey } = await createKey(api.call, owner.token, { name: 'test', environment: 'test', scopes: ['admin'] });
    const stranger = await connect(bearer(other.key));
    const sandbox = await connect(bearer(testKey));

    // Act
    const results = {
      strangerGet: await call(stranger, 'get_memory', { id: liveId }),
      strangerUpdate: await call(stranger, 'update_memory', { id: liveId, content: 'overwritten' }),
      strangerDelete: await call(stranger, 'delete_memory', { id: liveId }),
      strangerSearch: await call(stranger, 'search_memories', { query: 'tea' }),
      strangerList: await call(stranger, 'list_memories'),
      sandboxGet: await call(sandbox, 'get_memory', { id: liveId }),
      sandboxSearch: await call(sandbox, 'search_memories', { query: 'tea' }),
      foreignTenant: await call(stranger, 'store_memory', { content: 'x', tenant_id: owner.tenantId }),
      foreignList: await call(stranger, 'list_memories', { tenant_id: owner.tenantId }),
    };

    // Assess
    for (const name of ['strangerGet', 'strangerUpdate', 'strangerDelete', 'sandboxGet'] as const) {
      expect(failed(results[name]).code).toBe('NOT_FOUND');
    }
    expect(succeeded(results.strangerSearch).data).toEqual([]);
    expect(succeeded(results.strangerList).data).toEqual([]);
    expect(succeeded(results.sandboxSearch).data).toEqual([]);
    expect(failed(results.foreignTenant).code).toBe('TENANT_MISMATCH');
    expect(failed(results.foreignList).code).toBe('TENANT_MISMATCH');
    const still = await api.call('GET', `/v1/memories/${liveId}`, { headers: bearer(owner.key) });
    expect(still.json.content).toBe('live secret about tea');
  });

  it('works with an owner token, acting in the sandbox X-Environment names', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);
    const client = await connect({ ...bearer(token), 'X-Environment': 'test' });

    // Act
    const stored = succeeded(await call(client, 'store_memory', { content: 'from the owner' }));
    const { tools } = await client.listTools();

    // Assess
    expect(stored.environment).toBe('test');
    expect(tools.map((tool) => tool.name)).toEqual(ALL_TOOLS);
  });

  it('answers malformed JSON-RPC with JSON-RPC errors, never a 500', async () => {
    // Prepare
    const { key } = await tenantWithKey();
    const message = (body: Record<string, unknown>) => JSON.stringify({ jsonrpc: '2.0', id: 7, ...body });
    const version = { 'mcp-protocol-version': LATEST_PROTOCOL_VERSION };

    // Act
    const answers = {
      notJson: await post(key, '{"jsonrpc": "2.0", '),
      empty: await post(key, ''),
      notJsonRpc: await post(key, JSON.stringify({ hello: 'world' })),
      unknownMethod: await post(key, message({ method: 'memories/steal' }), version),
      callWithoutName: await post(key, message({ method: 'tools/call', params: {} }), version),
      unknownTool: await post(key, message({ method: 'tools/call', params: { name: 'drop_tables', arguments: {} } }), version),
      argumentsNotObject: await post(key, message({ method: 'tools/call', params: { name: 'get_usage', arguments: 'all' } }), version),
      badVersion: await post(key, message({ method: 'tools/list' }), { 'mcp-protocol-version': '1999-01-01' }),
      notification: await post(key, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), version),
      wrongAccept: await post(key, message({ method: 'ping' }), { accept: 'application/json' }),
      // A batch (protocol 2025-03-26) whose cancellation names its own request: the request is answered all the same.
      cancelledInBatch: await post(
        key,
        JSON.stringify([
          { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'get_usage', arguments: {} } },
          { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 8 } },
        ]),
        { 'mcp-protocol-version': '2025-03-26' },
      ),
    };

    // Assess
    expect(answers.notJson).toMatchObject({ status: 400, json: { jsonrpc: '2.0', id: null, error: { code: -32700 } } });
    expect(answers.empty).toMatchObject({ status: 400, json: { error: { code: -32700 } } });
    expect(answers.notJsonRpc.status).toBe(400);
    expect(answers.notJsonRpc.json.error.code).toBeLessThan(-32000);
    expect(answers.unknownMethod).toMatchObject({ status: 200, json: { id: 7, error: { code: -32601 } } });
    expect(answers.callWithoutName).toMatchObject({ status: 200, json: { id: 7, error: { code: -32602 } } });
    expect(answers.unknownTool).toMatchObject({
      status: 200,
      json: { id: 7, error: { code: -32602, message: expect.stringContaining('drop_tables') } },
    });
    expect(answers.argumentsNotObject).toMatchObject({ status: 200, json: { id: 7, error: { code: -32602 } } });
    expect(answers.badVersion).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining('protocol version') } } });
    expect(answers.notification).toEqual({ status: 202, json: undefined });
    expect(answers.wrongAccept).toMatchObject({ status: 406, json: { error: { code: -32000 } } });
    expect(answers.cancelledInBatch).toMatchObject({ status: 200, json: { id: 8, result: { structuredContent: { tier: 'free' } } } });
  });

  it('refuses a request without a credential at the gateway, like every authenticated route', async () => {
    // Act
    const response = await api.call('POST', '/v1/mcp', {
      headers: { accept: MCP_ACCEPT },
      body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });

    // Assess
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('AUTH_REQUIRED');
  });
});

describe('MCP requests without a tool call, and a tenant out of credits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({ managementRequestsPerMinute: 3 }, { creditsPerMonth: 2 }));
  });
  afterAll(async () => api.stop());

  it('count against the credential management budget: past it they are refused with 429, while tool calls go on as their routes', async () => {
    // Prepare: one minute window; connecting sends initialize and notifications/initialized.
    const { token } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token, { name: 'agent' });
    api.clock.freezeAt(api.clock.nextMinute(30));
    const client = new Client({ name: 'mcp-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/v1/mcp', api.url), { requestInit: { headers: bearer(key) } }));

    // Act
    await client.listTools();
    const refused = await client.listTools().catch((error: unknown) => error);
    const stored = (await client.callTool({ name: 'store_memory', arguments: { content: 'still works' } })) as CallToolResult;
    await client.close();

    // Assess
    expect(String(refused)).toMatch(/429|RATE_LIMIT_EXCEEDED/);
    expect(stored.isError).toBeFalsy();
    api.clock.jumpTo(api.clock.now());
  });

  it('answers a tool call past the monthly credits with QUOTA_EXCEEDED and the seconds until the month ends', async () => {
    // Prepare: the free tier here has 2 credits a month.
    const { token } = await registerTenant(api.call);
    const { key } = await createKey(api.call, token, { name: 'agent' });
    const client = new Client({ name: 'mcp-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/v1/mcp', api.url), { requestInit: { headers: bearer(key) } }));
    api.clock.freezeAt(api.clock.now());
    const now = new Date(api.clock.now());
    const secondsToMonthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000 - Math.floor(now.getTime() / 1000);

    // Act
    const call = (name: string, args: Record<string, unknown> = {}) =>
      client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
    const allowed = [await call('store_memory', { content: 'one' }), await call('list_memories')];
    const refused = await call('store_memory', { content: 'three' });
    const usage = await call('get_usage');
    await client.close();

    // Assess
    expect(allowed.map((result) => result.isError ?? false)).toEqual([false, false]);
    const error = (refused.structuredContent as { error: { code: string; retry_after_seconds: number } }).error;
    expect(refused.isError).toBe(true);
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.retry_after_seconds).toBe(secondsToMonthEnd);
    expect(usage.structuredContent).toMatchObject({ credits: { limit: 2, used: 2, remaining: 0 } });
    api.clock.jumpTo(api.clock.now());
  });
});
