import { describe, expect, it, jest } from '@jest/globals';
import type { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { KEY_USAGE_FLUSH_MS, KeyUsageBuffer } from '../../lambda/store/key-usage-buffer';

const T0 = Date.UTC(2026, 11, 4, 12, 0, 0);

function buffer(send: (command: UpdateCommand) => Promise<unknown>) {
  const db = { send: jest.fn(send) };
  return { db, usage: new KeyUsageBuffer(db as unknown as DynamoDBDocumentClient, 'usage', () => 0) };
}

const writtenRequests = (db: { send: jest.Mock<(command: UpdateCommand) => Promise<unknown>> }) =>
  db.send.mock.calls.map(([command]) => [command.input.Key?.pk, command.input.ExpressionAttributeValues?.[':requests']]);

describe('KeyUsageBuffer', () => {
  it('writes nothing until the oldest held count is due, then one update per key and day with every request', async () => {
    // Prepare
    const { db, usage } = buffer(async () => ({}));
    usage.add('tnt_1', 'key_a', T0);
    usage.add('tnt_1', 'key_a', T0 + 1_000);
    usage.add('tnt_1', 'key_b', T0 + 2_000);

    // Act
    await usage.flushIfDue(T0 + KEY_USAGE_FLUSH_MS - 1);
    const beforeDue = db.send.mock.calls.length;
    await usage.flushIfDue(T0 + KEY_USAGE_FLUSH_MS);

    // Assess
    expect(beforeDue).toBe(0);
    expect(writtenRequests(db)).toEqual([
      ['TENANT#tnt_1#KEY#key_a', 2],
      ['TENANT#tnt_1#KEY#key_b', 1],
    ]);
    expect(db.send.mock.calls[0]?.[0].input.ExpressionAttributeValues?.[':lastUsedAt']).toBe(new Date(T0 + 1_000).toISOString());
  });

  it('holds a count whose write failed and writes it with the next flush', async () => {
    // Prepare
    let failing = true;
    const { db, usage } = buffer(async () => {
      if (failing) throw new Error('throttled');
      return {};
    });
    usage.add('tnt_1', 'key_a', T0);
    await usage.flush(T0);
    failing = false;
    usage.add('tnt_1', 'key_a', T0 + 1_000);

    // Act
    await usage.flushIfDue(T0 + KEY_USAGE_FLUSH_MS);

    // Assess
    expect(writtenRequests(db)).toEqual([
      ['TENANT#tnt_1#KEY#key_a', 1],
      ['TENANT#tnt_1#KEY#key_a', 2],
    ]);
  });

  it('keeps the days of one key apart', async () => {
    // Prepare
    const { db, usage } = buffer(async () => ({}));
    usage.add('tnt_1', 'key_a', T0);
    usage.add('tnt_1', 'key_a', T0 + 86_400_000);

    // Act
    await usage.flush(T0 + 86_400_000);

    // Assess
    expect(db.send.mock.calls.map(([command]) => command.input.Key?.sk)).toEqual(['DAY#2026-12-04', 'DAY#2026-12-05']);
  });
});
