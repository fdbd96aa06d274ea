import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { logger } from '../../lambda/platform/logger';
import { bearer, createKey, registerTenant, startTestApi, uniqueEmail, type TestApi } from '../helpers/local-api';

describe('structured logs', () => {
  let api: TestApi;
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  beforeAll(async () => {
    api = await startTestApi();
    logger.setLogLevel('DEBUG');
    // Captured, not passed on: the lines are read here and would only clutter the test output.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }) as typeof process.stdout.write;
  });
  afterAll(async () => {
    process.stdout.write = write;
    logger.setLogLevel('SILENT');
    await api.stop();
  });

  it('are JSON with request, tenant and key ids, and never hold a key, password, token or pepper', async () => {
    const password = 'a very secret passphrase';
    const email = uniqueEmail();
    const { token, tenantId } = await api
      .call('POST', '/v1/auth/register', { body: { email, password, full_name: 'Logger' } })
      .then((r) => ({ token: r.json.access_token as string, tenantId: r.json.user.tenant_id as string }));
    await api.call('POST', '/v1/auth/login', { body: { email, password: `${password} wrong` } });
    const { key, id } = await createKey(api.call, token);
    await api.call('GET', '/v1/memories', { headers: bearer(key) });
    await api.call('GET', '/v1/memories', { headers: bearer(key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a')) });
    await api.call('DELETE', '/v1/memories/mem_00000000000000000000000000', { headers: bearer(key) });
    await api.call('POST', '/v1/memories', { headers: bearer(key), raw: '{broken' });
    const other = await registerTenant(api.call);
    const pepper = (await api.deps.secrets.get('pepper')).current;
    const jwtSecret = (await api.deps.secrets.get('jwt')).current;

    expect(lines.length).toBeGreaterThan(5);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries) {
      expect(typeof entry.level).toBe('string');
      expect(typeof entry.request_id).toBe('string');
    }
    expect(entries.some((entry) => entry.tenant_id === tenantId && entry.key_id === id)).toBe(true);
    const all = lines.join('\n');
    for (const secret of [password, key, key.slice(9, 41), token, other.token, pepper, jwtSecret]) expect(all).not.toContain(secret);
  });
});
