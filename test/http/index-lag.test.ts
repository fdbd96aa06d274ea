import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDocumentClient, localClientConfig } from '../../lambda/platform/dynamo';
import { simulateIndexLag } from '../../local/index-lag';
import { DYNAMO_ENDPOINT_ENVIRONMENT } from '../helpers/dynamo-global-setup';
import { TestClock } from '../helpers/test-clock';

const endpoint = () => process.env[DYNAMO_ENDPOINT_ENVIRONMENT] ?? '';
const LAG_MS = 1_000;

/** The stand-in for DynamoDB's lagging indexes, on a table of its own (the key schema of the keys table, with an index). */
describe('DynamoDB index lag on DynamoDB Local', () => {
  const table = `lag-${randomBytes(4).toString('hex')}`;
  const clock = new TestClock();
  const admin = new DynamoDBClient(localClientConfig(endpoint()));
  const db = createDocumentClient(endpoint());
  const byTeam = (team: string) =>
    db.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byTeam',
        KeyConditionExpression: 'team = :o',
        ExpressionAttributeValues: { ':o': team },
      }),
    );

  beforeAll(async () => {
    await admin.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'keyHash', AttributeType: 'S' },
          { AttributeName: 'team', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'keyHash', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          { IndexName: 'byTeam', KeySchema: [{ AttributeName: 'team', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        ],
      }),
    );
    // Frozen, so a slow call cannot let the lag pass by itself.
    clock.freezeAt(Date.now());
    simulateIndexLag(db, {
      lagMs: LAG_MS,
      now: clock.now,
      tables: { accounts: 'unused', apiKeys: table, memories: 'unused', usage: 'unused', audit: 'unused' },
    });
  });
  afterAll(async () => {
    await admin.send(new DeleteTableCommand({ TableName: table }));
    admin.destroy();
    db.destroy();
  });

  it('hides a new item from an index query until the lag has passed', async () => {
    // Prepare
    await db.send(new PutCommand({ TableName: table, Item: { keyHash: 'a', team: 'ada' } }));

    // Act
    const atOnce = await byTeam('ada');
    clock.advance(LAG_MS);
    const later = await byTeam('ada');

    // Assess
    expect(atOnce.Items).toEqual([]);
    expect(later.Items).toEqual([{ keyHash: 'a', team: 'ada' }]);
  });

  it('hides a changed item from an index query for the lag too', async () => {
    // Prepare
    await db.send(new PutCommand({ TableName: table, Item: { keyHash: 'b', team: 'bob' } }));
    clock.advance(LAG_MS);
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { keyHash: 'b' },
        UpdateExpression: 'SET note = :n',
        ExpressionAttributeValues: { ':n': 'x' },
      }),
    );

    // Act
    const atOnce = await byTeam('bob');

    // Assess
    expect(atOnce.Items).toEqual([]);
  });

  it('hides an item created in a transaction from an eventually consistent GetItem, never from a consistent one', async () => {
    // Prepare
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { keyHash: 'c', team: 'cy' }, ConditionExpression: 'attribute_not_exists(keyHash)' } },
        ],
      }),
    );

    // Act
    const eventual = await db.send(new GetCommand({ TableName: table, Key: { keyHash: 'c' } }));
    const consistent = await db.send(new GetCommand({ TableName: table, Key: { keyHash: 'c' }, ConsistentRead: true }));
    clock.advance(LAG_MS);
    const later = await db.send(new GetCommand({ TableName: table, Key: { keyHash: 'c' } }));

    // Assess
    expect(eventual.Item).toBeUndefined();
    expect(consistent.Item).toEqual({ keyHash: 'c', team: 'cy' });
    expect(later.Item).toEqual({ keyHash: 'c', team: 'cy' });
  });

  it('leaves the answers of writes as the caller asked for them', async () => {
    // Act
    const put = await db.send(new PutCommand({ TableName: table, Item: { keyHash: 'd', team: 'di' } }));
    const update = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { keyHash: 'd' },
        UpdateExpression: 'SET note = :n',
        ExpressionAttributeValues: { ':n': 'y' },
        ReturnValues: 'ALL_NEW',
      }),
    );

    // Assess
    expect(put.Attributes).toBeUndefined();
    expect(update.Attributes).toEqual({ keyHash: 'd', team: 'di', note: 'y' });
  });
});
