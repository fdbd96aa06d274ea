import { createHash } from 'node:crypto';
import {
  CreateIndexCommand,
  DeleteIndexCommand,
  DeleteVectorsCommand,
  PutVectorsCommand,
  QueryVectorsCommand,
  type QueryVectorsCommandInput,
  type S3VectorsClient,
} from '@aws-sdk/client-s3vectors';
import type { MemoryType, MetadataValue, Sandbox } from '../domain/memory';
import { budgeted } from '../platform/budget';

/** The two signals each have an index per sandbox: a vector index holds one dimension. */
export type Signal = 'semantic' | 'lexical';

/** S3 Vectors' documented limits (Limitations and restrictions, S3 user guide). */
export const S3_VECTORS_LIMITS = {
  topK: 100,
  vectorsPerPut: 500,
  keysPerDelete: 500,
  filterableMetadataBytes: 2048,
  totalMetadataBytes: 40 * 1024,
  metadataKeys: 50,
  nonFilterableKeysPerIndex: 10,
  minDimension: 1,
  maxDimension: 4096,
  indexesPerBucket: 10_000,
  /** Combined PutVectors and DeleteVectors requests a second, per index. */
  writeRequestsPerSecond: 1_000,
  /** Combined vectors inserted and deleted a second, per index; past either rate, 429 TooManyRequestsException. */
  vectorWritesPerSecond: 2_500,
} as const;

/** What the index holds of a memory, to filter inside the index: its type and metadata, under their own prefix. */
export type FilterableMetadata = Record<string, MetadataValue | string[]>;

export interface VectorEntry {
  readonly key: string;
  readonly vector: number[];
  readonly metadata: FilterableMetadata;
  /** The memory's distinct search terms, space-separated (lexical index only; not filterable, returned by queries). */
  readonly terms?: string;
}

export interface Neighbour {
  readonly key: string;
  /** Cosine similarity, -1 to 1. */
  readonly similarity: number;
  readonly terms?: string;
}

/** The lexical index's one non-filterable metadata key. */
const TERMS_KEY = 'terms';
/** Room left for the terms in S3 Vectors' 40 KB of metadata a vector, beside 2 KB of filterable metadata. */
export const MAX_TERMS_BYTES = 32 * 1024;

export interface IndexFilter {
  readonly type?: MemoryType;
  readonly metadata?: Record<string, MetadataValue>;
  /** Only memories holding one of these identifiers (lexical index). */
  readonly identifiers?: readonly string[];
}

const TYPE_KEY = 'type';
/** Set on a memory whose metadata would pass S3 Vectors' 2 KB of filterable metadata: its metadata is checked after the query. */
const OVERFLOW_KEY = 'overflow';
/** The lexical index's identifiers (terms with a digit), filterable, so an exact identifier is found whatever the index size. */
const IDENTIFIERS_KEY = 'ids';
const metadataKey = (key: string) => `m:${key}`;

/** Identifiers (at most 1 KB, lexicalVector's bound) come first: with the type and the overflow mark they always fit in 2 KB. */
export function filterableMetadata(
  type: MemoryType,
  metadata: Record<string, MetadataValue>,
  identifiers: readonly string[] = [],
): FilterableMetadata {
  const base: FilterableMetadata =
    identifiers.length > 0 ? { [TYPE_KEY]: type, [IDENTIFIERS_KEY]: [...identifiers] } : { [TYPE_KEY]: type };
  const full: FilterableMetadata = { ...base };
  for (const [key, value] of Object.entries(metadata)) full[metadataKey(key)] = value;
  if (Buffer.byteLength(JSON.stringify(full), 'utf8') <= S3_VECTORS_LIMITS.filterableMetadataBytes) return full;
  return { ...base, [OVERFLOW_KEY]: true };
}

