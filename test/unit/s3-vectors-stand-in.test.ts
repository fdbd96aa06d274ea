import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateIndexCommand,
  DeleteVectorsCommand,
  PutVectorsCommand,
  QueryVectorsCommand,
  type S3VectorsClient,
  type QueryVectorsCommandInput,
} from '@aws-sdk/client-s3vectors';
import { standInClient } from '../helpers/s3-vectors-client';
import { startS3VectorsStandIn, type S3VectorsStandIn } from '../../local/s3-vectors-stand-in';

const BUCKET = 'bucket-under-test';
const unit = (dimension: number, at: number) => Array.from({ length: dimension }, (_, i) => (i === at ? 1 : 0));
const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof Error ? error.name : String(error)),
  );

describe('S3 Vectors stand-in, through the real client', () => {
  let standIn: S3VectorsStandIn;
  let client: S3VectorsClient;
  const index = { vectorBucketName: BUCKET, indexName: 'idx-1' };

  beforeAll(async () => {
    standIn = await startS3VectorsStandIn({ buckets: [BUCKET] });
    client = standInClient(standIn.endpoint);
    await client.send(
      new CreateIndexCommand({
        ...index,
        dataType: 'float32',
        dimension: 4,
        distanceMetric: 'cosine',
        metadataConfiguration: { nonFilterableMetadataKeys: ['notes'] },
      }),
    );
    await client.send(
      new PutVectorsCommand({
        ...index,
        vectors: [
          { key: 'a', data: { float32: unit(4, 0) }, metadata: { type: 'x', n: 1, notes: 'free text' } },
          { key: 'b', data: { float32: [0.9, 0.1, 0, 0] }, metadata: { type: 'y', n: 2 } },
          { key: 'c', data: { float32: unit(4, 2) }, metadata: { type: 'x', n: 3, tags: ['p', 'q'] } },
        ],
      }),
    );
  });
  afterAll(async () => {
    client.destroy();
    await standIn.stop();
  });

  it('answers the nearest vectors first with cosine distances, and metadata when asked', async () => {
    // Act
    const result = await client.send(
      new QueryVectorsCommand({ ...index, queryVector: { float32: unit(4, 0) }, topK: 2, returnDistance: true, returnMetadata: true }),
    );

    // Assess
    expect(result.vectors?.map((vector) => vector.key)).toEqual(['a', 'b']);
    expect(result.vectors?.[0]?.distance).toBeCloseTo(0);
    expect(result.vectors?.[0]?.metadata).toEqual({ type: 'x', n: 1, notes: 'free text' });
  });

  it('filters inside the index with S3 Vectors operators', async () => {
    const keys = async (filter: QueryVectorsCommandInput['filter']) =>
      (await client.send(new QueryVectorsCommand({ ...index, queryVector: { float32: unit(4, 0) }, topK: 10, filter }))).vectors?.map(
        (vector) => vector.key,
      );
    expect(await keys({ type: 'x' })).toEqual(['a', 'c']);
    expect(await keys({ $and: [{ type: { $eq: 'x' } }, { n: { $gt: 1 } }] })).toEqual(['c']);
    expect(await keys({ $or: [{ type: 'y' }, { tags: { $in: ['q'] } }] })).toEqual(['b', 'c']);
    expect(await keys({ tags: { $exists: false } })).toEqual(['a', 'b']);
  });

  it('refuses what S3 Vectors refuses', async () => {
    const query = (input: Partial<QueryVectorsCommandInput>) =>
      client.send(new QueryVectorsCommand({ ...index, queryVector: { float32: unit(4, 0) }, topK: 1, ...input }));
    const put = (count: number, vector: number[] = unit(4, 1), metadata: Record<string, string | number> = {}) =>
      client.send(
        new PutVectorsCommand({
          ...index,
          vectors: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, data: { float32: vector }, metadata })),
        }),
      );

    expect(await errorName(query({ topK: 101 }))).toBe('ValidationException');
    expect(await errorName(query({ topK: 0 }))).toBe('ValidationException');
    expect(await errorName(query({ queryVector: { float32: unit(3, 0) } }))).toBe('ValidationException');
    expect(await errorName(query({ filter: { notes: 'free text' } }))).toBe('ValidationException');
    expect(await errorName(query({ filter: { type: { $like: 'x' } } }))).toBe('ValidationException');
    expect(await errorName(put(501))).toBe('ValidationException');
    expect(await errorName(put(1, unit(5, 0)))).toBe('ValidationException');
    expect(await errorName(put(1, [0, 0, 0, 0]))).toBe('ValidationException');
    expect(await errorName(put(1, unit(4, 0), { big: 'x'.repeat(2_100) }))).toBe('ValidationException');
    expect(await errorName(put(1, unit(4, 0), { notes: 'x'.repeat(41 * 1024) }))).toBe('ValidationException');
    expect(await errorName(put(1, unit(4, 0), Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]))))).toBe(
      'ValidationException',
    );
    expect(await errorName(client.send(new DeleteVectorsCommand({ ...index, keys: Array.from({ length: 501 }, (_, i) => `k${i}`) })))).toBe(
      'ValidationException',
    );
    expect(
      await errorName(client.send(new CreateIndexCommand({ ...index, dataType: 'float32', dimension: 4, distanceMetric: 'cosine' }))),
    ).toBe('ConflictException');
    expect(
      await errorName(
        client.send(
          new CreateIndexCommand({ ...index, indexName: 'Bad_Name', dataType: 'float32', dimension: 4, distanceMetric: 'cosine' }),
        ),
      ),
    ).toBe('ValidationException');
    expect(
      await errorName(
        client.send(new CreateIndexCommand({ ...index, indexName: 'big', dataType: 'float32', dimension: 4097, distanceMetric: 'cosine' })),
      ),
    ).toBe('ValidationException');
    expect(await errorName(query({ indexName: 'missing' }))).toBe('NotFoundException');
    expect(await errorName(query({ vectorBucketName: 'other-bucket' }))).toBe('NotFoundException');
  });

  it('changes nothing when it refuses a batch', async () => {
    // Act
    const refused = await errorName(
      client.send(
        new PutVectorsCommand({
          ...index,
          vectors: [
            { key: 'new', data: { float32: unit(4, 3) } },
            { key: 'bad', data: { float32: unit(3, 0) } },
          ],
        }),
      ),
    );
    const found = await client.send(new QueryVectorsCommand({ ...index, queryVector: { float32: unit(4, 3) }, topK: 10 }));

    // Assess
    expect(refused).toBe('ValidationException');
    expect(found.vectors?.map((vector) => vector.key)).not.toContain('new');
  });
});

