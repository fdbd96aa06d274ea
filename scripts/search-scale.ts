import { parseArgs } from 'node:util';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Memory, Sandbox } from '../lambda/domain/memory';
import { createDocumentClient } from '../lambda/platform/dynamo';
import { newId } from '../lambda/domain/ids';
import { MemorySearch } from '../lambda/search/memory-search';
import { SEARCH_MODES, type SearchMode } from '../lambda/search/search-modes';
import { MemoriesStore } from '../lambda/store/memories-store';
import { startLocalStack, type LocalStack } from '../local/server';

/**
 * Search latency by sandbox size and mode, for `npm run bench` and on its own
 * (`npm run bench:search -- --sizes 1000,10000,100000`). Each size gets a sandbox of its own,
 * filled through DynamoDB (BatchWriteItem) and indexed by the stream indexer; the search use case
 * (the handler's, minus HTTP and the authorizer, whose cost does not depend on the sandbox) then
 * runs `searches` queries per mode. Also counted: DynamoDB reads and vector queries per search, and
 * the freshness of single writes (write to searchable, from the indexer's SearchIndexLag).
 */
export interface SearchScaleFigures {
  /** p95 milliseconds, by size then mode. */
  readonly search_p95_ms: Record<string, Record<SearchMode, number>>;
  readonly search_p50_ms: Record<string, Record<SearchMode, number>>;
  /** DynamoDB reads (GetItem) per search, by size: the results read back, never the sandbox. */
  readonly search_dynamo_reads: Record<string, number>;
  /** S3 Vectors QueryVectors calls per hybrid search. */
  readonly vector_queries_per_hybrid_search: number;
  readonly freshness_p95_ms: number;
}

const WORDS = (
  'tea coffee garden meeting project deadline family travel music book recipe running weather budget doctor invoice ' +
  'flight hotel dentist birthday school manager salary holiday insurance mortgage apartment bicycle concert movie ' +
  'password server database release bug customer contract lawyer painter kitchen vegetables allergy medicine'
).split(' ');

