import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/server';

/** Starts the local gateway on a random port, over the run's DynamoDB Local, with fresh tables. */
export async function startTestApi(config: unknown = {}): Promise<LocalStack & { call: ApiCall }> {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const stack = await startLocalStack({
    port: 0,
    config,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tables: { accounts: `${prefix}-accounts`, apiKeys: `${prefix}-api-keys`, memories: `${prefix}-memories`, usage: `${prefix}-usage` },
  });
  return { ...stack, call: apiCaller(stack.url) };
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
  readonly json: any;
  readonly text: string;
}

export type ApiCall = (method: string, path: string, options?: { body?: unknown; raw?: string; headers?: Record<string, string> }) => Promise<ApiResponse>;

export function apiCaller(base: string): ApiCall {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(base + path, { method, headers, body });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
}

export const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

let counter = 0;
export const uniqueEmail = () => `user-${Date.now()}-${counter++}-${randomBytes(3).toString('hex')}@example.com`;

/** Registers a tenant and returns its owner token and tenant id. */
export async function registerTenant(call: ApiCall, email = uniqueEmail()): Promise<{ token: string; tenantId: string; email: string }> {
  const response = await call('POST', '/v1/auth/register', { body: { email, password: 'correct horse battery', full_name: 'Test User' } });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return { token: response.json.access_token, tenantId: response.json.user.tenant_id, email };
}

/** Creates an API key with the owner token and returns the plaintext and id. */
export async function createKey(call: ApiCall, token: string, body: Record<string, unknown> = { name: 'test key' }): Promise<{ key: string; id: string }> {
  const response = await call('POST', '/v1/api-keys', { headers: bearer(token), body });
  if (response.status !== 201) throw new Error(`create key failed: ${response.status} ${response.text}`);
  return { key: response.json.key, id: response.json.id };
}

export function expectError(response: ApiResponse, status: number, code: string): void {
  if (response.status !== status || response.json?.error?.code !== code || typeof response.json?.error?.request_id !== 'string' || typeof response.json?.error?.message !== 'string') {
    throw new Error(`expected ${status} ${code}, got ${response.status} ${response.text.slice(0, 300)}`);
  }
}
