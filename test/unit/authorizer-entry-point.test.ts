import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createAuthorizerHandler } from '../../lambda/authorizer/entry-point';
import { REFUSALS } from '../../lambda/authorizer/outcome';
import type { ApiKeyRecord } from '../../lambda/domain/records';
import { generateApiKey, keyStart } from '../../lambda/api-keys/key-format';
import { hashApiKey } from '../../lambda/api-keys/key-hash';
import { REQUEST_BUDGET_MS, budgeted } from '../../lambda/platform/budget';
import { logger } from '../../lambda/platform/logger';
import { PEPPER, authorizerEvent, createFakeDependencies } from './fake-dependencies';

const KEY = generateApiKey('mem', 'live');
const RECORD: ApiKeyRecord = {
  keyHash: hashApiKey(KEY, PEPPER),
  keyId: 'key_01',
  tenantId: 'tnt_01',
  name: 'agent',
  environment: 'live',
  scopes: ['memories:read'],
  start: keyStart(KEY),
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  replaces: null,
  tier: 'pro',
  gatewayKeyValue: 'gw-value',
};

function entryPoint() {
  const fake = createFakeDependencies();
  fake.getByHash.mockImplementation(async (hash) => (hash === RECORD.keyHash ? RECORD : undefined));
  return { ...fake, handler: createAuthorizerHandler(() => fake.deps) };
}

/** The JSON log lines written while a test runs (errors go to stderr, the rest to stdout). */
const logLines: Record<string, unknown>[] = [];
const streams = [process.stdout, process.stderr] as const;
const writes = streams.map((stream) => stream.write.bind(stream));
beforeEach(() => {
  logLines.length = 0;
  logger.setLogLevel('INFO');
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    }) as typeof stream.write;
  }
});
afterEach(() => {
  streams.forEach((stream, index) => (stream.write = writes[index] as typeof stream.write));
  logger.setLogLevel('SILENT');
});

