import type { Memory, Sandbox } from '../domain/memory';
import type { MetricsRecorder } from '../platform/metrics';
import type { TextEmbedder } from './embedder';
import { lexicalVector } from './lexical-vector';
import { filterableMetadata, type SandboxVectorIndex, type VectorEntry } from './vector-index';

/** A memory's last known state in a batch of changes: written (created or updated) or deleted. */
export type MemoryChange = { readonly kind: 'upsert'; readonly memory: Memory } | { readonly kind: 'delete'; readonly id: string };

/** What indexing cost, for the cost figures. */
export interface IndexingCost {
  readonly embeddingTokens: number;
  readonly vectorsWritten: number;
  readonly vectorsDeleted: number;
}

/** Embedding calls in flight at once for one batch: Bedrock's per-account rate, not the batch, is the limit. */
const EMBED_CONCURRENCY = 8;

/**
 * Brings a sandbox's two indexes in line with its memories: a written memory is embedded again and
 * its vectors replaced (S3 Vectors' PutVectors overwrites a key), a deleted one leaves both. The
 * same changes may be applied twice (a stream retries a batch): the result is the same.
 */
export class SearchIndexer {
  constructor(
    private readonly index: SandboxVectorIndex,
    private readonly embedder: TextEmbedder,
    private readonly metrics: MetricsRecorder,
    private readonly now: () => number = Date.now,
  ) {}

  async apply(scope: Sandbox, changes: readonly MemoryChange[]): Promise<IndexingCost> {
    const upserts = changes.flatMap((change) => (change.kind === 'upsert' ? [change.memory] : []));
    const deletes = changes.flatMap((change) => (change.kind === 'delete' ? [change.id] : []));
    const semantic: VectorEntry[] = [];
    const lexical: VectorEntry[] = [];
    // A memory with no vector for a signal (no known word, no term) must leave that index too.
    const semanticGone = [...deletes];
    const lexicalGone = [...deletes];
    let embeddingTokens = 0;
    for (let start = 0; start < upserts.length; start += EMBED_CONCURRENCY) {
      const group = upserts.slice(start, start + EMBED_CONCURRENCY);
      const embeddings = await this.step('embed', () => Promise.all(group.map((memory) => this.embedder.embed(memory.content))));
      group.forEach((memory, position) => {
        const metadata = filterableMetadata(memory.type, memory.metadata);
        const embedding = embeddings[position];
        if (embedding) {
          embeddingTokens += embedding.tokens;
          semantic.push({ key: memory.id, vector: embedding.vector, metadata });
        } else semanticGone.push(memory.id);
        const terms = lexicalVector(memory.content);
        if (terms.vector)
          lexical.push({
            key: memory.id,
            vector: terms.vector,
            metadata: filterableMetadata(memory.type, memory.metadata, terms.identifiers),
            terms: terms.stored,
          });
        else lexicalGone.push(memory.id);
      });
    }
    await this.step('write', () =>
      Promise.all([
        this.index.put(scope, 'semantic', semantic),
        this.index.put(scope, 'lexical', lexical),
        this.index.remove(scope, 'semantic', semanticGone),
        this.index.remove(scope, 'lexical', lexicalGone),
      ]),
    );
    const indexedAt = this.now();
    for (const memory of upserts) this.metrics.record('SearchIndexLag', {}, Math.max(0, indexedAt - Date.parse(memory.updatedAt)));
    return {
      embeddingTokens,
      vectorsWritten: semantic.length + lexical.length,
      vectorsDeleted: semanticGone.length + lexicalGone.length,
    };
  }

  private async step<T>(step: 'embed' | 'write', work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.metrics.record('SearchIndexFailures', { step });
      throw error;
    }
  }
}
