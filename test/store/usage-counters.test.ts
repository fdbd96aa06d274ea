import { beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambda/platform/dynamo';
import { newId } from '../../lambda/domain/ids';
import { KEY_SLOTS } from '../../lambda/store/key-day-counts';
import { counterKey } from '../../lambda/store/item-keys';
import { UsageCounters, type ChargeRequest } from '../../lambda/store/usage-counters';
import { DYNAMO_ENDPOINT_ENVIRONMENT } from '../helpers/dynamo-global-setup';
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
});

const D1 = '2026-03-31';
const D2 = '2026-04-01';
const keyIds = (count: number) => Array.from({ length: count }, (_, index) => newId('key', T0 + index));

async function counterItem(tenantId: string): Promise<Record<string, unknown>> {
  return (
    (await store.db.send(new GetCommand({ TableName: store.tables.usage, Key: counterKey(tenantId), ConsistentRead: true }))).Item ?? {}
  );
}

/** A document client that asks DynamoDB Local for the write units of each UpdateItem on the tenant counter. */
function unitCountingClient(units: number[]): DynamoDBDocumentClient {
  const db = createDocumentClient(process.env[DYNAMO_ENDPOINT_ENVIRONMENT]);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string; Key?: { sk?: string | { S?: string } } };
      const sk = input.Key?.sk;
      const counted = /^Update(Item)?Command$/.test(context.commandName ?? '') && (typeof sk === 'string' ? sk : sk?.S) === 'COUNTER';
      if (counted) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      if (counted) units.push(consumed?.CapacityUnits ?? Number.NaN);
      return result;
    },
    { step: 'initialize', name: 'countUnits' },
  );
  return db;
}

describe('a charge that meets a transaction on the counter', () => {
  it('tries again and counts the request once', async () => {
    // Prepare: DynamoDB refuses the first counter write, as it does while a transaction holds the item.
    let refused = 0;
    const db = {
      send: (command: unknown) => {
        if (command instanceof UpdateCommand && refused++ === 0)
          return Promise.reject(Object.assign(new Error('a transaction is under way'), { name: 'TransactionConflictException' }));
        return store.db.send(command as UpdateCommand);
      },
    } as unknown as DynamoDBDocumentClient;
    const base = request();

    // Act
    const charged = await new UsageCounters(db, store.tables.usage).charge(base);

    // Assess
    expect(charged).toEqual({ ok: true, minuteCount: 1, creditsUsed: 1 });
    expect(await counters.creditsUsed(base.tenantId, T0)).toBe(1);
  });
});