describe('the authorizer entry point', () => {
  it('allows with the identity as context and the tenant gateway key as usageIdentifierKey', async () => {
    // Prepare
    const { handler } = entryPoint();
    const event = authorizerEvent('GET', '/v1/memories', { 'x-api-key': KEY });

    // Act
    const result = await handler(event);

    // Assess
    expect(result).toEqual({
      principalId: 'key_01',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
      context: {
        tenantId: 'tnt_01',
        principalId: 'key_01',
        keyId: 'key_01',
        scopes: 'memories:read',
        environment: 'live',
        tier: 'pro',
        expiresAt: '',
      },
      usageIdentifierKey: 'gw-value',
    });
  });

  it('turns a credential refusal into Unauthorized and logs its reason, never the credential', async () => {
    // Prepare
    const { handler } = entryPoint();
    const forged = KEY.slice(0, -1) + (KEY.endsWith('a') ? 'b' : 'a');

    // Act
    const result = handler(authorizerEvent('GET', '/v1/memories', { authorization: `Bearer ${forged}` }));

    // Assess
    await expect(result).rejects.toThrow('Unauthorized');
    expect(logLines).toEqual([
      expect.objectContaining({ message: 'credential refused', reason: 'bad_checksum', request_id: 'req-authorizer' }),
    ]);
    expect(JSON.stringify(logLines)).not.toContain(forged.slice(9, 30));
  });

  it('turns a scope refusal into a Deny whose context names the code and message, logged with tenant and key', async () => {
    // Prepare
    const { handler } = entryPoint();
    const event = authorizerEvent('POST', '/v1/memories', { 'x-api-key': KEY });

    // Act
    const result = await handler(event);

    // Assess
    expect(result).toEqual({
      principalId: 'key_01',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: event.methodArn }] },
      context: { errorCode: 'INSUFFICIENT_SCOPE', errorMessage: 'This route needs scope memories:write' },
    });
    expect(logLines).toEqual([
      expect.objectContaining({ message: 'credential refused', reason: 'insufficient_scope', tenant_id: 'tnt_01', key_id: 'key_01' }),
    ]);
  });

  it('fails closed, within its budget, when the key store does not answer: an error (API Gateway answers 503), never an Allow', async () => {
    // Prepare: a read that answers only when the budget aborts it, as budgeted store calls do.
    const { handler, getByHash } = entryPoint();
    getByHash.mockImplementation(() =>
      budgeted((signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))),
    );

    // Act
    const result = handler(authorizerEvent('GET', '/v1/memories', { 'x-api-key': KEY }));

    // Assess
    await expect(result).rejects.toMatchObject({ kind: 'unavailable' });
    expect(REQUEST_BUDGET_MS.authorizer).toBeLessThan(REQUEST_BUDGET_MS.handler);
    expect(logLines).toEqual([expect.objectContaining({ level: 'ERROR', message: 'authorizer failed' })]);
  });

  it('lets a store failure through as an error (API Gateway answers 500), not as a refusal', async () => {
    // Prepare
    const { handler, getByHash } = entryPoint();
    getByHash.mockRejectedValue(new Error('ProvisionedThroughputExceededException'));

    // Act
    const result = handler(authorizerEvent('GET', '/v1/memories', { 'x-api-key': KEY }));

    // Assess
    await expect(result).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(logLines).toEqual([expect.objectContaining({ level: 'ERROR', message: 'authorizer failed' })]);
  });

  it('counts each decision by its outcome: allowed, the refusal reason, or error', async () => {
    // Prepare
    const { handler, metrics, getByHash } = entryPoint();
    const forged = KEY.slice(0, -1) + (KEY.endsWith('a') ? 'b' : 'a');

    // Act
    await handler(authorizerEvent('GET', '/v1/memories', { 'x-api-key': KEY }));
    await handler(authorizerEvent('POST', '/v1/memories', { 'x-api-key': KEY }));
    await handler(authorizerEvent('GET', '/v1/memories', { 'x-api-key': forged })).catch(() => undefined);
    getByHash.mockRejectedValueOnce(new Error('InternalServerError'));
    await handler(authorizerEvent('GET', '/v1/memories', { 'x-api-key': generateApiKey('mem', 'live') })).catch(() => undefined);

    // Assess
    const count = (outcome: string) => metrics.count('AuthorizerDecisions', { outcome });
    expect([count('allowed'), count('insufficient_scope'), count('bad_checksum'), count('error')]).toEqual([1, 1, 1, 1]);
  });

  it('counts a store call that timed out', async () => {
    // Prepare
    const { handler, metrics, getByHash } = entryPoint();
    getByHash.mockRejectedValueOnce(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }));

    // Act
    await handler(authorizerEvent('GET', '/v1/memories', { 'x-api-key': KEY })).catch(() => undefined);

    // Assess
    expect(metrics.count('StoreTimeouts', {})).toBe(1);
  });
});

describe('REFUSALS', () => {
  it('answers credential problems with 401 and request problems with a 403 code the contract names', () => {
    // Act
    const statuses = Object.fromEntries(
      Object.entries(REFUSALS).map(([reason, refusal]) => [reason, refusal.status === 401 ? 401 : refusal.code]),
    );

    // Assess
    expect(statuses).toEqual({
      missing_credential: 401,
      malformed_credential: 401,
      conflicting_credentials: 401,
      bad_checksum: 401,
      unknown_key: 401,
      revoked_key: 401,
      expired_key: 401,
      invalid_token: 401,
      tenant_gone: 401,
      invalid_environment: 'ENVIRONMENT_FORBIDDEN',
      environment_forbidden: 'ENVIRONMENT_FORBIDDEN',
      insufficient_scope: 'INSUFFICIENT_SCOPE',
      tier_unavailable: 'TIER_UNAVAILABLE',
      external_token_invalid: 401,
      external_token_expired: 401,
      external_token_not_yet_valid: 401,
      external_key_unknown: 401,
      external_tenant_missing: 401,
    });
  });
});
