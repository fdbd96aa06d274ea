import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, type TableNames } from '../../lambda/platform/dynamo';
import { LOCAL_TIER_CHANGE_PATH } from '../../local/operator-routes';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/server';
import { DYNAMO_ENDPOINT_ENVIRONMENT } from './dynamo-global-setup';
import { TestClock } from './test-clock';
import { apiCaller, bearer, type ApiCall, type ApiResponse } from '../../scripts/http-client';
import { documentCheckedCaller } from './openapi-responses';

function dynamoEndpoint(): string {
  const endpoint = process.env[DYNAMO_ENDPOINT_ENVIRONMENT];
  if (!endpoint) throw new Error('HTTP tests need the DynamoDB Local that test/helpers/dynamo-global-setup.ts starts');
  return endpoint;
}

export type TestApi = LocalStack & {
  readonly call: ApiCall;
  readonly clock: TestClock;
  /** The operator's tier change, as `npm run set-tier` sends it to the local server. */
  readonly setTier: (tenantId: string, tier: string) => Promise<ApiResponse>;
};

/** Fresh table names, so a test file never sees another's data in the shared DynamoDB Local. */
export function freshTables(): TableNames {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  return {
    accounts: `${prefix}-accounts`,
    apiKeys: `${prefix}-api-keys`,
    memories: `${prefix}-memories`,
    usage: `${prefix}-usage`,
    audit: `${prefix}-audit`,
  };
}

/** What a restart keeps: the tables, and the data folder that holds the secrets and gateway keys. */
export interface TestApiState {
  readonly tables?: TableNames;
  readonly dataDir?: string;
  /** A DynamoDB Local of the test's own (fault tests pause or kill it); the run's shared one otherwise. */
  readonly dynamoEndpoint?: string;
}

/** What a test may tune: the stand-ins' rules, and hooks that watch the functions' AWS calls. */
export type TestApiOptions = TestApiState &
  Pick<LocalStackOptions, 'gsiLagMs' | 'apiKeyQuota' | 'instrument' | 'around' | 'vectorFault' | 'requestTimeoutMs'>;

/**
 * Starts the local gateway on a random port, over the run's DynamoDB Local, with a clock the test
 * moves: on fresh tables and in-memory secrets, unless it is given an earlier stack's state (a
 * restart). The stand-ins obey AWS's rules as in `npm start` (index lag 1 s on the test clock, the
 * account's API key quota, control-plane throttles). Every answer `call` receives is checked
 * against docs/openapi.json, so the document cannot drift from the product.
 */
export async function startTestApi(config: unknown = {}, options: TestApiOptions = {}): Promise<TestApi> {
  const { tables, dataDir, dynamoEndpoint: endpoint, ...rules } = options;
  const clock = new TestClock();
  const stack = await startLocalStack({
    ...rules,
    port: 0,
    config,
    dynamoEndpoint: endpoint ?? dynamoEndpoint(),
    tables: tables ?? freshTables(),
    dataDir,
    now: clock.now,
  });
  const call = documentCheckedCaller(apiCaller(stack.url));
  const setTier = (tenantId: string, tier: string) =>
    call('POST', LOCAL_TIER_CHANGE_PATH, { headers: bearer(stack.operatorToken), body: { tenantId, tier } });
  return { ...stack, call, clock, setTier };
}

export { apiCaller, bearer, type ApiCall, type ApiResponse } from '../../scripts/http-client';

/** Every item of one of the run's tables, as the stores wrote it (for tests of storage itself). */
export async function scanTable(table: string): Promise<Record<string, unknown>[]> {
  const db = createDocumentClient(dynamoEndpoint());
  const items: Record<string, unknown>[] = [];
  try {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  } finally {
    db.destroy();
  }
  return items;
}

let counter = 0;
export const uniqueEmail = () => `user-${Date.now()}-${counter++}-${randomBytes(3).toString('hex')}@example.com`;

/** Registers a tenant and returns its owner token and tenant id. */
export async function registerTenant(call: ApiCall, email = uniqueEmail()): Promise<{ token: string; tenantId: string; email: string }> {
  const response = await call('POST', '/v1/auth/register', { body: { email, password: 'correct horse battery', full_name: 'Test User' } });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return { token: response.json.access_token, tenantId: response.json.user.tenant_id, email };
}

/** Creates an API key with the owner token and returns the plaintext and id. */
export async function createKey(
  call: ApiCall,
  token: string,
  body: Record<string, unknown> = { name: 'test key' },
): Promise<{ key: string; id: string }> {
  const response = await call('POST', '/v1/api-keys', { headers: bearer(token), body });
  if (response.status !== 201) throw new Error(`create key failed: ${response.status} ${response.text}`);
  return { key: response.json.key, id: response.json.id };
}

/** Stores a memory with the credential and returns its id. */
export async function remember(call: ApiCall, credential: string, content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await call('POST', '/v1/memories', { headers: bearer(credential), body: { content, ...extra } });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.text}`);
  return response.json.id;
}

export function expectError(response: ApiResponse, status: number, code: string): void {
  if (
    response.status !== status ||
    response.json?.error?.code !== code ||
    typeof response.json?.error?.request_id !== 'string' ||
    typeof response.json?.error?.message !== 'string'
  ) {
    throw new Error(`expected ${status} ${code}, got ${response.status} ${response.text.slice(0, 300)}`);
  }
}
