import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from '@jest/globals';
import { LIST_READ_BOUND, queryPage } from '../../lambda/store/pagination';

/** A partition of `count` items, newest first, that answers Query as DynamoDB does: Limit before the filter, ScannedCount, LastEvaluatedKey. */
function partition(count: number, matches: (index: number) => boolean) {
  const items = Array.from({ length: count }, (_, i) => ({ pk: 'p', sk: `id_${String(count - i).padStart(6, '0')}`, match: matches(i) }));
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  );
  const mock = mockClient(db);
  mock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const start = input.ExclusiveStartKey ? items.findIndex((item) => item.sk === input.ExclusiveStartKey?.sk) + 1 : 0;
    const evaluated = items.slice(start, start + (input.Limit ?? items.length));
    const last = evaluated.at(-1);
    return {
      Items: input.FilterExpression ? evaluated.filter((item) => item.match) : evaluated,
      ScannedCount: evaluated.length,
      LastEvaluatedKey: last && start + evaluated.length < items.length ? { pk: 'p', sk: last.sk } : undefined,
    };
  });
  const input: QueryCommandInput = { TableName: 't', KeyConditionExpression: 'pk = :pk', FilterExpression: 'match = :yes' };
  return { db, mock, input, items };
}

describe('queryPage reads a bounded amount whatever the filter', () => {
  it('reads a filtered page that matches nothing in a few calls, and gives where to go on', async () => {
    // Prepare: 5,000 items, none matching.
    const { db, mock, input, items } = partition(5_000, () => false);

    // Act
    const page = await queryPage(db, input, { limit: 1 });

    // Assess
    expect(page.items).toEqual([]);
    expect(page.more).toBe(true);
    expect(mock.commandCalls(QueryCommand).length).toBeLessThanOrEqual(LIST_READ_BOUND.calls);
    expect(page.resumeBefore).toBe(items[LIST_READ_BOUND.items - 1]?.sk);
  });

  it('does not spend a call per item or two on a rare match', async () => {
    // Prepare: every 50th item matches.
    const { db, mock, input, items } = partition(5_000, (i) => i % 50 === 49);

    // Act
    const page = await queryPage(db, input, { limit: 1 });

    // Assess
    expect(page.items.map((item) => item.sk)).toEqual([items[49]?.sk]);
    expect(page.more).toBe(true);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('reaches the end of a partition within the bound, and says there is no more', async () => {
    // Prepare
    const { db, input } = partition(300, (i) => i === 10);

    // Act
    const page = await queryPage(db, input, { limit: 5 });

    // Assess
    expect(page.items).toHaveLength(1);
    expect(page).toMatchObject({ more: false });
    expect(page.resumeBefore).toBeUndefined();
  });

  it('asks an unfiltered page for one item past it, no more', async () => {
    // Prepare
    const { db, mock, input } = partition(50, () => true);
    const { FilterExpression: _none, ...unfiltered } = input;

    // Act
    const page = await queryPage(db, unfiltered, { limit: 20 });

    // Assess
    expect(page.items).toHaveLength(20);
    expect(page.more).toBe(true);
    expect(mock.commandCalls(QueryCommand).map((call) => call.args[0].input.Limit)).toEqual([21]);
  });
});