describe('key usage on the tenant counter', () => {
  it('counts a key’s requests of the day and its last use on the counter alone, exact at once', async () => {
    // Prepare
    const base = request();

    // Act
    await counters.charge(base);
    await counters.charge({ ...base, now: T0 + 1000 });
    const days = await counters.keyRequestsByDay(base.tenantId, 'key_1', 2, T0 + 2000);
    const lastUsed = await counters.lastUsed(base.tenantId, ['key_1', 'key_2']);

    // Assess
    expect([...days]).toEqual([[D1, 2]]);
    expect([...lastUsed]).toEqual([['key_1', new Date(T0 + 1000).toISOString()]]);
    expect(await counters.keyRequestsByDay(base.tenantId, 'key_2', 2, T0 + 2000)).toEqual(new Map());
    expect(await counterItem(base.tenantId)).toMatchObject({ day: D1, kr: { '1': 2 } });
  });

  it('moves the day’s key counts to the keys’ day items at the first key request of the next day (and month)', async () => {
    // Prepare
    const base = request();
    await counters.charge(base);
    await counters.charge({ ...base, now: T0 + 1000 });
    await counters.charge({ ...base, keyId: 'key_2', now: T0 + 2000 });
    const april = Date.parse('2026-04-01T00:00:05Z');

    // Act
    const next = await counters.charge({ ...base, now: april });

    // Assess
    expect(next).toEqual({ ok: true, minuteCount: 1, creditsUsed: 1 });
    expect(await counterItem(base.tenantId)).toMatchObject({ day: D2, kr: { '1': 1 } });
    expect([...(await counters.keyRequestsByDay(base.tenantId, 'key_1', 2, april))]).toEqual([
      [D1, 2],
      [D2, 1],
    ]);
    expect([...(await counters.keyRequestsByDay(base.tenantId, 'key_2', 2, april))]).toEqual([[D1, 1]]);
    expect(await counters.lastUsed(base.tenantId, ['key_1', 'key_2'])).toEqual(
      new Map([
        ['key_1', new Date(april).toISOString()],
        ['key_2', new Date(T0 + 2000).toISOString()],
      ]),
    );
  });

  it('keeps the later of a key’s metered and management uses when the day’s counts move to its day item', async () => {
    // Prepare: key_2 is metered, then manages keys an hour later, on day one.
    const base = request();
    await counters.charge({ ...base, keyId: 'key_2' });
    await counters.chargeManagement({ tenantId: base.tenantId, keyId: 'key_2', perMinute: 10, now: T0 + 60_000 });

    // Act: key_1 starts the next day.
    await counters.charge({ ...base, now: Date.parse(`${D2}T00:00:05Z`) });

    // Assess
    expect((await counters.lastUsed(base.tenantId, ['key_2'])).get('key_2')).toBe(new Date(T0 + 60_000).toISOString());
    expect([...(await counters.keyRequestsByDay(base.tenantId, 'key_2', 2, Date.parse(`${D2}T00:00:06Z`)))]).toEqual([[D1, 2]]);
  });

  it('loses and doubles nothing when many requests start the next day at once, late ones of the day before among them', async () => {
    // Prepare: three keys used on day one.
    const base = request({ requestsPerMinute: 1_000, creditsPerMonth: null });
    const keys = ['key_1', 'key_2', 'key_3'];
    for (const keyId of keys) await counters.charge({ ...base, keyId });
    const midnight = Date.parse(`${D2}T00:00:00Z`);

    // Act: 30 requests from three instances, a third of them stamped just before midnight.
    const instances = [0, 1, 2].map(() => new UsageCounters(store.db, store.tables.usage));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        (instances[index % 3] as UsageCounters).charge({
          ...base,
          keyId: keys[index % 3],
          now: index % 3 === 0 ? midnight - 50 : midnight + 50 + index,
        }),
      ),
    );

    // Assess
    expect(results.filter((result) => !result.ok)).toEqual([]);
    const totals = await Promise.all(
      keys.map(async (keyId) =>
        [...(await counters.keyRequestsByDay(base.tenantId, keyId, 2, midnight + 1000)).values()].reduce((a, b) => a + b, 0),
      ),
    );
    expect(totals).toEqual([11, 11, 11]);
    const days = await counters.keyRequestsByDay(base.tenantId, 'key_2', 2, midnight + 1000);
    expect([...days]).toEqual([
      [D1, 1],
      [D2, 10],
    ]);
  });

  it('counts no refused request in the key’s usage: neither past a limit nor for an ended key', async () => {
    // Prepare
    const base = request({ requestsPerMinute: 2 });
    await counters.charge(base);
    await counters.charge(base);

    // Act
    const limited = await counters.charge(base);
    await counters.endKey(base.tenantId, 'key_1', new Date(T0 + 61_000).toISOString(), T0, 300);
    const ended = await counters.charge({ ...base, now: T0 + 62_000 });

    // Assess
    expect([limited, ended]).toMatchObject([
      { ok: false, reason: 'rate' },
      { ok: false, reason: 'ended' },
    ]);
    expect([...(await counters.keyRequestsByDay(base.tenantId, 'key_1', 1, T0 + 63_000))]).toEqual([[D1, 2]]);
  });

  it('counts the keys past the counter’s slots on their own day items, each request once', async () => {
    // Prepare
    const base = request({ requestsPerMinute: 1_000 });
    const keys = keyIds(KEY_SLOTS + 3);

    // Act
    for (const keyId of keys) await counters.charge({ ...base, keyId });
    for (const keyId of keys) await counters.charge({ ...base, keyId, now: T0 + 1000 });
    const fresh = new UsageCounters(store.db, store.tables.usage);
    await fresh.charge({ ...base, keyId: keys.at(-1), now: T0 + 2000 });

    // Assess
    expect(Object.keys((await counterItem(base.tenantId)).kr as object)).toHaveLength(KEY_SLOTS);
    const counts = await Promise.all(keys.map((keyId) => counters.keyRequestsByDay(base.tenantId, keyId, 1, T0 + 3000)));
    expect(counts.map((days) => days.get(D1))).toEqual([...keys.map(() => 2).slice(0, -1), 3]);
    const lastUsed = await counters.lastUsed(base.tenantId, keys);
    expect(lastUsed.get(keys[0] as string)).toBe(new Date(T0 + 1000).toISOString());
    expect(lastUsed.get(keys.at(-1) as string)).toBe(new Date(T0 + 2000).toISOString());
  });

  it('keeps every charge at one write unit with the counter full: every slot taken, two key ends, a transaction’s mark', async () => {
    // Prepare
    const units: number[] = [];
    const measured = new UsageCounters(unitCountingClient(units), store.tables.usage);
    const base = request({ requestsPerMinute: 100_000, creditsPerMonth: 10_000_000 });
    const keys = keyIds(KEY_SLOTS);
    for (const keyId of keys) await measured.charge({ ...base, keyId });
    // A busy day: a million requests on each key.
    const busy = Object.fromEntries(Object.keys((await counterItem(base.tenantId)).kr as object).map((slot) => [slot, 1_000_000]));
    await store.db.send(
      new UpdateCommand({
        TableName: store.tables.usage,
        Key: counterKey(base.tenantId),
        UpdateExpression: 'SET kr = :busy',
        ExpressionAttributeValues: { ':busy': busy },
      }),
    );
    for (const keyId of keyIds(KEY_SLOTS + 2).slice(KEY_SLOTS)) {
      await measured.endKey(base.tenantId, keyId, new Date(T0 + 10_000).toISOString(), T0, 300);
    }
    const other = { pk: 'OTHER', sk: 'ITEM' };
    await measured.chargeWithWrite({ ...base, keyId: keys[0] }, { other: { Put: { TableName: store.tables.usage, Item: other } } });
    units.length = 0;

    // Act
    const last = await measured.charge({ ...base, keyId: keys.at(-1), now: T0 + 5000 });

    // Assess
    expect(last.ok).toBe(true);
    expect(Object.keys((await counterItem(base.tenantId)).kr as object)).toHaveLength(KEY_SLOTS);
    expect(units).toEqual([1]);
  });
});
