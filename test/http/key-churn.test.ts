import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENDED_KEY_RETENTION_SECONDS } from '../../lambda/store/api-keys-store';
import { bearer, createKey, expectError, freshTables, registerTenant, scanTable, startTestApi, type TestApi } from '../helpers/local-api';

describe('API key churn is bounded', () => {
  let api: TestApi;
  const tables = freshTables();
  const PER_HOUR = 3;

  beforeAll(async () => {
    api = await startTestApi({ keyCreationsPerHour: PER_HOUR, managementRequestsPerMinute: 1_000 }, { tables });
  });
  afterAll(async () => api.stop());

  it('lets a tenant create keys (rotations included) at a bounded rate per hour, revoking them or not', async () => {
    // Prepare: the hour has room for every creation below.
    const hour = (Math.floor(api.clock.now() / 3_600_000) + 1) * 3_600_000;
    api.clock.jumpTo(hour + 1_000);
    const { token } = await registerTenant(api.call);
    const first = await createKey(api.call, token, { name: 'churn 1' });
    await api.call('DELETE', `/v1/api-keys/${first.id}`, { headers: bearer(token) });
    const second = await createKey(api.call, token, { name: 'churn 2' });
    const rotated = await api.call('POST', `/v1/api-keys/${second.id}/rotate`, {
      headers: bearer(token),
      body: { grace_period_seconds: 0 },
    });

    // Act
    const refused = await api.call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'churn 4' } });
    const refusedRotation = await api.call('POST', `/v1/api-keys/${rotated.json.id}/rotate`, { headers: bearer(token), body: {} });
    // The next clock hour, while the owner's hour-long token still holds.
    api.clock.jumpTo(hour + 3_600_000 + 500);
    const nextHour = await api.call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'churn 5' } });

    // Assess
    expect(rotated.status).toBe(201);
    expectError(refused, 429, 'RATE_LIMIT_EXCEEDED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3_500);
    expectError(refusedRotation, 429, 'RATE_LIMIT_EXCEEDED');
    expect(nextHour.status).toBe(201);
  });

  it('lets a revoked key and its entry age out after the retention time, and an expiring key after its end', async () => {
    // Prepare
    const { token, tenantId } = await registerTenant(api.call);
    const revoked = await createKey(api.call, token, { name: 'revoked' });
    const expiring = await createKey(api.call, token, { name: 'expiring', expires_in_days: 1 });

    // Act
    const answer = await api.call('DELETE', `/v1/api-keys/${revoked.id}`, { headers: bearer(token) });
    const kept = await createKey(api.call, token, { name: 'kept' });

    // Assess
    const records = new Map((await scanTable(tables.apiKeys)).map((item) => [String(item.keyId), item]));
    const entries = new Map(
      (await scanTable(tables.accounts))
        .filter((item) => item.pk === `TENANT#${tenantId}` && String(item.sk).startsWith('KEY#'))
        .map((item) => [String(item.sk).slice('KEY#'.length), item]),
    );
    const revokedAt = Math.floor(Date.parse(answer.json.revoked_at) / 1000);
    expect(records.get(revoked.id)?.ttl).toBe(revokedAt + ENDED_KEY_RETENTION_SECONDS);
    expect(entries.get(revoked.id)?.ttl).toBe(revokedAt + ENDED_KEY_RETENTION_SECONDS);
    const expiresAt = Math.floor(Date.parse(String(records.get(expiring.id)?.expiresAt)) / 1000);
    expect(records.get(expiring.id)?.ttl).toBe(expiresAt + ENDED_KEY_RETENTION_SECONDS);
    expect(entries.get(expiring.id)?.ttl).toBe(expiresAt + ENDED_KEY_RETENTION_SECONDS);
    expect(records.get(kept.id)?.ttl).toBeUndefined();
    expect(entries.get(kept.id)?.ttl).toBeUndefined();
  });
});
