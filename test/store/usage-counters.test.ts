import { beforeAll, describe, expect, it } from '@jest/globals';
import { UsageCounters, type ChargeRequest } from '../../lambda/store/usage-counters';
import { storeTables } from '../helpers/store-tables';

const T0 = Date.parse('2026-03-31T23:58:10Z');
let counters: UsageCounters;
let store: Awaited<ReturnType<typeof storeTables>>;
let tenantSeq = 0;

beforeAll(async () => {
  store = await storeTables();
  counters = new UsageCounters(store.db, store.tables.usage);
});

function request(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  return { tenantId: `ten_${++tenantSeq}`, keyId: 'key_1', requestsPerMinute: 3, creditsPerMonth: 100, now: T0, ...overrides };
}

describe('the usage counter state machine', () => {
  it('counts requests of the same minute and refuses past the per-minute limit, changing nothing', async () => {
    // Prepare
    const base = request();

    // Act
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await counters.charge({ ...base, now: T0 + i * 1000 }));

    // Assess
    expect(results.map((result) => [result.ok, result.minuteCount])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 3],
    ]);
    expect(results[3]).toMatchObject({ ok: false, reason: 'rate', creditsUsed: 3 });
    expect(await counters.creditsUsed(base.tenantId, T0)).toBe(3);
  });

  it('starts a new minute window with a count of one and keeps the month credits', async () => {
    // Prepare
    const base = request();
    for (let i = 0; i < 3; i++) await counters.charge(base);

    // Act
    const next = await counters.charge({ ...base, now: T0 + 60_000 });

    // Assess
    expect(next).toEqual({ ok: true, minuteCount: 1, creditsUsed: 4 });
  });

  it('starts a new month with the credits back at zero', async () => {
    // Prepare
    const base = request();
    await counters.charge(base);
    await counters.charge({ ...base, now: T0 + 1000 });

    // Act
    const april = await counters.charge({ ...base, now: Date.parse('2026-04-01T00:00:05Z') });

    // Assess
    expect(april).toEqual({ ok: true, minuteCount: 1, creditsUsed: 1 });
    expect(await counters.creditsUsed(base.tenantId, Date.parse('2026-04-01T00:00:06Z'))).toBe(1);
  });

  it('refuses once the month credits are spent (quota)', async () => {
    // Prepare
    const base = request({ creditsPerMonth: 2, requestsPerMinute: 100 });
    await counters.charge(base);
    await counters.charge(base);

    // Act
    const refused = await counters.charge(base);

    // Assess
    expect(refused).toMatchObject({ ok: false, reason: 'quota', creditsUsed: 2 });
  });

  it('refuses an ended key without spending a credit', async () => {
    // Prepare
    const base = request();
    await counters.charge(base);
    await counters.endKey(base.tenantId, 'key_1', new Date(T0 + 2000).toISOString(), T0, 300);

    // Act
    const refused = await counters.charge({ ...base, now: T0 + 3000 });
    const owner = await counters.charge({ ...base, keyId: undefined, now: T0 + 3000 });

    // Assess
    expect(refused).toMatchObject({ ok: false, reason: 'ended' });
    expect(owner).toMatchObject({ ok: true, creditsUsed: 2 });
  });

  it('records a key’s requests per day and its last use with each charge', async () => {
    // Prepare
    const counters = new UsageCounters(store.db, store.tables.usage);
    const base = request();

    // Act
    await counters.charge(base);
    await counters.charge({ ...base, now: T0 + 1000 });
    const days = await counters.keyRequestsByDay(base.tenantId, 'key_1', 2, T0 + 2000);
    const lastUsed = await counters.lastUsed(base.tenantId, ['key_1']);

    // Assess
    expect([...days]).toEqual([['2026-03-31', 2]]);
    expect(lastUsed.get('key_1')).toBe(new Date(T0 + 1000).toISOString());
  });
});
