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
 * Rebuilds a sandbox's two indexes from its memories in DynamoDB: drops them, then writes every
 * memory again, 500 (one PutVectors call) at a time. Changes made meanwhile still arrive through
 * the stream; a memory deleted between its read here and its write may linger in the index until
 * the next rebuild, and a search leaves it out because it reads every result from DynamoDB.
 */
export async function reindexSandbox(
  scope: Sandbox,
  memories: MemoriesStore,
  index: SandboxVectorIndex,
  indexer: SearchIndexer,
): Promise<ReindexResult> {
  await index.drop(scope);
  let count = 0;
  let embeddingTokens = 0;
  let vectorsWritten = 0;
  let vectorsDeleted = 0;
  let batch: MemoryChange[] = [];
  const flush = async () => {
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
