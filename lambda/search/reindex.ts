import { setTimeout as sleep } from 'node:timers/promises';
import type { Sandbox } from '../domain/memory';
import type { MetricsRecorder } from '../platform/metrics';
import type { MemoriesStore } from '../store/memories-store';
import { S3_VECTORS_LIMITS, type SandboxVectorIndex } from './vector-index';
import { SearchIndexer, type IndexingCost, type MemoryChange } from './search-indexer';
import type { SearchBackends } from './search-backends';

export interface ReindexResult extends IndexingCost {
  readonly memories: number;
}

/**
 * S3 Vectors takes 2,500 vectors a second into an index (put and deleted together; past it, 429):
 * a rebuild writes up to 500 into each index a call, so it starts a call at most this often.
 */
export const REINDEX_CALL_INTERVAL_MS = (1000 * S3_VECTORS_LIMITS.vectorsPerPut) / S3_VECTORS_LIMITS.vectorWritesPerSecond;

/** The clock a rebuild paces itself on: real time, or a test's. */
export interface Pacing {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}
const REAL_TIME: Pacing = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Rebuilds a sandbox's two indexes from its memories in DynamoDB: drops them, then writes every
 * memory again, 500 (one PutVectors call) at a time, paced under S3 Vectors' write rate per index
 * (REINDEX_CALL_INTERVAL_MS), so a large sandbox is rebuilt at 2,500 memories a second at most,
 * never throttled. Changes made meanwhile still arrive through the stream; a memory deleted
 * between its read here and its write may linger in the index until the next rebuild, and a search
 * leaves it out because it reads every result from DynamoDB.
 */
export async function reindexSandbox(
  scope: Sandbox,
  memories: Pick<MemoriesStore, 'all'>,
  index: SandboxVectorIndex,
  indexer: SearchIndexer,
  pacing: Pacing = REAL_TIME,
): Promise<ReindexResult> {
  await index.drop(scope);
  let count = 0;
  let embeddingTokens = 0;
  let vectorsWritten = 0;
  let vectorsDeleted = 0;
  let batch: MemoryChange[] = [];
  let lastCall = -Infinity;
  const flush = async () => {
    const wait = lastCall + REINDEX_CALL_INTERVAL_MS - pacing.now();
    if (wait > 0) await pacing.sleep(wait);
    lastCall = pacing.now();
    const cost = await indexer.apply(scope, batch);
    embeddingTokens += cost.embeddingTokens;
    vectorsWritten += cost.vectorsWritten;
    vectorsDeleted += cost.vectorsDeleted;
    batch = [];
  };
  for await (const memory of memories.all(scope)) {
    count += 1;
    batch.push({ kind: 'upsert', memory });
    if (batch.length === S3_VECTORS_LIMITS.vectorsPerPut) await flush();
  }
  if (batch.length > 0) await flush();
  return { memories: count, embeddingTokens, vectorsWritten, vectorsDeleted };
}

/** What a reindex uses of a function's dependencies (wiring/dependencies.ts). */
export interface ReindexContext {
  readonly memories: MemoriesStore;
  readonly search?: SearchBackends;
  readonly metrics: MetricsRecorder;
  readonly now: () => number;
}

/** `npm run reindex`: a sandbox rebuilt with the dependencies' search backends (the local server's, or a deployed stack's). */
export function reindexWithDependencies(deps: ReindexContext, scope: Sandbox): Promise<ReindexResult> {
  if (!deps.search) throw new Error('these dependencies have no search backends');
  const { index, embedder } = deps.search;
  return reindexSandbox(scope, deps.memories, index, new SearchIndexer(index, embedder, deps.metrics, deps.now));
}