/** The S3 Vectors filter for a search's type and metadata; memories whose metadata overflowed pass it and are checked later. */
export function indexFilter(filter: IndexFilter): QueryVectorsCommandInput['filter'] {
  const clauses: NonNullable<QueryVectorsCommandInput['filter']>[] = [];
  if (filter.type) clauses.push({ [TYPE_KEY]: { $eq: filter.type } });
  if (filter.identifiers && filter.identifiers.length > 0) clauses.push({ [IDENTIFIERS_KEY]: { $in: [...filter.identifiers] } });
  const metadata = Object.entries(filter.metadata ?? {});
  if (metadata.length > 0)
    clauses.push({
      $or: [{ $and: metadata.map(([key, value]) => ({ [metadataKey(key)]: { $eq: value } })) }, { [OVERFLOW_KEY]: { $eq: true } }],
    });
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

export interface VectorIndexOptions {
  /** Vector buckets the sandboxes' indexes are spread over (10,000 indexes a bucket, two a sandbox). */
  readonly buckets: readonly string[];
  readonly dimensions: Record<Signal, number>;
}

/**
 * One S3 Vectors index per sandbox and signal. Why not one shared index with a sandbox key: S3
 * Vectors bills a query by the data of the whole index it searches (vectors in the index × their
 * size), so in a shared index every tenant's search would pay for every other tenant's memories,
 * and a missing filter would be a leak. Here a query cannot reach another sandbox's vectors: it
 * names the sandbox's own index. An index is made on its sandbox's first write.
 */
export class SandboxVectorIndex {
  constructor(
    private readonly client: S3VectorsClient,
    private readonly options: VectorIndexOptions,
  ) {
    if (options.buckets.length === 0) throw new Error('at least one vector bucket is needed');
  }

  location(scope: Sandbox, signal: Signal): { vectorBucketName: string; indexName: string } {
    const digest = createHash('sha256').update(scope.tenantId).digest();
    const bucket = this.options.buckets[digest.readUInt32BE(0) % this.options.buckets.length] ?? '';
    // Index names are 3–63 lower-case letters, digits, hyphens and dots; a tenant id is not.
    return {
      vectorBucketName: bucket,
      indexName: `${signal === 'semantic' ? 's' : 'l'}-${scope.environment}-${digest.toString('hex').slice(0, 40)}`,
    };
  }

  async put(scope: Sandbox, signal: Signal, entries: readonly VectorEntry[]): Promise<void> {
    for (let start = 0; start < entries.length; start += S3_VECTORS_LIMITS.vectorsPerPut) {
      const vectors = entries.slice(start, start + S3_VECTORS_LIMITS.vectorsPerPut).map((entry) => ({
        key: entry.key,
        data: { float32: entry.vector },
        metadata: entry.terms === undefined ? entry.metadata : { ...entry.metadata, [TERMS_KEY]: entry.terms },
      }));
      const send = () =>
        budgeted((abortSignal) => this.client.send(new PutVectorsCommand({ ...this.location(scope, signal), vectors }), { abortSignal }));
      try {
        await send();
      } catch (error) {
        if (!isNotFound(error)) throw error;
        await this.create(scope, signal);
        await send();
      }
    }
  }

  async remove(scope: Sandbox, signal: Signal, keys: readonly string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += S3_VECTORS_LIMITS.keysPerDelete) {
      try {
        await budgeted((abortSignal) =>
          this.client.send(
            new DeleteVectorsCommand({ ...this.location(scope, signal), keys: keys.slice(start, start + S3_VECTORS_LIMITS.keysPerDelete) }),
            { abortSignal },
          ),
        );
      } catch (error) {
        // No index, nothing to remove.
        if (!isNotFound(error)) throw error;
      }
    }
  }

  /** The nearest `topK` (at most 100) vectors that pass the filter, nearest first; none when the sandbox has no index yet. */
  async query(scope: Sandbox, signal: Signal, vector: number[], topK: number, filter: IndexFilter): Promise<Neighbour[]> {
    const where = indexFilter(filter);
    try {
      const response = await budgeted((abortSignal) =>
        this.client.send(
          new QueryVectorsCommand({
            ...this.location(scope, signal),
            queryVector: { float32: vector },
            topK: Math.min(topK, S3_VECTORS_LIMITS.topK),
            returnDistance: true,
            returnMetadata: signal === 'lexical',
            ...(where ? { filter: where } : {}),
          }),
          { abortSignal },
        ),
      );
      // Cosine distance is 1 − cosine similarity.
      return (response.vectors ?? []).map((found) => {
        const terms = (found.metadata as Record<string, unknown> | undefined)?.[TERMS_KEY];
        return { key: found.key ?? '', similarity: 1 - (found.distance ?? 1), ...(typeof terms === 'string' ? { terms } : {}) };
      });
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  /** Deletes both of a sandbox's indexes (a rebuild starts from nothing). */
  async drop(scope: Sandbox): Promise<void> {
    for (const signal of ['semantic', 'lexical'] as const) {
      try {
        await budgeted((abortSignal) => this.client.send(new DeleteIndexCommand(this.location(scope, signal)), { abortSignal }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  private async create(scope: Sandbox, signal: Signal): Promise<void> {
    try {
      await budgeted((abortSignal) =>
        this.client.send(
          new CreateIndexCommand({
            ...this.location(scope, signal),
            dataType: 'float32',
            dimension: this.options.dimensions[signal],
            distanceMetric: 'cosine',
            ...(signal === 'lexical' ? { metadataConfiguration: { nonFilterableMetadataKeys: [TERMS_KEY] } } : {}),
          }),
          { abortSignal },
        ),
      );
    } catch (error) {
      // Another writer made it first.
      if (!(error instanceof Error && error.name === 'ConflictException')) throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'NotFoundException';
}
