import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { bearer, createKey, expectError, freshTables, registerTenant, startTestApi } from '../helpers/local-api';

describe('configuration given to npm start (MEMORY_API_CONFIG)', () => {
  it("reads the README's partial tier override as synth does: the other fields and tiers keep their defaults", async () => {
    // Prepare
    const api = await startTestApi('{"tiers":{"free":{"requestsPerMinute":5}}}');

    try {
      // Act
      const { token } = await registerTenant(api.call);
      const response = await api.call('GET', '/v1/memories', { headers: bearer(token) });

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe('5');
      expect(response.headers.get('x-credits-limit')).toBe('1000');
      expect(api.deps.config.tiers.pro?.requestsPerMinute).toBe(1200);
    } finally {
      await api.stop();
    }
  });

  it('refuses with a message naming the field, not a stack trace, when MEMORY_API_CONFIG is not JSON', async () => {
    await expect(startTestApi('{tiers:')).rejects.toThrow('Invalid configuration in MEMORY_API_CONFIG: (root): not valid JSON');
  });

  it('refuses every route of a tenant whose tier was removed from the configuration with 403 TIER_UNAVAILABLE, usage included', async () => {
    // Prepare: a tenant on the free tier and its key, then a restart whose configuration drops that tier.
    const state = { tables: freshTables(), dataDir: mkdtempSync(join(tmpdir(), 'tier-removed-')) };
    const before = await startTestApi({}, state);
    const { token } = await registerTenant(before.call);
    const { key } = await createKey(before.call, token);
    await before.stop();
    const after = await startTestApi({ tiers: { free: null }, defaultTier: 'starter' }, state);

    try {
      // Act
      const answers = await Promise.all([
        after.call('GET', '/v1/usage', { headers: bearer(token) }),
        after.call('GET', '/v1/usage', { headers: bearer(key) }),
        after.call('GET', '/v1/memories', { headers: bearer(key) }),
        after.call('GET', '/v1/api-keys', { headers: bearer(token) }),
      ]);

      // Assess
      for (const answer of answers) {
        expectError(answer, 403, 'TIER_UNAVAILABLE');
        expect(answer.json.error.message).toContain('"free"');
      }
      expect(Object.keys(after.deps.config.tiers)).not.toContain('free');
    } finally {
      await after.stop();
      rmSync(state.dataDir, { recursive: true, force: true });
    }
  });
});
