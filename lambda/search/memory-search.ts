import { DomainError } from '../domain/errors';
import type { Memory, MemoryType, MetadataValue, Sandbox } from '../domain/memory';
import { unavailable } from '../platform/budget';
import { logger } from '../platform/logger';
import type { MetricsRecorder } from '../platform/metrics';
import type { MemoriesStore } from '../store/memories-store';
import type { TextEmbedder } from './embedder';
import { fuse, type Ranked } from './fusion';
import { lexicalVector, type LexicalVector } from './lexical-vector';
import type { SearchMode } from './search-modes';
import { S3_VECTORS_LIMITS, type Neighbour, type SandboxVectorIndex } from './vector-index';

export interface SearchQuery {
  readonly query: string;
  readonly limit: number;
  readonly mode: SearchMode;
  readonly type?: MemoryType;
  readonly metadata?: Record<string, MetadataValue>;
}

export interface SearchHit {
  readonly memory: Memory;
  readonly score: number;
}

/** Each signal brings its best this many candidates (S3 Vectors' top-K ceiling): fusion sees beyond the page asked for. */
const CANDIDATES = S3_VECTORS_LIMITS.topK;
/** A term with a digit in it: an invoice, ticket, order or flight number, a version, a key. */
const IDENTIFIER = /\p{N}/u;

/**
 * A search reads a bounded amount whatever the sandbox holds: one or two vector queries (top-K
 * ≤ 100, filters applied inside the index), then the `limit` memories it returns, read in
 * parallel from DynamoDB. Nothing else of the sandbox is read.
 */
export class MemorySearch {
  constructor(
    private readonly index: SandboxVectorIndex,
    private readonly embedder: TextEmbedder,
    private readonly memories: MemoriesStore,
    private readonly metrics: MetricsRecorder,
  ) {}

  async search(scope: Sandbox, query: SearchQuery): Promise<SearchHit[]> {
    const filter = { type: query.type, metadata: query.metadata };
    const lexical = lexicalVector(query.query);
    const [semanticRanking, lexicalFound] = await this.fromIndex(() =>
      Promise.all([
        query.mode === 'lexical' ? undefined : this.semanticCandidates(scope, query.query, filter),
        query.mode === 'semantic' ? undefined : this.lexicalCandidates(scope, lexical, filter),
      ]),
    );
    const lexicalRanking = lexicalFound?.ranking;
    const ranked: Ranked[] =
      query.mode === 'hybrid'
        ? fuse([
            { ranking: semanticRanking ?? [], weight: 1 },
            // Embeddings cannot place an identifier (INV-2024-0042): when the query holds one, the words decide more.
            { ranking: lexicalRanking ?? [], weight: [...lexical.terms].some((term) => IDENTIFIER.test(term)) ? 2 : 1 },
            // And the memories that hold it exactly more still: in a large sandbox, many share the query's other terms.
            { ranking: lexicalFound?.exact ?? [], weight: lexicalFound?.exact.length ? 2 : 0 },
          ])
        : ((query.mode === 'semantic' ? semanticRanking : lexicalRanking) ?? []).map(({ key, similarity }) => ({
            key,
            score: Math.max(0, similarity),
          }));
    const best = ranked.slice(0, query.limit);
    // A memory deleted or changed since the index saw it is left out; so is one whose metadata the index could not hold.
    const found = await Promise.all(best.map(({ key }) => this.memories.get(scope, key)));
    return best.flatMap(({ score }, position) => {
      const memory = found[position];
      if (!memory || !passes(memory, query)) return [];
      return [{ memory, score: Math.round(score * 10_000) / 10_000 }];
    });
  }

  private async semanticCandidates(scope: Sandbox, text: string, filter: { type?: MemoryType; metadata?: Record<string, MetadataValue> }) {
    const embedding = await this.embedder.embed(text);
    return embedding ? this.index.query(scope, 'semantic', embedding.vector, CANDIDATES, filter) : [];
  }

  /**
   * Only candidates that share a real term with the query: two terms may meet in one hash slot, and
   * the terms stored beside each vector (returned by the query) tell a real match from that. A query
   * holding an identifier also asks for the memories that hold it exactly (a filter, which S3
   * Vectors applies before its approximate search): they come first, whatever the sandbox size.
   */
  private async lexicalCandidates(
    scope: Sandbox,
    query: LexicalVector,
    filter: { type?: MemoryType; metadata?: Record<string, MetadataValue> },
  ): Promise<{ exact: Neighbour[]; ranking: Neighbour[] }> {
    if (!query.vector) return { exact: [], ranking: [] };
    const vector = query.vector;
    const [exact, near] = await Promise.all([
      query.identifiers.length > 0
        ? this.index.query(scope, 'lexical', vector, CANDIDATES, { ...filter, identifiers: query.identifiers })
        : [],
      this.index.query(scope, 'lexical', vector, CANDIDATES, filter),
    ]);
    const first = new Set(exact.map(({ key }) => key));
    const ranking = [...exact, ...near.filter(({ key }) => !first.has(key))]
      .slice(0, CANDIDATES)
      .filter(({ terms }) => (terms ?? '').split(' ').some((term) => query.terms.has(term)));
    return { exact, ranking };
  }

  /** Bedrock and S3 Vectors failing or not answering in the request's budget is a 503 with Retry-After, never a 500. */
  private async fromIndex<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // A domain error other than an unavailable backend (contention, a tier gone) keeps its own answer.
      if (error instanceof DomainError && error.kind !== 'unavailable') throw error;
      logger.warn('search backend failed', {
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      this.metrics.record('SearchUnavailable', {});
      throw unavailable();
    }
  }
}

function passes(memory: Memory, query: SearchQuery): boolean {
  if (query.type && memory.type !== query.type) return false;
  return Object.entries(query.metadata ?? {}).every(
    ([key, value]) => Object.hasOwn(memory.metadata, key) && memory.metadata[key] === value,
  );
}
