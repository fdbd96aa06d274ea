import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runVerify, summary } from '../../scripts/verify-checks';
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
    expect(summary(result)).toBe(`${result.passed} passed, 0 failed`);
    expect(result.passed).toBe(lines.length);
    expect(result.passed).toBeGreaterThanOrEqual(20);
    const tenantId = result.tenantId ?? '';
    const activeKeys = await api.services.apiKeys.list(tenantId, { status: 'active' }, { limit: 10 }, api.clock.now());
    const memories = await api.services.memories.list({ tenantId, environment: 'live' }, {}, { limit: 10 });
    expect([activeKeys.items, memories.items]).toEqual([[], []]);
  });

  it('reports a failing check by name and counts it', async () => {
    // Act: nothing answers on this port.
    const result = await runVerify({ baseUrl: 'http://127.0.0.1:9', pause: async () => undefined });

    // Assess
    expect(result.passed).toBe(0);
    expect(result.failed).toBeGreaterThan(0);
    expect(result.failures[0]).toMatch(/^GET \/health answers 200 without credentials: /);
  });
});
