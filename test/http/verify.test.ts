import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectationsOf, runVerify, summary } from '../../scripts/verify-checks';
import { resolveAppConfig } from '../../lambda/shared/config';
import { startTestApi, type TestApi } from '../helpers/local-api';

describe('npm run verify against the local gateway', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('walks the contract with a throwaway tenant, passes every check and cleans up after itself', async () => {
    // Prepare
    const lines: string[] = [];

    // Act: lists may lag a moment; the walk waits on the test clock instead of sleeping.
    const result = await runVerify({ baseUrl: api.url, pause: async (ms) => api.clock.advance(ms), log: (line) => lines.push(line) });

    // Assess
    expect(result.failures).toEqual([]);
    expect(summary(result)).toBe(`${result.passed} passed, 0 failed, 0 skipped`);
    expect(result.passed).toBe(lines.length);
    expect(result.passed).toBeGreaterThanOrEqual(20);
    const tenantId = result.tenantId ?? '';
    const activeKeys = await api.deps.apiKeys.list(tenantId, { status: 'active' }, { limit: 10 }, api.clock.now());
    const memories = await api.deps.memories.list({ tenantId, environment: 'live' }, {}, { limit: 10 });
    expect([activeKeys.items, memories.items]).toEqual([[], []]);
  });

  it('reports a failing check by name and skips the checks that need it instead of failing them too', async () => {
    // Prepare
    const lines: string[] = [];

    // Act: nothing answers on this port.
    const result = await runVerify({ baseUrl: 'http://127.0.0.1:9', pause: async () => undefined, log: (line) => lines.push(line) });

    // Assess: the checks that need no sign-up fail on their own; everything after sign-up is skipped, naming it.
    expect(result.passed).toBe(0);
    expect(result.failures[0]).toMatch(/^GET \/health answers 200 without credentials: /);
    expect(result.failures.map((failure) => failure.split(':')[0])).toContain(
      'register creates a tenant and answers 201 with a bearer token',
    );
    expect(result.failed).toBe(6);
    expect(result.skipped).toBe(lines.length - 6);
    expect(result.skipped).toBeGreaterThanOrEqual(15);
    expect(lines).toContain(
      'skip login right after sign-up answers 200 (needs: register creates a tenant and answers 201 with a bearer token)',
    );
  });

  it('prints expected against actual when the deployment is not configured as the operator expects', async () => {
    // Prepare: expectations of a deployment with another key prefix and a larger default tier.
    const config = resolveAppConfig({ keyPrefix: 'acme', tiers: { free: { requestsPerMinute: 90 } } }, 'test');

    // Act
    const result = await runVerify({
      baseUrl: api.url,
      pause: async (ms) => api.clock.advance(ms),
      expected: expectationsOf(config, 'test'),
    });

    // Assess: exactly the two configured values fail, each naming both values; the rest still runs.
    expect(result.failures).toEqual([
      'a sign-up lands on tier free with its limits: requests per minute: expected 90, got 60',
      'keys carry the deployment\'s prefix acme_live_: key prefix: expected "acme_live_", got "mem_live_"',
    ]);
    expect(result.skipped).toBe(0);
  });
});
