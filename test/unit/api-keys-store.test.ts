import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from '@jest/globals';
import { ApiKeysStore } from '../../lambda/store/api-keys-store';

function storeWithEntries(count: number) {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  );
  const mock = mockClient(db);
  mock.on(QueryCommand).resolves({ Items: Array.from({ length: count }, (_, i) => ({ sk: `KEY#key_${i}`, ref: `hash-${i}` })) });
  const pauses: number[] = [];
  const store = new ApiKeysStore(db, 'keys', 'accounts', async (ms) => void pauses.push(ms));
  return { mock, store, pauses };
}

const record = (i: number) => ({ keyHash: `hash-${i}`, keyId: `key_${i}`, tenantId: 't', environment: 'live', tier: 'free' });

describe('ApiKeysStore reads keys in batches', () => {
  it('backs off exponentially between the calls that fetch unprocessed keys', async () => {
    // Prepare: the table throttles twice, a key at a time.
    const { mock, store, pauses } = storeWithEntries(3);
    mock
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { keys: [record(0)] },
        UnprocessedKeys: { keys: { Keys: [{ keyHash: 'hash-1' }, { keyHash: 'hash-2' }] } },
      })
      .resolvesOnce({ Responses: { keys: [record(1)] }, UnprocessedKeys: { keys: { Keys: [{ keyHash: 'hash-2' }] } } })
      .resolvesOnce({ Responses: { keys: [record(2)] } });

    // Act
    const page = await store.list('t', {}, { limit: 10 }, 0);

    // Assess
    expect(page.items.map((key) => key.keyId)).toEqual(['key_0', 'key_1', 'key_2']);
    expect(pauses).toEqual([50, 100]);
  });

  it('gives up, with an error, when keys stay unprocessed', async () => {
    // Prepare
    const { mock, store, pauses } = storeWithEntries(1);
    mock.on(BatchGetCommand).resolves({ UnprocessedKeys: { keys: { Keys: [{ keyHash: 'hash-0' }] } } });

    // Act
    const outcome = store.list('t', {}, { limit: 10 }, 0);

    // Assess
    await expect(outcome).rejects.toThrow(/unprocessed/);
    expect(pauses).toEqual([50, 100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('ApiKeysStore lists a bounded amount whatever the filter', () => {
  it('stops a filtered list after 1,000 keys read, with where to go on', async () => {
    // Prepare: 1,500 live keys; the filter asks for test keys.
    const { mock, store } = storeWithEntries(1_500);
    mock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { keyHash: string }[] }> }) => ({
      Responses: { keys: (input.RequestItems.keys?.Keys ?? []).map(({ keyHash }) => record(Number(keyHash.slice('hash-'.length)))) },
    }));

    // Act
    const page = await store.list('t', { environment: 'test' }, { limit: 1 }, 0);

    // Assess
    expect(page).toEqual({ items: [], more: true, resumeBefore: 'key_999' });
    expect(mock.commandCalls(BatchGetCommand).length).toBeLessThanOrEqual(11);
  });
});
