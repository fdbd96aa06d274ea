import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildSync } from 'esbuild';
import { mergeTierOverrides } from '../lambda/shared/config';
import { newId } from '../lambda/shared/ids';
import type { Memory } from '../lambda/domain/memory';
import { startLocalStack } from '../local/server';
import { apiCaller, bearer } from './http-client';

/**
 * `npm run bench`: prints figures, asserts nothing.
 * 1. DynamoDB calls per authenticated request (authorizer cache miss and hit), counted by middleware.
 * 2. Authenticated GET vs GET /health latency through the local gateway, side by side.
 * 3. Authorizer bundle size and module load time next to a bare DynamoDB client's.
 * 4. Search and list latency at 1,000 and 10,000 memories in one tenant.
 */
const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand', 'GetCommand', 'BatchGetCommand']);
const counts = { reads: 0, writes: 0, writeItems: 0, dbMs: 0 };
/** Wall time with at least one DynamoDB call in flight (the counter writes run side by side). */
let inFlight = 0;
let busySince = 0;

function instrument(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '';
      if (READS.has(name)) counts.reads += 1;
      else if (name !== 'ListTablesCommand' && name !== 'DescribeTimeToLiveCommand') {
        counts.writes += 1;
        const input = args.input as { TransactItems?: unknown[] };
        counts.writeItems += input.TransactItems?.length ?? 1;
      }
      if (inFlight++ === 0) busySince = performance.now();
      try {
        return await next(args);
      } finally {
        if (--inFlight === 0) counts.dbMs += performance.now() - busySince;
      }
    },
    { step: 'initialize', name: 'benchCounter' },
  );
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const unlimited = { requestsPerMinute: 1_000_000, burst: 1_000_000, creditsPerMonth: null, activeKeys: null };
  const stack = await startLocalStack({
    port: 0,
    config: { tiers: mergeTierOverrides({ free: unlimited }), authorizerCacheTtlSeconds: 300 },
    instrument,
  });
  const call = apiCaller(stack.url);
  try {
    const registered = await call('POST', '/v1/auth/register', {
      body: { email: `bench-${Date.now()}@example.com`, password: 'benchmark password', full_name: 'Bench' },
    });
    const token = registered.json.access_token as string;
    const created = await call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'bench', scopes: ['admin'] } });
    const key = created.json.key as string;
    const memory = await call('POST', '/v1/memories', { headers: bearer(key), body: { content: 'benchmark memory about green tea' } });
    const path = `/v1/memories/${memory.json.id as string}`;

    console.log('## DynamoDB calls per authenticated request (GET /v1/memories/{id}, which itself reads 1 item)');
    const fresh = (await call('POST', '/v1/api-keys', { headers: bearer(token), body: { name: 'fresh' } })).json.key as string;
    for (const [label, credential] of [
      ['authorizer cache miss', fresh],
      ['authorizer cache hit', fresh],
    ] as const) {
      Object.assign(counts, { reads: 0, writes: 0, writeItems: 0, dbMs: 0 });
      await call('GET', path, { headers: bearer(credential) });
      console.log(
        `${label}: ${counts.reads} reads (${counts.reads - 1} by the authorizer, 1 by the handler), ${counts.writes} writes (${counts.writeItems} items)`,
      );
    }
    Object.assign(counts, { reads: 0, writes: 0, writeItems: 0, dbMs: 0 });
    await call('GET', '/v1/memories', { headers: bearer(key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a')) });
    console.log(`bad checksum: ${counts.reads} reads, ${counts.writes} writes`);

    console.log('\n## Latency through the local gateway (500 pairs, interleaved)');
    const health: number[] = [];
    const authed: number[] = [];
    for (let i = 0; i < 50; i++) {
      await call('GET', '/health');
      await call('GET', path, { headers: bearer(key) });
    }
    const outsideDb: number[] = [];
    for (let i = 0; i < 500; i++) {
      health.push(await timed(() => call('GET', '/health')));
      counts.dbMs = 0;
      const total = await timed(() => call('GET', path, { headers: bearer(key) }));
      authed.push(total);
      outsideDb.push(total - counts.dbMs);
    }
    const ratio = percentile(authed, 50) / percentile(health, 50);
    console.log(`GET /health median ${ms(percentile(health, 50))}, p95 ${ms(percentile(health, 95))}`);
    console.log(`authenticated GET /v1/memories/{id} median ${ms(percentile(authed, 50))}, p95 ${ms(percentile(authed, 95))}`);
    console.log(`ratio (median) ${ratio.toFixed(2)}x (target at most 1.2x)`);
    console.log(
      `  of which outside DynamoDB Local calls: median ${ms(percentile(outsideDb, 50))}, ratio ${(percentile(outsideDb, 50) / percentile(health, 50)).toFixed(2)}x`,
    );

    await searchFigures(stack.services, call);
  } finally {
    await stack.stop();
  }
  bundleFigures();
}

async function searchFigures(
  services: Awaited<ReturnType<typeof startLocalStack>>['services'],
  call: ReturnType<typeof apiCaller>,
): Promise<void> {
  const words = 'tea coffee garden meeting project deadline family travel music book recipe running weather budget doctor'.split(' ');
  for (const size of [1_000, 10_000]) {
    const tenant = await call('POST', '/v1/auth/register', {
      body: { email: `bench-${size}-${Date.now()}@example.com`, password: 'benchmark password', full_name: 'Bench' },
    });
    const tenantId = tenant.json.user.tenant_id as string;
    const owner = tenant.json.access_token as string;
    const now = Date.now();
    for (let start = 0; start < size; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, size - start) }, (_, offset) => {
          const index = start + offset;
          const content = Array.from({ length: 12 }, (_, w) => words[(index * 7 + w * 3) % words.length]).join(' ') + ` note ${index}`;
          const memory: Memory = {
            id: newId('mem', now - size + index),
            content,
            type: 'episodic',
            metadata: {},
            environment: 'live',
            createdAt: new Date(now).toISOString(),
            updatedAt: new Date(now).toISOString(),
          };
          return services.memories.put({ tenantId, environment: 'live' }, memory);
        }),
      );
    }
    const search: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < 25; i++)
      search.push(
        await timed(() =>
          call('POST', '/v1/memories/search', { headers: bearer(owner), body: { query: `${words[i % words.length]} budget`, limit: 10 } }),
        ),
      );
    let cursor: string | null = null;
    for (let i = 0; i < 25; i++) {
      const started = performance.now();
      const page = await call('GET', `/v1/memories?limit=20${cursor ? `&cursor=${cursor}` : ''}`, { headers: bearer(owner) });
      list.push(performance.now() - started);
      cursor = page.json.next_cursor as string | null;
    }
    console.log(`\n## ${size.toLocaleString('en')} memories in one tenant`);
    console.log(`search: median ${ms(percentile(search, 50))}, p95 ${ms(percentile(search, 95))}`);
    console.log(`list page of 20: median ${ms(percentile(list, 50))}, p95 ${ms(percentile(list, 95))}`);
  }
}

