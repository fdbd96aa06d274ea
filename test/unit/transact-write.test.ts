import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { transactWrite } from '../../lambda/platform/dynamo';
import { toApiError } from '../../lambda/handlers/error-answers';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
);
const mock = mockClient(db);
const input = { TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a' } } }] };
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('transactWrite', () => {
  beforeEach(() => {
    mock.reset();
  });

  it('retries a transaction cancelled for a conflict until it goes through', async () => {
    // Prepare
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict'))
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .resolves({});

    // Act
    await transactWrite(db, input);

    // Assess
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('tells the client to retry, with a 429, when conflicts outlast the retries', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));

    // Act
    const outcome = await transactWrite(db, input).catch((error: unknown) => error);

    // Assess
    expect(outcome).toMatchObject({ kind: 'contention' });
    expect(toApiError(outcome)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429, headers: { 'Retry-After': '1' } });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(5);
  });

  it('passes a failed condition straight back without retrying', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    // Act
    const outcome = await transactWrite(db, input).catch((error: unknown) => error);

    // Assess
    expect(outcome).toBeInstanceOf(TransactionCanceledException);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
