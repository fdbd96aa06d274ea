import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import type { Memory, Sandbox } from '../../lambda/domain/memory';
import { reindexSandbox, REINDEX_CALL_INTERVAL_MS, type Pacing } from '../../lambda/search/reindex';
import type { TextEmbedder } from '../../lambda/search/embedder';
import { SearchIndexer } from '../../lambda/search/search-indexer';
import { SandboxVectorIndex } from '../../lambda/search/vector-index';
import type { MemoriesStore } from '../../lambda/store/memories-store';
import { CountingMetrics } from '../../lambda/platform/metrics';
import { standInClient } from '../helpers/s3-vectors-client';
import { startS3VectorsStandIn, type S3VectorsStandIn } from '../../local/s3-vectors-stand-in';

const BUCKET = 'reindex-bucket';
const DIMENSION = 8;

/** A deterministic embedder: the text's length spread over a few dimensions (what matters here is the number of vectors). */
const embedder: TextEmbedder = {
  model: 'test',
  dimension: DIMENSION,
  embed: (text) => {
    const vector = Array.from({ length: DIMENSION }, (_, i) => ((text.length + i) % DIMENSION) + 1);
    const norm = Math.hypot(...vector);
    return Promise.resolve({ vector: vector.map((value) => value / norm), tokens: 1 });
  },
};

function memories(count: number): Pick<MemoriesStore, 'all'> {
  return {
    async *all(): AsyncGenerator<Memory> {
      for (let n = 0; n < count; n++) {
        const at = new Date(1_700_000_000_000 + n).toISOString();
        yield {
          id: `mem_${n}`,
          content: `note ${n} about the garden`,
          type: 'episodic',
          metadata: {},
          environment: 'live',
          createdAt: at,
          updatedAt: at,
        };
        await Promise.resolve();
      }
    },
  };
}

describe('npm run reindex against S3 Vectors write rates', () => {
  let now = 5_000_000;
  let standIn: S3VectorsStandIn;
  let client: S3VectorsClient;
  let index: SandboxVectorIndex;
  const scope: Sandbox = { tenantId: 'tnt_reindex', environment: 'live' };
  const waits: number[] = [];
  /** The test's clock: a rebuild's pause moves it, and the stand-in's write rate refills by it. */
  const pacing: Pacing = {
    now: () => now,
    sleep: (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };

  beforeAll(async () => {
    standIn = await startS3VectorsStandIn({ buckets: [BUCKET], now: () => now });
    client = standInClient(standIn.endpoint);
    index = new SandboxVectorIndex(client, { buckets: [BUCKET], dimensions: { semantic: DIMENSION, lexical: 1024 } });
  });
  afterAll(async () => {
    client.destroy();
    await standIn.stop();
  });

  it('rebuilds a sandbox larger than an index takes in a second without one throttled call, pacing its writes on the clock', async () => {
    // Arrange
    const indexer = new SearchIndexer(index, embedder, new CountingMetrics(), () => now);

    // Act
    const result = await reindexSandbox(scope, memories(3_000), index, indexer, pacing);
    const written = standIn.usage.vectorsWritten;

    // Assert
    expect(result.memories).toBe(3_000);
    expect(written).toBe(6_000);
    // Six calls of 500 into each index: the first at once, each later one when the rate allows it.
    expect(waits).toHaveLength(5);
    expect(Math.min(...waits)).toBeGreaterThan(0);
    expect(waits.every((wait) => wait <= REINDEX_CALL_INTERVAL_MS)).toBe(true);
  });

  it('is refused by the index when it does not pace itself: the rate the pacing keeps to is real', async () => {
    // Arrange
    const indexer = new SearchIndexer(index, embedder, new CountingMetrics(), () => now);
    const noPause: Pacing = { now: () => 0, sleep: () => Promise.resolve() };
    now += 10_000;

    // Act
    const outcome = await reindexSandbox({ tenantId: 'tnt_unpaced', environment: 'live' }, memories(3_000), index, indexer, noPause).then(
      () => 'done',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );

    // Assert
    expect(outcome).toBe('TooManyRequestsException');
  });
});
