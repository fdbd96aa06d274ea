import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AUTHORIZER_TABLE_ACTIONS } from '../../lib/api-key-authorizer';
import { handlerTableGrants } from '../../lib/memory-api-stack';
import type { HandlerName } from '../../lambda/shared/routes';
import { bearer, createKey, registerTenant, remember, startTestApi, uniqueEmail, type TestApi } from '../helpers/local-api';

type FunctionName = 'authorizer' | HandlerName;
/** Per function, per table (or `table/index`), the DynamoDB actions it called. */
type Usage = Record<string, Record<string, string[]>>;

const DAY_MS = 86_400_000;
const ACTION_OF_TRANSACT_ITEM: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};
const TABLE_SUFFIXES = {
  '-accounts': 'accounts',
  '-api-keys': 'apiKeys',
  '-memories': 'memories',
  '-usage': 'usage',
  '-audit': 'audit',
} as const;

function logicalTable(tableName: string, indexName?: string): string {
  const [, table] = Object.entries(TABLE_SUFFIXES).find(([suffix]) => tableName.endsWith(suffix)) ?? [undefined, tableName];
  return indexName ? `${table}/${indexName}` : table;
}

/** Records, by the function running at the time, every DynamoDB action and the table it touched. */
function recorder() {
  const current = new AsyncLocalStorage<FunctionName>();
  const calls = new Map<FunctionName, Map<string, Set<string>>>();
  const note = (fn: FunctionName, table: string, action: string) => {
    const tables = calls.get(fn) ?? new Map<string, Set<string>>();
    tables.set(table, (tables.get(table) ?? new Set()).add(action));
    calls.set(fn, tables);
  };
  const instrument = (client: DynamoDBDocumentClient) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const fn = current.getStore();
        const input = args.input as {
          TableName?: string;
          IndexName?: string;
          TransactItems?: Record<string, { TableName: string } | undefined>[];
          RequestItems?: Record<string, unknown>;
        };
        // The document client sends the low-level commands (GetItemCommand, TransactWriteItemsCommand, ...).
        if (fn && context.commandName === 'TransactWriteItemsCommand') {
          for (const item of input.TransactItems ?? []) {
            for (const [kind, operation] of Object.entries(item)) {
              if (operation) note(fn, logicalTable(operation.TableName), ACTION_OF_TRANSACT_ITEM[kind] ?? kind);
            }
          }
        } else if (fn && context.commandName === 'BatchGetItemCommand') {
          for (const table of Object.keys(input.RequestItems ?? {})) note(fn, logicalTable(table), 'BatchGetItem');
        } else if (fn && input.TableName) {
          note(fn, logicalTable(input.TableName, input.IndexName), String(context.commandName).replace(/Command$/, ''));
        }
        return next(args);
      },
      { step: 'initialize', name: 'grantRecorder' },
    );
  };
  const usage = (): Usage =>
    Object.fromEntries(
      [...calls].map(([fn, tables]) => [fn, Object.fromEntries([...tables].map(([table, actions]) => [table, [...actions].sort()]))]),
    );
  return { instrument, around: <T>(fn: FunctionName, run: () => Promise<T>) => current.run(fn, run), usage };
}

/** What the stack grants each function, in the same shape. */
function granted(): Usage {
  const handlers: HandlerName[] = ['health', 'docs', 'auth', 'apiKeys', 'memories', 'usage', 'audit', 'mcp'];
  const result: Usage = {
    authorizer: { accounts: [...AUTHORIZER_TABLE_ACTIONS], apiKeys: [...AUTHORIZER_TABLE_ACTIONS], audit: ['PutItem'] },
  };
  for (const handler of handlers) {
    const tables: Record<string, string[]> = {};
    for (const [table, grant] of Object.entries(handlerTableGrants(handler))) {
      if (grant.actions.length > 0) tables[table] = [...grant.actions].sort();
      for (const index of grant.indexes ?? []) tables[`${table}/${index}`] = ['Query'];
    }
    if (Object.keys(tables).length > 0) result[handler] = tables;
  }
  return result;
}

