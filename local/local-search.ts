import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Sandbox } from '../lambda/domain/memory';
import { CALL_ATTEMPTS, CALL_TIMEOUTS } from '../lambda/platform/budget';
import type { MetricsRecorder } from '../lambda/platform/metrics';
import { memoryChanges, sandboxOf, type StreamRecord } from '../lambda/search/memory-changes';
import { reindexSandbox, type ReindexResult } from '../lambda/search/reindex';
import { searchBackends, type SearchBackends } from '../lambda/search/search-backends';
import { SearchIndexer } from '../lambda/search/search-indexer';
import type { MemoriesStore } from '../lambda/store/memories-store';
import { LocalEmbeddingModel } from './embedding-model';
import { startS3VectorsStandIn, type S3VectorsStandIn, type S3VectorsStandInOptions } from './s3-vectors-stand-in';
import { LocalSearchStream } from './search-stream';

export const LOCAL_VECTOR_BUCKET = 'agent-memory-local-vectors';

export interface LocalSearchOptions {
  readonly dynamoEndpoint: string;
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly memories: MemoriesStore;
  readonly metrics: MetricsRecorder;
  readonly now: () => number;
  /** Makes S3 Vectors fail or stall (tests). */
  readonly fault?: S3VectorsStandInOptions['fault'];
  readonly onError: (error: unknown) => void;
}

export interface LocalSearch {
  readonly backends: SearchBackends;
  readonly vectors: S3VectorsStandIn;
  /** Resolves once every memory change written before the call is searchable. */
  settled(): Promise<void>;
  reindex(scope: Sandbox): Promise<ReindexResult>;
  stop(): Promise<void>;
}

/**
 * The deployed search, locally: the S3 Vectors stand-in behind the real client, the packaged word
 * embeddings in place of Bedrock, and the table's DynamoDB Local stream feeding the same indexer
 * code the deployed stream function runs. The stand-in keeps nothing on disk, so every sandbox in
 * the table is indexed again at start.
 */
export async function startLocalSearch(options: LocalSearchOptions): Promise<LocalSearch> {
  const [vectors] = await Promise.all([
    startS3VectorsStandIn({ buckets: [LOCAL_VECTOR_BUCKET], fault: options.fault, now: options.now }),
    LocalEmbeddingModel.preload(),
  ]);
  const client = new S3VectorsClient({
    endpoint: vectors.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: CALL_ATTEMPTS,
    requestHandler: CALL_TIMEOUTS,
  });
  const backends = searchBackends(client, [LOCAL_VECTOR_BUCKET], new LocalEmbeddingModel());
  const indexer = new SearchIndexer(backends.index, backends.embedder, options.metrics, options.now);
  const stream = new LocalSearchStream({
    endpoint: options.dynamoEndpoint,
    table: options.table,
    apply: async (records) => {
      for (const { scope, changes } of memoryChanges(records as readonly StreamRecord[])) await indexer.apply(scope, changes);
    },
    onError: options.onError,
  });
  await stream.start();
  const reindex = (scope: Sandbox) => reindexSandbox(scope, options.memories, backends.index, indexer);
  for (const scope of await sandboxesIn(options.db, options.table)) await reindex(scope);
  return {
    backends,
    vectors,
    settled: () => stream.settled(),
    reindex,
    stop: async () => {
      await stream.stop();
      client.destroy();
      await vectors.stop();
    },
  };
}

/** Every sandbox that holds a memory (a scan of keys only: local data, at start). */
async function sandboxesIn(db: DynamoDBDocumentClient, table: string): Promise<Sandbox[]> {
  const found = new Map<string, Sandbox>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table, ProjectionExpression: 'pk', ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const scope = sandboxOf(String(item.pk));
      if (scope) found.set(String(item.pk), scope);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return [...found.values()];
}
