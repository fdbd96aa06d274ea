import { randomBytes } from 'node:crypto';
import { resolveAppConfig, type AppConfig } from '../lambda/shared/config';
import { tierOf } from '../lambda/shared/deployed-config';
import { apiCaller, bearer, type ApiCall, type ApiResponse } from './http-client';

/** What the deployment is configured to do, so each check can print expected against actual. */
export interface VerifyExpectations {
  /** Where the expectations came from (printed first). */
  readonly source: string;
  readonly keyPrefix: string;
  /** The tier a sign-up lands on, with its limits (`null` = unlimited). */
  readonly tier: {
    readonly name: string;
    readonly requestsPerMinute: number;
    readonly creditsPerMonth: number | null;
    readonly activeKeys: number | null;
  };
}

/** The expectations a configuration gives (the stack's `AppConfig` output, or `MEMORY_API_CONFIG` locally). */
export function expectationsOf(config: AppConfig, source: string): VerifyExpectations {
  const tier = tierOf(config, config.defaultTier);
  return {
    source,
    keyPrefix: config.keyPrefix,
    tier: {
      name: config.defaultTier,
      requestsPerMinute: tier.requestsPerMinute,
      creditsPerMonth: tier.creditsPerMonth,
      activeKeys: tier.activeKeys,
    },
  };
}

export function describeExpectations(expected: VerifyExpectations): string {
  const { tier } = expected;
  const credits = tier.creditsPerMonth ?? 'unlimited';
  const keys = tier.activeKeys ?? 'unlimited';
  return `expecting key prefix ${expected.keyPrefix}, sign-ups on tier ${tier.name} (${tier.requestsPerMinute}/min, ${credits} credits, ${keys} active keys), from ${expected.source}`;
}

export interface VerifyOptions {
  /** The API's base URL: `npm start`'s, or the deployed stage's (`ApiUrl` output). */
  readonly baseUrl: string;
  /** What the deployment should answer. @default the default configuration's */
  readonly expected?: VerifyExpectations;
  /** Waits while an eventually consistent list catches up (real time by default; the tests move their clock). */
  readonly pause?: (ms: number) => Promise<void>;
  /** Receives one line per check. */
  readonly log?: (line: string) => void;
}

export interface VerifyResult {
  readonly passed: number;
  readonly failed: number;
  /** Checks not run because a check they need failed (or was skipped). */
  readonly skipped: number;
  readonly failures: readonly string[];
  /** The throwaway tenant, which stays (the API has no account deletion); its keys are revoked, its memories deleted. */
  readonly tenantId?: string;
}

/** What the walk created, so it can clean up after itself. */
interface Walk {
  call: ApiCall;
  token: string;
  tenantId: string | undefined;
  keyIds: Set<string>;
  memoryIds: Set<string>;
}

// Checks that later checks need (a failed one skips them).
const REGISTER = 'register creates a tenant and answers 201 with a bearer token';
const WRITE_KEY = 'create a read-write key: 201, plaintext shown once';
const READ_KEY = 'create a read-only key, then read it by id at once';
const STORE = 'store a memory with an Idempotency-Key; the retry replays it';

const EVENTUAL_WAIT_MS = 5_000;
const POLL_MS = 250;