describe("S3 Vectors stand-in, an index's write rate", () => {
  let standIn: S3VectorsStandIn;
  let client: S3VectorsClient;
  let now = 1_000_000;
  const batch = (name: string, from: number, count: number) =>
    Array.from({ length: count }, (_, n) => ({ key: `${name}-${from + n}`, data: { float32: unit(4, n % 4) }, metadata: { batch: name } }));
  const put = (indexName: string, vectors: ReturnType<typeof batch>) =>
    errorName(client.send(new PutVectorsCommand({ vectorBucketName: BUCKET, indexName, vectors })));
  const create = (indexName: string) =>
    client.send(
      new CreateIndexCommand({ vectorBucketName: BUCKET, indexName, dataType: 'float32', dimension: 4, distanceMetric: 'cosine' }),
    );

  beforeAll(async () => {
    standIn = await startS3VectorsStandIn({ buckets: [BUCKET], now: () => now });
    client = standInClient(standIn.endpoint);
  });
  afterAll(async () => {
    client.destroy();
    await standIn.stop();
  });

  it('takes 2,500 vectors a second, put and deleted together, refuses the rest whole with 429, and takes more as time passes', async () => {
    // Arrange
    await create('vectors-rate');

    // Act
    const firstSecond = [];
    for (let call = 0; call < 4; call++) firstSecond.push(await put('vectors-rate', batch('early', call * 500, 500)));
    const deleted = await errorName(
      client.send(
        new DeleteVectorsCommand({
          vectorBucketName: BUCKET,
          indexName: 'vectors-rate',
          keys: batch('early', 0, 400).map(({ key }) => key),
        }),
      ),
    );
    const refused = await put('vectors-rate', batch('late', 0, 101));
    const within = await put('vectors-rate', batch('late', 200, 100));
    now += 200;
    const later = await put('vectors-rate', batch('later', 0, 500));
    const found = await client.send(
      new QueryVectorsCommand({
        vectorBucketName: BUCKET,
        indexName: 'vectors-rate',
        queryVector: { float32: unit(4, 0) },
        topK: 100,
        filter: { batch: 'late' },
      }),
    );

    // Assert
    expect(firstSecond).toEqual(['resolved', 'resolved', 'resolved', 'resolved']);
    expect(deleted).toBe('resolved');
    expect(refused).toBe('TooManyRequestsException');
    expect(within).toBe('resolved');
    expect(later).toBe('resolved');
    expect(found.vectors?.map(({ key }) => key ?? '').filter((key) => Number(key.split('-')[1]) < 200)).toEqual([]);
  });

  it('takes 1,000 write requests a second an index, each index on its own', async () => {
    // Arrange
    await create('requests-rate');
    await create('other-index');

    // Act
    const answers = [];
    for (let call = 0; call < 1_000; call++) answers.push(await put('requests-rate', batch('one', call, 1)));
    const refused = await put('requests-rate', batch('one', 1_000, 1));
    const elsewhere = await put('other-index', batch('one', 0, 1));
    now += 1;
    const afterOneMillisecond = await put('requests-rate', batch('one', 1_001, 1));

    // Assert
    expect(answers.filter((answer) => answer !== 'resolved')).toEqual([]);
    expect(refused).toBe('TooManyRequestsException');
    expect(elsewhere).toBe('resolved');
    expect(afterOneMillisecond).toBe('resolved');
  });
});
