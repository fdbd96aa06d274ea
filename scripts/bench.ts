import './bench/quiet';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUTHORIZER_MEMORY_MB } from '../lib/api-key-authorizer';
import { DEFAULT_MEMORY_MB } from '../lib/api-function';
import { SEARCH_MODES } from '../lambda/search/search-modes';
import { mergeTierOverrides } from '../lambda/shared/config';
import { startLocalStack } from '../local/server';
import { bundleFigures, type Spread } from './bench/bundle';
import { PRICES, costPerMillion } from './bench/costs';
import { Probe, mean, percentile, type RequestCost } from './bench/probe';
import { SEARCH_SIZES, measureSize, searchRequest, searchUsage } from './bench/search-sizes';
import { apiCaller, bearer } from './http-client';
import { measureSearchScale } from './search-scale';

/**
 * `npm run bench`: starts its own local stack (DynamoDB Local and the local gateway, on a free
 * port), measures, prints figures with their goals, and ends with one `BENCH {...}` line. It
 * asserts nothing. DynamoDB Local is slower than DynamoDB and serialises writes: the counts
 * (round trips, units, invocations) show the design; the milliseconds are this machine's.
 */
const PAIRS = 300;
const COST_SAMPLES = 200;
const MEMORY_MB = { authorizer: AUTHORIZER_MEMORY_MB, default: DEFAULT_MEMORY_MB };
/** A memory of a typical agent's length (about 200 characters), for the write's embedding and vector costs. */
const BENCH_MEMORY = (i: number) =>
  `Bench write ${i}: the user prefers green tea in the morning, works on the billing migration with Dana, ` +
  'and asked to be reminded about the quarterly budget review next Tuesday afternoon.';

const ms = (value: number) => `${value.toFixed(2)} ms`;
const usd = (value: number) => `$${value.toFixed(3)}`;
const line = (label: string, value: string, goal?: string) =>
  console.log(`  ${label.padEnd(46)} ${value}${goal ? `   (goal: ${goal})` : ''}`);

