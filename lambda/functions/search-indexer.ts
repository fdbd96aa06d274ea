import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { instrumented } from '../platform/invocation';
import { logger } from '../platform/logger';
import { EmfMetrics } from '../platform/metrics';
import { memoryChanges, type StreamRecord } from '../search/memory-changes';
import { searchBackendsFromEnvironment } from '../search/search-backends';
import { SearchIndexer } from '../search/search-indexer';
import { parseAppConfig } from '../shared/config';
import { APP_CONFIG_ENVIRONMENT } from '../shared/environment-names';
import { metricsNamespace } from '../shared/metrics';

const config = parseAppConfig(JSON.parse(process.env[APP_CONFIG_ENVIRONMENT] ?? '{}'), APP_CONFIG_ENVIRONMENT);
const metrics = new EmfMetrics(metricsNamespace(config.stage));
const backends = searchBackendsFromEnvironment();
/** Within the function's 60 s timeout, with room to report. */
const BATCH_BUDGET_MS = 50_000;

/**
 * The memories table's stream, in order per item: each batch's changes are applied to the
 * sandboxes' vector indexes. A failure throws, so Lambda retries the batch (halving it on repeated
 * failure) and finally sends it to the dead-letter queue; applying a batch twice gives the same
 * index, so retries are safe.
 */
export const handler = instrumented(
  {
    name: 'searchIndexer',
    budgetMs: BATCH_BUDGET_MS,
    requestId: (_event: DynamoDBStreamEvent, context: Context) => context.awsRequestId,
    metrics: () => metrics,
  },
  async (event): Promise<void> => {
    if (!backends) throw new Error('the indexer has no vector buckets');
    const indexer = new SearchIndexer(backends.index, backends.embedder, metrics);
    try {
      for (const { scope, changes } of memoryChanges(event.Records as readonly StreamRecord[])) await indexer.apply(scope, changes);
    } catch (error) {
      logger.error('indexing failed; the batch will be retried', {
        records: event.Records.length,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  },
);
