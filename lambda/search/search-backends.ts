import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { CALL_ATTEMPTS, CALL_TIMEOUTS } from '../platform/budget';
import { BedrockEmbedder, TITAN_DIMENSIONS, type TitanDimension } from './bedrock-embedder';
import type { TextEmbedder } from './embedder';
import { LEXICAL_DIMENSION } from './lexical-vector';
import { SandboxVectorIndex } from './vector-index';

/** Where search keeps and finds vectors, and what turns text into them. */
export interface SearchBackends {
  readonly index: SandboxVectorIndex;
  readonly embedder: TextEmbedder;
}

/** Set by the stack on the functions that search or index. */
export const SEARCH_ENVIRONMENT = {
  /** Comma-separated vector bucket names. */
  vectorBuckets: 'VECTOR_BUCKETS',
  /** Titan Text Embeddings V2's output size: 256, 512 or 1024. */
  embeddingDimension: 'EMBEDDING_DIMENSION',
} as const;

export function searchBackends(client: S3VectorsClient, buckets: readonly string[], embedder: TextEmbedder): SearchBackends {
  return {
    index: new SandboxVectorIndex(client, { buckets, dimensions: { semantic: embedder.dimension, lexical: LEXICAL_DIMENSION } }),
    embedder,
  };
}

/** Bedrock and S3 Vectors in the function's region; undefined for a function the stack gave no vector bucket. */
export function searchBackendsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): SearchBackends | undefined {
  const buckets = (environment[SEARCH_ENVIRONMENT.vectorBuckets] ?? '').split(',').filter((bucket) => bucket.length > 0);
  if (buckets.length === 0) return undefined;
  const dimension = Number(environment[SEARCH_ENVIRONMENT.embeddingDimension] ?? 1024);
  if (!TITAN_DIMENSIONS.includes(dimension as TitanDimension))
    throw new Error(`${SEARCH_ENVIRONMENT.embeddingDimension} must be 256, 512 or 1024`);
  const client = new S3VectorsClient({ maxAttempts: CALL_ATTEMPTS, requestHandler: CALL_TIMEOUTS });
  return searchBackends(client, buckets, new BedrockEmbedder(dimension as TitanDimension));
}