/**
 * The stack grants each function exact DynamoDB actions (lib/memory-api-stack.ts). This runs every
 * route, the paths that write (expired key slots given back, rotation, idempotent retries, login
 * lockout windows) included, and checks the actions each function really calls against the grants
 * both ways: nothing called without a grant (AccessDenied in AWS), nothing granted but never called.
 */
describe('DynamoDB grants against the calls each function makes', () => {
  const calls = recorder();
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({}, { instrument: calls.instrument, around: calls.around });
    const call = api.call;
    const email = uniqueEmail();
    await call('GET', '/health');
    const { token: first } = await registerTenant(call, email);
    await call('POST', '/v1/auth/register', { body: { email, password: 'another password', full_name: 'Taken' } });
    await call('POST', '/v1/auth/login', { body: { email, password: 'wrong password!' } });
    const login = () => call('POST', '/v1/auth/login', { body: { email, password: 'correct horse battery' } });
    await login();

    const expiring = await createKey(call, first, { name: 'expiring', expires_in_days: 1 });
    const rotated = await createKey(call, first, { name: 'rotated', scopes: ['admin'] });
    api.clock.advance(2 * DAY_MS);
    const token = (await login()).json.access_token as string;
    // The free tier holds two keys: this creation gives the expired key's slot back first.
    const third = await createKey(call, token, { name: 'third' });
    await call('GET', '/v1/api-keys', { headers: bearer(token) });
    await call('GET', `/v1/api-keys/${expiring.id}`, { headers: bearer(token) });
    await call('GET', `/v1/api-keys/${rotated.id}/usage?days=7`, { headers: bearer(rotated.key) });
    await call('POST', `/v1/api-keys/${rotated.id}/rotate`, { headers: bearer(token), body: { grace_period_seconds: 60 } });
    await call('DELETE', `/v1/api-keys/${third.id}`, { headers: bearer(token) });

    const id = await remember(call, rotated.key, 'green tea in the morning');
    const idempotent = { headers: { ...bearer(rotated.key), 'idempotency-key': 'grants-1' }, body: { content: 'once' } };
    await call('POST', '/v1/memories', idempotent);
    await call('POST', '/v1/memories', idempotent);
    await call('GET', '/v1/memories', { headers: bearer(rotated.key) });
    await call('GET', `/v1/memories/${id}`, { headers: bearer(rotated.key) });
    await call('PATCH', `/v1/memories/${id}`, { headers: bearer(rotated.key), body: { content: 'green tea at noon' } });
    await call('POST', '/v1/memories/search', { headers: bearer(rotated.key), body: { query: 'tea' } });
    await call('DELETE', `/v1/memories/${id}`, { headers: bearer(rotated.key) });
    await call('GET', '/v1/usage', { headers: bearer(token) });
    await call('GET', '/v1/usage/daily', { headers: bearer(token) });
    // Every MCP tool, each run as the route it mirrors, and a request without a tool call.
    const mcp = (method: string, params: Record<string, unknown> = {}) =>
      call('POST', '/v1/mcp', {
        headers: { ...bearer(rotated.key), accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
        body: { jsonrpc: '2.0', id: 1, method, params },
      });
    const tool = (name: string, args: Record<string, unknown> = {}) => mcp('tools/call', { name, arguments: args });
    await mcp('tools/list');
    const mcpId = (await tool('store_memory', { content: 'oolong' })).json.result.structuredContent.id as string;
    await tool('list_memories');
    await tool('get_memory', { id: mcpId });
    await tool('update_memory', { id: mcpId, content: 'oolong tea' });
    await tool('search_memories', { query: 'tea' });
    await tool('delete_memory', { id: mcpId });
    await tool('get_usage');
    // The expired key used once more: the authorizer writes that to the audit trail.
    await call('GET', '/v1/memories', { headers: bearer(expiring.key) });
    await call('GET', '/v1/audit-events', { headers: bearer(token) });
  });
  afterAll(async () => api.stop());

  it('every function calls exactly the actions its role is granted, per table and index', () => {
    // Act
    const used = calls.usage();

    // Assess
    expect(used).toEqual(granted());
  });
});
