import type { APIGatewayEventRequestContextWithAuthorizer, APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { jest } from '@jest/globals';
import type { ApiKeyRecord, Tenant } from '../../lambda/domain/records';
import type { Dependencies } from '../../lambda/wiring/dependencies';
import type { SecretName, SecretVersions } from '../../lambda/platform/secrets';
import { CountingMetrics } from '../../lambda/platform/metrics';
import { parseAppConfig, type AppConfigInput } from '../../lambda/shared/config';
import type { ChargeRequest, ChargeResult, ManagementRequest } from '../../lambda/store/usage-counters';

export const PEPPER = 'unit-test-pepper';
export const JWT_SECRET = 'unit-test-jwt-secret-0123456789abcdef';

/**
 * A store whose listed methods are the given fakes; any other method records its call and throws,
 * so a test can assert that a path made no store call at all.
 */
function recordingStore<T extends object>(name: string, methods: Partial<T>, calls: string[]): T {
  return new Proxy(methods, {
    get(target, property) {
      const method = Reflect.get(target, property) as unknown;
      const label = `${name}.${String(property)}`;
      if (typeof method === 'function') {
        return (...args: unknown[]) => {
          calls.push(label);
          return Reflect.apply(method, target, args) as unknown;
        };
      }
      return () => {
        calls.push(label);
        throw new Error(`unexpected store call ${label}`);
      };
    },
  }) as T;
}

export function createFakeDependencies(config: AppConfigInput = {}, start = Date.UTC(2026, 5, 1, 12)) {
  const clock = { now: start };
  const storeCalls: string[] = [];
  const getByHash = jest.fn<(keyHash: string) => Promise<ApiKeyRecord | undefined>>(async () => undefined);
  const getTenant = jest.fn<(tenantId: string) => Promise<Tenant | undefined>>(async () => undefined);
  const charge = jest.fn<(request: ChargeRequest) => Promise<ChargeResult>>(async () => ({ ok: true, minuteCount: 1, creditsUsed: 1 }));
  const chargeManagement = jest.fn<(request: ManagementRequest) => Promise<ChargeResult>>(async () => ({
    ok: true,
    minuteCount: 1,
    creditsUsed: 0,
  }));
  const secretsGet = jest.fn<(name: SecretName) => Promise<SecretVersions>>(async (name) => ({
    current: name === 'pepper' ? PEPPER : JWT_SECRET,
  }));
  const metrics = new CountingMetrics();
  const secretsRefresh = jest.fn<(name: SecretName) => Promise<SecretVersions>>((name) => secretsGet(name));
  const deps: Dependencies = {
    config: parseAppConfig(config, 'unit test'),
    secrets: { get: secretsGet, refresh: secretsRefresh },
    gatewayKeys: recordingStore<Dependencies['gatewayKeys']>('gatewayKeys', {}, storeCalls),
    tenants: recordingStore<Dependencies['tenants']>('tenants', { getTenant }, storeCalls),
    loginAttempts: recordingStore<Dependencies['loginAttempts']>('loginAttempts', {}, storeCalls),
    gatewayKeySlots: recordingStore<Dependencies['gatewayKeySlots']>('gatewayKeySlots', {}, storeCalls),
    apiKeys: recordingStore<Dependencies['apiKeys']>('apiKeys', { getByHash }, storeCalls),
    memories: recordingStore<Dependencies['memories']>('memories', {}, storeCalls),
    idempotentWrites: recordingStore<Dependencies['idempotentWrites']>('idempotentWrites', {}, storeCalls),
    usage: recordingStore<Dependencies['usage']>('usage', { charge, chargeManagement }, storeCalls),
    metrics,
    audit: recordingStore<Dependencies['audit']>('audit', { record: async () => undefined }, storeCalls),
    now: () => clock.now,
  };
  return { deps, clock, storeCalls, getByHash, getTenant, charge, chargeManagement, secretsGet, secretsRefresh, metrics };
}

function requestContext<T>(
  requestId: string,
  method: string,
  resource: string,
  authorizer: T,
): APIGatewayEventRequestContextWithAuthorizer<T> {
  return {
    accountId: '123456789012',
    apiId: 'abc123',
    authorizer,
    protocol: 'HTTP/1.1',
    httpMethod: method,
    path: resource,
    stage: 'dev',
    requestId,
    requestTimeEpoch: 0,
    resourceId: 'res',
    resourcePath: resource,
  } as APIGatewayEventRequestContextWithAuthorizer<T>;
}

export function authorizerEvent(method: string, resource: string, headers: Record<string, string>): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:us-east-1:123456789012:abc123/dev/${method}${resource}`,
    resource,
    path: resource,
    httpMethod: method,
    headers,
    multiValueHeaders: null,
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: requestContext('req-authorizer', method, resource, undefined),
  };
}

export interface ProxyEventOptions {
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Record<string, string>;
  readonly authorizer?: Record<string, string>;
  readonly requestId?: string;
  readonly query?: Record<string, string>;
}

export function proxyEvent(method: string, resource: string, options: ProxyEventOptions = {}): APIGatewayProxyEvent {
  return {
    body: options.body ?? null,
    headers: options.headers ?? {},
    multiValueHeaders: {},
    httpMethod: method,
    isBase64Encoded: options.isBase64Encoded ?? false,
    path: resource,
    pathParameters: null,
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: requestContext(options.requestId ?? 'req-1', method, resource, options.authorizer ?? {}),
    resource,
  };
}