/** Builds the authorizer the way the stack does (minified, bundled SDK) and times a cold module load. */
function bundleFigures(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  try {
    const bare = join(dir, 'bare-client.ts');
    writeFileSync(
      bare,
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({ region: 'us-east-1' });\n",
    );
    const targets = { authorizer: join(process.cwd(), 'lambda/functions/authorizer.ts'), 'bare DynamoDB client': bare };
    console.log(
      '\n## Bundles (esbuild as the stack bundles: minified, CJS, node24, module entry points) and cold module load (median of 15 fresh processes)',
    );
    for (const [name, entry] of Object.entries(targets)) {
      const outfile = join(dir, `${name.replace(/\W+/g, '-')}.cjs`);
      // The options ApiFunction bundles with (lib/api-function.ts).
      buildSync({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node24',
        format: 'cjs',
        mainFields: ['module', 'main'],
        outfile,
        nodePaths: [join(process.cwd(), 'node_modules')],
        logLevel: 'silent',
      });
      const loads: number[] = [];
      for (let i = 0; i < 15; i++) {
        const out = execFileSync(
          process.execPath,
          ['-e', `const s=process.hrtime.bigint();require(${JSON.stringify(outfile)});console.log(Number(process.hrtime.bigint()-s)/1e6)`],
          {
            encoding: 'utf8',
            env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          },
        );
        loads.push(Number(out.trim()));
      }
      console.log(`${name}: ${(statSync(outfile).size / 1024).toFixed(0)} KiB, load ${ms(percentile(loads, 50))}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
