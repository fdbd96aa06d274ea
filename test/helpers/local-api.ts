import { randomBytes } from 'node:crypto';
import { startLocalStack, type LocalStack } from '../../local/server';
import { DYNAMO_ENDPOINT_ENVIRONMENT } from './dynamo-global-setup';
import { TestClock } from './test-clock';
import { apiCaller, bearer, type ApiCall, type ApiResponse } from '../../scripts/http-client';
import { documentCheckedCaller } from './openapi-responses';

function dynamoEndpoint(): string {
  const endpoint = process.env[DYNAMO_ENDPOINT_ENVIRONMENT];
  if (!endpoint) throw new Error('HTTP tests need the DynamoDB Local that test/helpers/dynamo-global-setup.ts starts');
  return endpoint;
}

export type TestApi = LocalStack & { readonly call: ApiCall; readonly clock: TestClock };

/**
 * Starts the local gateway on a random port, over the run's DynamoDB Local, with fresh tables and a clock the test moves.
 * Every answer `call` receives is checked against docs/openapi.json, so the document cannot drift from the product.
 */
export async function startTestApi(config: unknown = {}): Promise<TestApi> {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const clock = new TestClock();
  const stack = await startLocalStack({
    port: 0,
    config,
    dynamoEndpoint: dynamoEndpoint(),
    tables: {
      accounts: `${prefix}-accounts`,
      apiKeys: `${prefix}-api-keys`,
      memories: `${prefix}-memories`,
      usage: `${prefix}-usage`,
      audit: `${prefix}-audit`,
    },
    now: clock.now,
  });
  return { ...stack, call: documentCheckedCaller(apiCaller(stack.url)), clock };
}

export { apiCaller, bearer, type ApiCall, type ApiResponse } from '../../scripts/http-client';

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
