import {
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from '@jest/globals';
import { PepperVersions } from '../../scripts/pepper-versions';

const ARN = 'arn:aws:secretsmanager:us-east-1:1:secret:pepper';
const NOW = Date.UTC(2026, 10, 24);
const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);

function pepperVersions(secret: string, keys: Record<string, unknown>[][] = [[]]) {
  const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
  const secrets = new SecretsManagerClient({ region: 'us-east-1', credentials });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
  const secretsMock = mockClient(secrets);
  const dbMock = mockClient(db);
  secretsMock.on(GetSecretValueCommand).resolves({ SecretString: secret });
  secretsMock.on(GetRandomPasswordCommand).resolves({ RandomPassword: V2 });
  secretsMock.on(PutSecretValueCommand).resolves({});
  let scan = dbMock.on(ScanCommand);
  keys.forEach((items, page) => {
    scan = scan.resolvesOnce({ Items: items, ...(page < keys.length - 1 ? { LastEvaluatedKey: { keyHash: `page-${page}` } } : {}) });
  });
  return { secretsMock, dbMock, peppers: new PepperVersions(secrets, db, ARN, 'keys-table', () => NOW) };
}

const put = (mock: ReturnType<typeof mockClient>) =>
  mock.commandCalls(PutSecretValueCommand).map((call) => JSON.parse(String(call.args[0].input.SecretString)));

describe('PepperVersions (npm run pepper)', () => {
  it('adds a generated version after the current one, keeping the plain first value as version 1', async () => {
    // Prepare
    const { secretsMock, peppers } = pepperVersions(V1);

    // Act
    const result = await peppers.add();

    // Assess
    expect(result).toEqual({ ok: true, version: 2 });
    expect(put(secretsMock)).toEqual([{ '1': V1, '2': V2 }]);
  });

  it('counts working keys by version across pages, keys without a version as version 1, expired and revoked ones not at all', async () => {
    // Prepare
    const { peppers } = pepperVersions(V1, [
      [{}, { pepperVersion: 2 }, { pepperVersion: 2, revokedAt: '2026-01-01T00:00:00.000Z' }],
      [
        { pepperVersion: 1, expiresAt: '2026-01-01T00:00:00.000Z' },
        { pepperVersion: 2, expiresAt: '2027-01-01T00:00:00.000Z' },
      ],
    ]);

    // Act
    const counts = await peppers.workingKeysByVersion();

    // Assess
    expect(counts).toEqual({ '1': 1, '2': 2 });
  });

  it('retires a version no working key uses', async () => {
    // Prepare
    const { secretsMock, peppers } = pepperVersions(JSON.stringify({ '1': V1, '2': V2 }), [[{ pepperVersion: 2 }]]);

    // Act
    const result = await peppers.retire(1);

    // Assess
    expect(result).toEqual({ ok: true });
    expect(put(secretsMock)).toEqual([{ '2': V2 }]);
  });

  it.each([
    [1, [[{}]], /1 working keys were hashed with version 1/],
    [2, [[]], /version 2 is the current one/],
    [7, [[]], /there is no version 7/],
  ])('refuses to retire version %s, changing nothing', async (version, keys, reason) => {
    // Prepare
    const { secretsMock, peppers } = pepperVersions(JSON.stringify({ '1': V1, '2': V2 }), keys);

    // Act
    const result = await peppers.retire(version);

    // Assess
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(reason);
    expect(secretsMock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });
});