/** A small deterministic generator, so runs compare. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const round = (value: number) => Math.round(value * 100) / 100;

async function fill(db: DynamoDBDocumentClient, table: string, scope: Sandbox, size: number): Promise<void> {
  const random = generator(size);
  const now = Date.now();
  const items = Array.from({ length: size }, (_, index) => {
    const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * WORDS.length)]);
    const at = new Date(now - size + index).toISOString();
    const memory: Memory = {
      id: newId('mem', now - size + index),
      content: `${words.join(' ')} ref-${index}`,
      type: index % 4 === 0 ? 'semantic' : 'episodic',
      metadata: { source: index % 3 === 0 ? 'email' : 'chat' },
      environment: scope.environment,
      createdAt: at,
      updatedAt: at,
    };
    return { pk: `MEM#${scope.tenantId}#${scope.environment}`, sk: memory.id, ...memory };
  });
  for (let start = 0; start < items.length; start += 25 * 8)
    await Promise.all(
      Array.from({ length: 8 }, (_, part) => items.slice(start + part * 25, start + (part + 1) * 25))
        .filter((batch) => batch.length > 0)
        .map((batch) => db.send(new BatchWriteCommand({ RequestItems: { [table]: batch.map((Item) => ({ PutRequest: { Item } })) } }))),
    );
}

export async function measureSearchScale(stack: LocalStack, sizes: readonly number[], searches = 40): Promise<SearchScaleFigures> {
  const backends = stack.deps.search;
  if (!backends) throw new Error('the stack has no search backends');
  let reads = 0;
  const db = createDocumentClient(stack.dynamo.endpoint);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetCommand' || context.commandName === 'GetItemCommand') reads += 1;
      return next(args);
    },
    { step: 'initialize', name: 'searchReadCounter' },
  );
  const search = new MemorySearch(backends.index, backends.embedder, new MemoriesStore(db, stack.tables.memories), stack.metrics);
  const p95: Record<string, Record<SearchMode, number>> = {};
  const p50: Record<string, Record<SearchMode, number>> = {};
  const dynamoReads: Record<string, number> = {};
  let vectorQueries = 0;
  try {
    for (const size of sizes) {
      const scope: Sandbox = { tenantId: newId('tnt', Date.now()), environment: 'live' };
      const filled = performance.now();
      await fill(db, stack.tables.memories, scope, size);
      await stack.search.settled();
      process.stdout.write(
        `\n## ${size.toLocaleString('en')} memories (filled and indexed in ${((performance.now() - filled) / 1000).toFixed(1)} s)\n`,
      );
      const random = generator(size + 1);
      p95[size] = {} as Record<SearchMode, number>;
      p50[size] = {} as Record<SearchMode, number>;
      reads = 0;
      for (const mode of SEARCH_MODES) {
        const times: number[] = [];
        const queriesBefore = stack.search.vectors.calls.get('QueryVectors') ?? 0;
        for (let i = 0; i < searches; i++) {
          const query = Array.from({ length: 2 + Math.floor(random() * 3) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
          const started = performance.now();
          await search.search(scope, { query, limit: 10, mode, ...(i % 4 === 0 ? { metadata: { source: 'email' } } : {}) });
          times.push(performance.now() - started);
        }
        if (mode === 'hybrid') vectorQueries = ((stack.search.vectors.calls.get('QueryVectors') ?? 0) - queriesBefore) / searches;
        p95[size][mode] = round(percentile(times, 95));
        p50[size][mode] = round(percentile(times, 50));
        process.stdout.write(`search ${mode.padEnd(8)} median ${p50[size][mode].toFixed(2)} ms, p95 ${p95[size][mode].toFixed(2)} ms\n`);
      }
      dynamoReads[size] = round(reads / (searches * SEARCH_MODES.length));
      process.stdout.write(`DynamoDB reads per search ${dynamoReads[size]} (the results, at most the limit of 10)\n`);
    }
    const freshness = await measureFreshness(stack);
    process.stdout.write(`\nfreshness (write to searchable): p95 ${freshness.toFixed(0)} ms\n`);
    return {
      search_p95_ms: p95,
      search_p50_ms: p50,
      search_dynamo_reads: dynamoReads,
      vector_queries_per_hybrid_search: vectorQueries,
      freshness_p95_ms: round(freshness),
    };
  } finally {
    db.destroy();
  }
}

/** Single writes one after another, each awaited until searchable; the indexer records each memory's lag. */
async function measureFreshness(stack: LocalStack): Promise<number> {
  const scope: Sandbox = { tenantId: newId('tnt', Date.now()), environment: 'live' };
  const before = stack.metrics.values('SearchIndexLag', {}).length;
  for (let i = 0; i < 40; i++) {
    const at = new Date().toISOString();
    await stack.deps.memories.put(scope, {
      id: newId('mem', Date.now()),
      content: `freshness probe ${i} about the garden`,
      type: 'episodic',
      metadata: {},
      environment: 'live',
      createdAt: at,
      updatedAt: at,
    });
    await stack.search.settled();
  }
  return percentile(stack.metrics.values('SearchIndexLag', {}).slice(before), 95);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '1000,10000,100000' }, searches: { type: 'string', default: '40' } },
  });
  const sizes = (values.sizes ?? '')
    .split(',')
    .map(Number)
    .filter((size) => size > 0);
  const stack = await startLocalStack({ port: 0, gsiLagMs: 0 });
  try {
    const figures = await measureSearchScale(stack, sizes, Number(values.searches));
    process.stdout.write(`SEARCH_SCALE ${JSON.stringify(figures)}\n`);
  } finally {
    await stack.stop();
  }
}

if (process.argv[1]?.endsWith('search-scale.ts')) await main();