/**
 * A post-deploy check: registers a throwaway tenant, walks the contract (auth, keys and scopes,
 * memories, limit headers, error shapes) and cleans up after itself (its memories are deleted and
 * its keys revoked; the tenant stays, as the API has no account deletion). Reads that must see a
 * write at once (a key by id, login after sign-up) are checked at once; lists, which may lag by a
 * moment, are polled.
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const pause = options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = options.log ?? (() => undefined);
  const expected = options.expected ?? expectationsOf(resolveAppConfig(undefined, 'the defaults'), 'the default configuration');
  const prefix = expected.keyPrefix;
  const failures: string[] = [];
  const outcomes = new Map<string, 'ok' | 'failed' | 'skipped'>();
  let passed = 0;
  let skipped = 0;
  /** Runs one check, unless a check it needs did not pass: then it is skipped, so one fault reads as one failure. */
  const check = async (name: string, body: () => Promise<void>, needs: readonly string[] = []): Promise<void> => {
    const blocked = needs.filter((need) => outcomes.get(need) !== 'ok');
    if (blocked.length > 0) {
      skipped += 1;
      outcomes.set(name, 'skipped');
      log(`skip ${name} (needs: ${blocked.join('; ')})`);
      return;
    }
    try {
      await body();
      passed += 1;
      outcomes.set(name, 'ok');
      log(`ok   ${name}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failures.push(`${name}: ${reason}`);
      outcomes.set(name, 'failed');
      log(`FAIL ${name}: ${reason}`);
    }
  };
  const walk: Walk = {
    call: apiCaller(options.baseUrl.replace(/\/$/, '')),
    token: '',
    tenantId: undefined,
    keyIds: new Set(),
    memoryIds: new Set(),
  };
  const { call } = walk;
  const email = `verify-${Date.now()}-${randomBytes(4).toString('hex')}@example.com`;
  const password = randomBytes(18).toString('base64url');
  let readKey = '';
  let readKeyId = '';
  let writeKey = '';
  let memoryId = '';

  await check('GET /health answers 200 without credentials', async () => {
    const response = await call('GET', '/health');
    expect(response.status === 200, response);
  });
  await check('an unknown route is 404 NOT_FOUND in the error shape', async () => {
    expectError(await call('GET', '/v1/no-such-route'), 404, 'NOT_FOUND');
  });
  await check('a request without credentials is 401 AUTH_REQUIRED', async () => {
    expectError(await call('GET', '/v1/memories'), 401, 'AUTH_REQUIRED');
  });
  await check('a key with a bad checksum is 401 AUTH_REQUIRED', async () => {
    expectError(await call('GET', '/v1/memories', { headers: { 'x-api-key': `${prefix}_live_${'A'.repeat(38)}` } }), 401, 'AUTH_REQUIRED');
  });
  await check(REGISTER, async () => {
    const response = await call('POST', '/v1/auth/register', { body: { email, password, full_name: 'Post-deploy check' } });
    expect(response.status === 201 && response.json?.token_type === 'Bearer' && typeof response.json?.access_token === 'string', response);
    walk.token = response.json.access_token;
    walk.tenantId = response.json.user?.tenant_id;
  });
  await check(
    'register with the same email is 409 EMAIL_TAKEN',
    async () => expectError(await call('POST', '/v1/auth/register', { body: { email, password, full_name: 'Again' } }), 409, 'EMAIL_TAKEN'),
    [REGISTER],
  );
  await check('register with a bad body is 400 VALIDATION_ERROR with details', async () => {
    const response = await call('POST', '/v1/auth/register', { body: { email: 'not an email', password: 'short' } });
    expectError(response, 400, 'VALIDATION_ERROR');
    expect(Array.isArray(response.json.error.details), response);
  });
  await check(
    'login right after sign-up answers 200',
    async () => {
      const response = await call('POST', '/v1/auth/login', { body: { email, password } });
      expect(response.status === 200 && typeof response.json?.access_token === 'string', response);
    },
    [REGISTER],
  );
  await check(
    'the owner token works right after sign-up, with rate limit headers',
    async () => {
      const response = await call('GET', '/v1/usage', { headers: bearer(walk.token) });
      expect(response.status === 200 && typeof response.json?.tier === 'string', response);
      expectLimitHeaders(response);
    },
    [REGISTER],
  );
  await check(
    `a sign-up lands on tier ${expected.tier.name} with its limits`,
    async () => {
      const response = await call('GET', '/v1/usage', { headers: bearer(walk.token) });
      expect(response.status === 200, response);
      expectValue('tier', expected.tier.name, response.json?.tier);
      expectValue('requests per minute', expected.tier.requestsPerMinute, response.json?.rate_limit?.requests_per_minute);
      expectValue('monthly credits', expected.tier.creditsPerMonth, response.json?.credits?.limit);
      expectValue('active key limit', expected.tier.activeKeys, response.json?.keys?.limit);
    },
    [REGISTER],
  );
  await check(WRITE_KEY, async () => {
    const response = await call('POST', '/v1/api-keys', {
      headers: bearer(walk.token),
      body: { name: 'verify read-write', scopes: ['read', 'write', 'delete'] },
    });
    expect(response.status === 201 && typeof response.json?.key === 'string', response);
    writeKey = response.json.key;
    walk.keyIds.add(response.json.id);
  }, [REGISTER]);
  await check(
    `keys carry the deployment's prefix ${prefix}_live_`,
    async () => {
      expectValue('key prefix', `${prefix}_live_`, `${writeKey.split('_').slice(0, 2).join('_')}_`);
    },
    [WRITE_KEY],
  );
  await check(READ_KEY, async () => {
    const created = await call('POST', '/v1/api-keys', {
      headers: bearer(walk.token),
      body: { name: 'verify read-only', scopes: ['read'] },
    });
    expect(created.status === 201, created);
    readKey = created.json.key;
    readKeyId = created.json.id;
    walk.keyIds.add(readKeyId);
    const found = await call('GET', `/v1/api-keys/${readKeyId}`, { headers: bearer(walk.token) });
    expect(found.status === 200 && found.json?.id === readKeyId && found.json?.key === undefined, found);
  }, [REGISTER]);
  await check(
    'a read-only key may not write: 403 INSUFFICIENT_SCOPE',
    async () =>
      expectError(await call('POST', '/v1/memories', { headers: bearer(readKey), body: { content: 'no' } }), 403, 'INSUFFICIENT_SCOPE'),
    [READ_KEY],
  );
  await check(STORE, async () => {
    const request = {
      headers: { ...bearer(writeKey), 'idempotency-key': `verify-${randomBytes(6).toString('hex')}` },
      body: { content: 'The user prefers green tea', metadata: { source: 'verify' } },
    };
    const first = await call('POST', '/v1/memories', request);
    expect(first.status === 201 && typeof first.json?.id === 'string', first);
    memoryId = first.json.id;
    walk.memoryIds.add(memoryId);
    expectLimitHeaders(first);
    const replay = await call('POST', '/v1/memories', request);
    expect(replay.status === 201 && replay.json?.id === memoryId && replay.headers.get('idempotent-replayed') === 'true', replay);
  }, [WRITE_KEY]);
  await check(
    'read, update and search the memory',
    async () => {
      const read = await call('GET', `/v1/memories/${memoryId}`, { headers: bearer(readKey) });
      expect(read.status === 200 && read.json?.content === 'The user prefers green tea', read);
      const patched = await call('PATCH', `/v1/memories/${memoryId}`, {
        headers: bearer(writeKey),
        body: { content: 'The user prefers green tea in the morning' },
      });
      expect(patched.status === 200 && patched.json?.content === 'The user prefers green tea in the morning', patched);
      const found = await call('POST', '/v1/memories/search', { headers: bearer(readKey), body: { query: 'green tea' } });
      expect(found.status === 200 && Array.isArray(found.json?.data), found);
    },
    [STORE, READ_KEY],
  );
  await check(
    'X-RateLimit-Remaining drops by one per request',
    async () => {
      const first = await call('GET', '/v1/memories?limit=1', { headers: bearer(readKey) });
      const second = await call('GET', '/v1/memories?limit=1', { headers: bearer(readKey) });
      expect(first.status === 200 && Array.isArray(first.json?.data), first);
      const sameWindow = first.headers.get('x-ratelimit-reset') === second.headers.get('x-ratelimit-reset');
      const drop = Number(first.headers.get('x-ratelimit-remaining')) - Number(second.headers.get('x-ratelimit-remaining'));
      expect(!sameWindow || drop === 1, second);
    },
    [READ_KEY],
  );
  await check(
    'a bad memory body is 400 VALIDATION_ERROR with details',
    async () => {
      const response = await call('POST', '/v1/memories', { headers: bearer(writeKey), body: { content: '' } });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(Array.isArray(response.json.error.details), response);
    },
    [WRITE_KEY],
  );
  await check(
    'a live key asking for the test sandbox is 403 ENVIRONMENT_FORBIDDEN',
    async () => {
      expectError(
        await call('GET', '/v1/memories', { headers: { ...bearer(readKey), 'x-environment': 'test' } }),
        403,
        'ENVIRONMENT_FORBIDDEN',
      );
    },
    [READ_KEY],
  );
  await check(
    'rotate a key: 201 with a new key; the old one works during the grace period',
    async () => {
      const rotated = await call('POST', `/v1/api-keys/${readKeyId}/rotate`, {
        headers: bearer(walk.token),
        body: { grace_period_seconds: 600 },
      });
      expect(rotated.status === 201 && rotated.json?.replaces === readKeyId && typeof rotated.json?.key === 'string', rotated);
      walk.keyIds.add(rotated.json.id);
      const old = await call('GET', '/v1/memories', { headers: bearer(readKey) });
      expect(old.status === 200, old);
    },
    [READ_KEY],
  );
  await check(
    'a key’s usage by day',
    async () => {
      const response = await call('GET', `/v1/api-keys/${readKeyId}/usage?days=2`, { headers: bearer(walk.token) });
      expect(response.status === 200 && response.json?.days?.length === 2, response);
    },
    [READ_KEY],
  );
  await check(
    'the key list shows the new keys (lists may lag a moment)',
    async () => {
      let listed = new Set<string>();
      for (let waited = 0; ; waited += POLL_MS) {
        const response = await call('GET', '/v1/api-keys?limit=100', { headers: bearer(walk.token) });
        expect(response.status === 200 && Array.isArray(response.json?.data), response);
        listed = new Set((response.json.data as { id: string }[]).map((key) => key.id));
        if ([...walk.keyIds].every((id) => listed.has(id)) || waited >= EVENTUAL_WAIT_MS) break;
        await pause(POLL_MS);
      }
      const missing = [...walk.keyIds].filter((id) => !listed.has(id));
      if (missing.length) throw new Error(`not listed after ${EVENTUAL_WAIT_MS / 1000} s: ${missing.join(', ')}`);
    },
    [REGISTER],
  );
  await check('clean up: the memory is deleted and every key revoked', async () => cleanUp(walk), [REGISTER]);
  return { passed, failed: failures.length, skipped, failures, ...(walk.tenantId ? { tenantId: walk.tenantId } : {}) };
}

export function summary(result: VerifyResult): string {
  return `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
}

async function cleanUp(walk: Walk): Promise<void> {
  if (!walk.token) throw new Error('no owner token: nothing was created');
  for (const id of walk.memoryIds) {
    const response = await walk.call('DELETE', `/v1/memories/${id}`, { headers: bearer(walk.token) });
    expect(response.status === 204, response);
  }
  for (const id of walk.keyIds) {
    const response = await walk.call('DELETE', `/v1/api-keys/${id}`, { headers: bearer(walk.token) });
    expect(response.status === 200 && response.json?.status === 'revoked', response);
  }
}

function expect(condition: unknown, response: ApiResponse): void {
  if (!condition) throw new Error(`unexpected answer: got ${response.status} ${response.text.slice(0, 300).trim()}`);
}

function expectValue(label: string, expected: unknown, actual: unknown): void {
  if (actual !== expected) throw new Error(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function expectError(response: ApiResponse, status: number, code: string): void {
  const error = response.json?.error;
  const fine =
    response.status === status && error?.code === code && typeof error.message === 'string' && typeof error.request_id === 'string';
  if (!fine) throw new Error(`expected ${status} ${code} in the error shape, got ${response.status} ${response.text.slice(0, 300).trim()}`);
}

function expectLimitHeaders(response: ApiResponse): void {
  for (const header of ['x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
    if (!response.headers.get(header)) throw new Error(`no ${header} header on ${response.status}`);
  }
}
