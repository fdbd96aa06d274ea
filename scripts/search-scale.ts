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
 * runs `searches` queries per mode and size, after a few untimed ones (a deployed function is warm
 * too), taken in turns across sizes so a busy moment of the machine weighs on every size alike. Also
 * counted: DynamoDB read units and vector queries per search, how many exact identifiers (`ref-N`)
 * a hybrid search finds in its top 10, and the freshness of single writes (write to searchable,
 * from the indexer's SearchIndexLag).
 */
export interface SearchScaleFigures {
  /** p95 milliseconds, by size then mode. */
  readonly search_p95_ms: Record<string, Record<SearchMode, number>>;
  readonly search_p50_ms: Record<string, Record<SearchMode, number>>;
  /** DynamoDB reads (GetItem) per search, by size: the results read back, never the sandbox. */
  readonly search_dynamo_reads: Record<string, number>;
  /** DynamoDB read units per search, by size, as DynamoDB counts them (ReturnConsumedCapacity). */
  readonly search_read_units: Record<string, number>;
  /** Share of exact-identifier searches (`ref-N`, hybrid) that found the memory in their top 10, by size. */
  readonly search_identifiers_found: Record<string, number>;
  /** S3 Vectors QueryVectors calls per hybrid search. */
  readonly vector_queries_per_hybrid_search: number;
  readonly freshness_p95_ms: number;
}

const WORDS = (
  'tea coffee garden meeting project deadline family travel music book recipe running weather budget doctor invoice ' +
  'flight hotel dentist birthday school manager salary holiday insurance mortgage apartment bicycle concert movie ' +
  'password server database release bug customer contract lawyer painter kitchen vegetables allergy medicine'
).split(' ');

const WARM_UP = 5;
const IDENTIFIER_SEARCHES = 20;

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

export async function measureSearchScale(stack: LocalStack, sizes: readonly number[], searches = 100): Promise<SearchScaleFigures> {
  const backends = stack.deps.search;
  if (!backends) throw new Error('the stack has no search backends');
  let reads = 0;
  let readUnits = 0;
  const db = createDocumentClient(stack.dynamo.endpoint);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'GetCommand' && context.commandName !== 'GetItemCommand') return next(args);
      reads += 1;
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      readUnits += (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'searchReadCounter' },
  );
  const search = new MemorySearch(backends.index, backends.embedder, new MemoriesStore(db, stack.tables.memories), stack.metrics);
  const p95: Record<string, Record<SearchMode, number>> = {};
  const p50: Record<string, Record<SearchMode, number>> = {};
  const dynamoReads: Record<string, number> = {};
  const units: Record<string, number> = {};
  const identifiers: Record<string, number> = {};
  let vectorQueries = 0;
  try {
    // Every sandbox is filled first and the searches then taken in turns across sizes and modes, so
    // whatever else the machine does at a moment weighs on every size alike.
    const scopes = new Map<number, Sandbox>();
    for (const size of sizes) {
      const scope: Sandbox = { tenantId: newId('tnt', Date.now()), environment: 'live' };
      const filled = performance.now();
      await fill(db, stack.tables.memories, scope, size);
      await stack.search.settled();
      scopes.set(size, scope);
      process.stdout.write(
        `${size.toLocaleString('en')} memories filled and indexed in ${((performance.now() - filled) / 1000).toFixed(1)} s\n`,
      );
    }
    for (const [, scope] of scopes)
      for (const mode of SEARCH_MODES)
        for (let i = 0; i < WARM_UP; i++) await search.search(scope, { query: `${WORDS[i] ?? ''} warm up`, limit: 10, mode });
    const random = generator(sizes.length + 1);
    const times = new Map(sizes.map((size) => [size, new Map(SEARCH_MODES.map((mode) => [mode, [] as number[]]))]));
    const readsBySize = new Map(sizes.map((size) => [size, { reads: 0, units: 0 }]));
    let hybridQueries = 0;
    for (let i = 0; i < searches; i++) {
      for (const [size, scope] of scopes) {
        for (const mode of SEARCH_MODES) {
          const query = Array.from({ length: 2 + Math.floor(random() * 3) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
          const [readsBefore, unitsBefore] = [reads, readUnits];
          const queriesBefore = stack.search.vectors.calls.get('QueryVectors') ?? 0;
          const started = performance.now();
          await search.search(scope, { query, limit: 10, mode, ...(i % 4 === 0 ? { metadata: { source: 'email' } } : {}) });
          times
            .get(size)
            ?.get(mode)
            ?.push(performance.now() - started);
          const counted = readsBySize.get(size);
          if (counted) {
            counted.reads += reads - readsBefore;
            counted.units += readUnits - unitsBefore;
          }
          if (mode === 'hybrid') hybridQueries += (stack.search.vectors.calls.get('QueryVectors') ?? 0) - queriesBefore;
        }
      }
    }
    vectorQueries = hybridQueries / (searches * sizes.length);
    for (const [size, scope] of scopes) {
      process.stdout.write(`\n## ${size.toLocaleString('en')} memories\n`);
      p95[size] = {} as Record<SearchMode, number>;
      p50[size] = {} as Record<SearchMode, number>;
      for (const mode of SEARCH_MODES) {
        const taken = times.get(size)?.get(mode) ?? [];
        p95[size][mode] = round(percentile(taken, 95));
        p50[size][mode] = round(percentile(taken, 50));
        process.stdout.write(`search ${mode.padEnd(8)} median ${p50[size][mode].toFixed(2)} ms, p95 ${p95[size][mode].toFixed(2)} ms\n`);
      }
      const counted = readsBySize.get(size) ?? { reads: 0, units: 0 };
      dynamoReads[size] = round(counted.reads / (searches * SEARCH_MODES.length));
      units[size] = round(counted.units / (searches * SEARCH_MODES.length));
      process.stdout.write(
        `DynamoDB per search: ${dynamoReads[size]} reads, ${units[size]} read units (the results, at most the limit of 10)\n`,
      );
      let found = 0;
      for (let i = 0; i < IDENTIFIER_SEARCHES; i++) {
        const n = Math.floor(random() * size);
        const hits = await search.search(scope, { query: `ref-${n}`, limit: 10, mode: 'hybrid' });
        if (hits.some(({ memory }) => memory.content.endsWith(` ref-${n}`))) found += 1;
      }
      identifiers[size] = round(found / IDENTIFIER_SEARCHES);
      process.stdout.write(`exact identifiers (ref-N) found in the top 10: ${found} of ${IDENTIFIER_SEARCHES}\n`);
    }
    const freshness = await measureFreshness(stack);
    process.stdout.write(`\nfreshness (write to searchable): p95 ${freshness.toFixed(0)} ms\n`);
    return {
      search_p95_ms: p95,
      search_p50_ms: p50,
      search_dynamo_reads: dynamoReads,
      search_read_units: units,
      search_identifiers_found: identifiers,
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
    options: { sizes: { type: 'string', default: '1000,10000,100000' }, searches: { type: 'string', default: '100' } },
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