async function main(): Promise<void> {
  const benchStarted = performance.now();
  console.log(
    'Starting its own local stack (DynamoDB Local + local gateway); the whole bench takes about 15–25 minutes (filling and indexing 100,000 memories is most of it).',
  );
  const probe = new Probe();
  const unlimited = { requestsPerMinute: 1_000_000, burst: 1_000_000, creditsPerMonth: null, activeKeys: null };
  const stack = await startLocalStack({
    port: 0,
    config: { tiers: mergeTierOverrides({ free: unlimited }), authorizerCacheTtlSeconds: 300 },
    instrument: probe.instrument,
    around: probe.around,
  });
  console.log(`Local stack ready in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s.\n`);
  const call = apiCaller(stack.url);
  const figures: Record<string, unknown> = {};
  try {
    const registered = await call('POST', '/v1/auth/register', {
      body: { email: `bench-${Date.now()}@example.com`, password: 'benchmark password', full_name: 'Bench' },
    });
    const token = registered.json.access_token as string;
    const key = (await call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'bench', scopes: ['admin'] } })).json
      .key as string;
    const memory = await call('POST', '/v1/memories', { headers: bearer(key), body: { content: 'benchmark memory about green tea' } });
    const path = `/v1/memories/${memory.json.id as string}`;
    const read = () => call('GET', path, { headers: bearer(key) });

    console.log('## One authenticated GET /v1/memories/{id} (the handler reads 1 item)');
    const fresh = (await call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'fresh' } })).json.key as string;
    const miss = await probe.measure(() => call('GET', path, { headers: bearer(fresh) }));
    const badKey = await probe.measure(() => call('GET', path, { headers: bearer(key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a')) }));
    const hits: RequestCost[] = [];
    for (let i = 0; i < COST_SAMPLES; i++) hits.push(await probe.measure(read));
    const stages = Math.max(...hits.map((cost) => cost.stages));
    const writeUnits = mean(hits.map((cost) => cost.writeUnits));
    const keyDayUnits = mean(hits.map((cost) => cost.keyDayWriteUnits));
    const readUnits = mean(hits.map((cost) => cost.readUnits));
    const authorizerCalls = mean(hits.map((cost) => cost.invocations.authorizer ?? 0));
    const ownCode = hits.map((cost) => Object.values(cost.invocationMs).reduce((sum, value) => sum + value, 0) - cost.dbMs);
    line('DynamoDB round-trip stages, authorizer cache hit', String(stages), '1');
    line('DynamoDB round-trip stages, authorizer cache miss', String(miss.stages), '2: the authorizer read, then 1');
    line('write units per request (amortised)', writeUnits.toFixed(3), 'at most 1');
    line('  of which key day items', keyDayUnits.toFixed(3), '0: key usage is counted on the tenant counter');
    line('read units per request', readUnits.toFixed(3));
    line('authorizer invocations per request', authorizerCalls.toFixed(2), '1: no gateway cache, see docs/performance.md');
    line('DynamoDB calls with a bad key checksum', String(badKey.calls), '0');
    line('own code per request (both functions, outside DynamoDB), median', ms(percentile(ownCode, 50)), 'under 1 ms');
    Object.assign(figures, {
      critical_path_stages: stages,
      critical_path_stages_cache_miss: miss.stages,
      write_units_per_request: round(writeUnits),
      key_day_write_units_per_request: round(keyDayUnits),
      read_units_per_request: round(readUnits),
      authorizer_invocations_per_request: round(authorizerCalls),
      bad_checksum_calls: badKey.calls,
      own_code_ms_median: round(percentile(ownCode, 50)),
    });

    console.log('\n## A write: POST /v1/memories');
    const writes: RequestCost[] = [];
    const writeUsage = await searchUsage(stack, async () => {
      for (let i = 0; i < COST_SAMPLES / 4; i++)
        writes.push(await probe.measure(() => call('POST', '/v1/memories', { headers: bearer(key), body: { content: BENCH_MEMORY(i) } })));
      return writes.length;
    });
    line('DynamoDB round-trip stages', String(Math.max(...writes.map((cost) => cost.stages))), '1');
    line('write units per request (counter and memory in one transaction)', mean(writes.map((cost) => cost.writeUnits)).toFixed(3));
    line('read units per request', mean(writes.map((cost) => cost.readUnits)).toFixed(3));
    figures.write_critical_path_stages = Math.max(...writes.map((cost) => cost.stages));
    figures.write_write_units_per_request = round(mean(writes.map((cost) => cost.writeUnits)));

    console.log(`\n## Latency through the local gateway (${PAIRS} pairs, interleaved)`);
    const health: number[] = [];
    const authed: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      health.push((await probe.measure(() => call('GET', '/health'))).totalMs);
      authed.push((await probe.measure(read)).totalMs);
    }
    const ratio = percentile(authed, 50) / percentile(health, 50);
    line('GET /health median / p95', `${ms(percentile(health, 50))} / ${ms(percentile(health, 95))}`);
    line('authenticated GET median / p95', `${ms(percentile(authed, 50))} / ${ms(percentile(authed, 95))}`);
    line('ratio of the medians (gateway overhead)', `${ratio.toFixed(2)}x`, 'at most 1.2x');
    figures.gateway_overhead_ratio = round(ratio);

    console.log('\n## Search by sandbox size (the search use case in process; 100 searches per mode and size)');
    const scale = await measureSearchScale(stack, SEARCH_SIZES);
    const [smallestSize, largestSize] = [SEARCH_SIZES[0], SEARCH_SIZES[SEARCH_SIZES.length - 1]];
    for (const mode of SEARCH_MODES)
      line(
        `search p95 at ${largestSize.toLocaleString('en')} / at ${smallestSize.toLocaleString('en')}, ${mode}`,
        `${((scale.search_p95_ms[largestSize]?.[mode] ?? 0) / (scale.search_p95_ms[smallestSize]?.[mode] ?? 1)).toFixed(2)}x`,
        'at most 1.5x',
      );
    Object.assign(figures, {
      search_p95_ms: scale.search_p95_ms,
      search_p50_ms: scale.search_p50_ms,
      search_read_units_per_search: scale.search_read_units,
      search_identifiers_found: scale.search_identifiers_found,
      search_freshness_p95_ms: scale.freshness_p95_ms,
    });

    const smallest = await measureSize(stack.deps, call, smallestSize, () => stack.search.settled());
    console.log(`\n## Through the gateway, ${smallestSize.toLocaleString('en')} memories in one sandbox`);
    line(
      'search (hybrid) median / p95',
      `${ms(smallest.searchMedianMs)} / ${ms(smallest.searchP95Ms)} (${smallest.searchesOk} of 25 answered 200)`,
    );
    line('list page of 20, p95', ms(smallest.listP95Ms));
    const searches: RequestCost[] = [];
    // Search is capped at 30 a minute per tenant: the timed searches above used most of this minute's.
    await sleep(61_000);
    const statuses: number[] = [];
    const searchSpent = await searchUsage(stack, async () => {
      for (let i = 0; i < 20; i++)
        searches.push(await probe.measure(async () => statuses.push((await searchRequest(call, smallest.owner, i)).status)));
      return searches.length;
    });
    line(
      'searches answered 200',
      `${statuses.filter((status) => status === 200).length} of ${statuses.length} (${[...new Set(statuses)].join(', ')})`,
    );
    line('read units per search', mean(searches.map((cost) => cost.readUnits)).toFixed(3));
    line(
      'vector queries / embedding tokens per search',
      `${searchSpent.vectorQueries.toFixed(2)} / ${searchSpent.embeddingTokens.toFixed(1)}`,
    );
    line(
      'per write: embedding tokens / vector KB written',
      `${writeUsage.embeddingTokens.toFixed(1)} / ${(writeUsage.vectorBytesWritten / 1024).toFixed(2)} (indexed at once and by the stream)`,
    );
    const costs = {
      read: costPerMillion(hits, MEMORY_MB),
      write: costPerMillion(writes, MEMORY_MB, writeUsage),
      search: costPerMillion(searches, MEMORY_MB, searchSpent),
    };
    console.log(`\n## Cost per million requests, at list prices of ${PRICES.asOf}`);
    console.log(
      `  API Gateway REST $${PRICES.apiGatewayRestPerMillion}/M; Lambda $${PRICES.lambdaRequestsPerMillion}/M + $${PRICES.lambdaArmPerGbSecond}/GB-s (Arm;` +
        ` authorizer ${AUTHORIZER_MEMORY_MB} MB, handlers ${DEFAULT_MEMORY_MB} MB, duration as measured here);` +
        ` DynamoDB on-demand $${PRICES.dynamoWritePerMillionUnits}/M write units, $${PRICES.dynamoReadPerMillionUnits}/M read units`,
    );
    console.log(
      `  Bedrock Titan Text Embeddings V2 $${PRICES.titanEmbeddingsV2PerMillionTokens}/M tokens; S3 Vectors $${PRICES.s3VectorsPutPerGb}/GB written,` +
        ` $${PRICES.s3VectorsQueriesPerMillion}/M queries + $${PRICES.s3VectorsProcessedPerTb}/TB processed, $${PRICES.s3VectorsStoragePerGbMonth}/GB-month` +
        ' (local vectors: semantic 100 dimensions where Titan gives 512)',
    );
    for (const [label, cost] of [
      ['cache-hit read (GET /v1/memories/{id})', costs.read],
      ['write (POST /v1/memories)', costs.write],
      [`search (${smallestSize.toLocaleString('en')} memories, hybrid)`, costs.search],
    ] as const) {
      line(
        label,
        `${usd(cost.total)} = gateway ${usd(cost.api_gateway)} + Lambda ${usd(cost.lambda)} + DynamoDB ${usd(cost.dynamodb)}` +
          ` + Bedrock ${usd(cost.bedrock)} + S3 Vectors ${usd(cost.s3_vectors)}`,
      );
    }
    Object.assign(figures, { cost_per_million_usd: costs.read, cost_per_million_usd_by_request: costs, prices: PRICES });
  } finally {
    await stack.stop();
  }

  console.log('\n## Authorizer bundle (built as the stack builds it) and cold module load, 31 fresh processes each, in turns');
  const bundle = bundleFigures();
  const spread = (figure: Spread, format: (value: number) => string) =>
    `median ${format(figure.median)} (half within ${format(figure.p25)}–${format(figure.p75)})`;
  const ratio = (value: number) => `${value.toFixed(2)}x`;
  const lazyKib = Object.values(bundle.lazyPartsKib).reduce((sum, value) => sum + value, 0);
  line('authorizer index.js (every cold start)', `${bundle.authorizerKib.toFixed(0)} KiB`);
  for (const [file, size] of Object.entries(bundle.lazyPartsKib)) line(`  beside it, when needed: ${file}`, `${size.toFixed(0)} KiB`);
  line('bare DynamoDB client bundle', `${bundle.bareClientKib.toFixed(0)} KiB`);
  line('authorizer load', spread(bundle.authorizerLoadMs, ms));
  line('bare DynamoDB client load', spread(bundle.bareClientLoadMs, ms));
  line('load ratio (per turn)', spread(bundle.loadRatio, ratio), 'at most 1.2x');
  line('authorizer load as deployed (source maps on)', spread(bundle.authorizerLoadWithSourceMapsMs, ms));
  line('load + first invocation (no AWS call)', spread(bundle.authorizerFirstInvocationMs, ms));
  line('tracer (first invocation, tracing on)', spread(bundle.tracerLoadMs, ms));
  Object.assign(figures, {
    authorizer_bundle_kib: Math.round(bundle.authorizerKib),
    authorizer_lazy_parts_kib: Math.round(lazyKib),
    authorizer_load_ratio: round(bundle.loadRatio.median),
    authorizer_load_ratio_quartiles: [round(bundle.loadRatio.p25), round(bundle.loadRatio.p75)],
    authorizer_load_ms: round(bundle.authorizerLoadMs.median),
    bare_client_load_ms: round(bundle.bareClientLoadMs.median),
    authorizer_load_ms_with_source_maps: round(bundle.authorizerLoadWithSourceMapsMs.median),
    authorizer_first_invocation_ms: round(bundle.authorizerFirstInvocationMs.median),
    tracer_load_ms: round(bundle.tracerLoadMs.median),
  });
  figures.measured_at = new Date().toISOString();
  console.log(`\nDone in ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`);
  console.log(`BENCH ${JSON.stringify(figures)}`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
