import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { resolveAppConfig } from '../../lambda/shared/config';
import { AUTHORIZER_BUNDLE, FUNCTION_BUNDLE, TRACER_PART, lazyPartExternals, lazyPartFile } from '../../lib/bundle-options';
import { percentile } from './probe';

/** Fresh processes per bundle, taken in turns so machine load hits both alike. */
const LOADS = 31;

export interface Spread {
  readonly median: number;
  /** Quartiles: half of the samples lie between them. */
  readonly p25: number;
  readonly p75: number;
}

export interface BundleFigures {
  /** index.js: what every cold start parses. */
  readonly authorizerKib: number;
  /** The files beside it, loaded only when needed (lib/bundle-options.ts), by file. */
  readonly lazyPartsKib: Readonly<Record<string, number>>;
  readonly authorizerLoadMs: Spread;
  readonly bareClientKib: number;
  readonly bareClientLoadMs: Spread;
  /** Authorizer load over the bare client's load, per turn (the two loads of a turn run back to back). */
  readonly loadRatio: Spread;
  /** As deployed: the functions run with NODE_OPTIONS=--enable-source-maps, and Node then parses the bundle's map at load. */
  readonly authorizerLoadWithSourceMapsMs: Spread;
  /**
   * Load and a first invocation that needs no AWS call (a request without a credential): what a
   * cold start does before its first call, services and clients built (tracing off, as here).
   */
  readonly authorizerFirstInvocationMs: Spread;
  /**
   * With tracing on (the stack's default) the first invocation also loads powertools-tracer.js and
   * makes the tracer: this is what that adds. Timed alone: outside Lambda the tracer finds no
   * segment and takes a slower error path.
   */
  readonly tracerLoadMs: Spread;
}

interface Load {
  readonly file: string;
  readonly flags?: readonly string[];
  /** Time a first invocation too, not only the module load. */
  readonly invoke?: boolean;
  /** `file` is the tracer's: load it and make a tracer as tracing.ts does. */
  readonly tracer?: boolean;
}
type Run = Load & { readonly loads: number[] };

/**
 * Builds the authorizer as the stack does (lib/bundle-options.ts: index.js plus its lazy parts)
 * beside a bare `new DynamoDBClient()`, and times a cold module load of each in fresh processes.
 */
export function bundleFigures(): BundleFigures {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  try {
    const authorizerDir = join(dir, 'authorizer');
    mkdirSync(authorizerDir);
    const authorizer = join(authorizerDir, 'index.js');
    build(join(process.cwd(), AUTHORIZER_BUNDLE.entry), authorizer, lazyPartExternals(AUTHORIZER_BUNDLE.lazyParts));
    const lazyPartsKib: Record<string, number> = {};
    for (const part of AUTHORIZER_BUNDLE.lazyParts) {
      const file = join(authorizerDir, lazyPartFile(part));
      build(join(process.cwd(), part), file, []);
      lazyPartsKib[lazyPartFile(part)] = kib(file);
    }
    const bareSource = join(dir, 'bare-client.ts');
    writeFileSync(
      bareSource,
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({ region: 'us-east-1' });\n",
    );
    const bareClient = join(dir, 'bare-client.js');
    build(bareSource, bareClient, []);

    const timed = (file: string, how: Partial<Omit<Load, 'file'>> = {}) => ({ file, ...how, loads: [] as number[] });
    const runs = [
      timed(authorizer),
      timed(bareClient),
      timed(authorizer, { flags: ['--enable-source-maps'] }),
      timed(authorizer, { invoke: true }),
      timed(join(authorizerDir, lazyPartFile(TRACER_PART)), { tracer: true }),
    ];
    for (let i = 0; i < LOADS; i++) for (const run of runs) run.loads.push(loadMs(run));
    const [plain, bare, mapped, invoked, traced] = runs as [Run, Run, Run, Run, Run];
    return {
      authorizerKib: kib(authorizer),
      lazyPartsKib,
      authorizerLoadMs: spread(plain.loads),
      bareClientKib: kib(bareClient),
      bareClientLoadMs: spread(bare.loads),
      loadRatio: spread(plain.loads.map((load, i) => load / (bare.loads[i] as number))),
      authorizerLoadWithSourceMapsMs: spread(mapped.loads),
      authorizerFirstInvocationMs: spread(invoked.loads),
      tracerLoadMs: spread(traced.loads),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function build(entry: string, outfile: string, external: string[]): void {
  const options: BuildOptions = {
    ...FUNCTION_BUNDLE,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    outfile,
    external,
    nodePaths: [join(process.cwd(), 'node_modules')],
    logLevel: 'silent',
  };
  buildSync(options);
}

/** The first invocation's event: no credential, so the authorizer refuses it (401) without any AWS call. */
const NO_CREDENTIAL_EVENT = {
  type: 'REQUEST',
  methodArn: 'arn:aws:execute-api:us-east-1:123456789012:api/dev/GET/v1/memories',
  resource: '/v1/memories',
  path: '/v1/memories',
  httpMethod: 'GET',
  headers: {},
  requestContext: { requestId: 'bench' },
};

/** The configuration the stack writes when nothing is configured. */
const APP_CONFIG_DEFAULTS = JSON.stringify(resolveAppConfig({}, 'bench'));

/** Milliseconds from `require` to the module loaded (and, with `invoke`, to its first invocation settled), in a fresh process. */
function loadMs({ file, flags = [], invoke = false, tracer = false }: Load): number {
  const load = `require(${JSON.stringify(file)})`;
  const work = invoke
    ? `${load}.handler(${JSON.stringify(NO_CREDENTIAL_EVENT)}).catch(()=>{})`
    : tracer
      ? `Promise.resolve(new (${load}.Tracer)({serviceName:'bench',captureHTTPsRequests:false}))`
      : `Promise.resolve(${load})`;
  const script = `const s=process.hrtime.bigint();${work}.then(()=>process.stderr.write('LOAD '+Number(process.hrtime.bigint()-s)/1e6+'\\n'))`;
  // The invocation logs its refusal and metrics to stdout, as in Lambda; only the figure on stderr is read.
  const { stderr: out } = spawnSync(process.execPath, [...flags, '-e', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      APP_CONFIG: APP_CONFIG_DEFAULTS,
      // Outside Lambda, so tracing is off (tracing.ts) unless a tracer is made on purpose.
      AWS_EXECUTION_ENV: '',
    },
  });
  const figure = /^LOAD (\S+)$/m.exec(out)?.[1];
  if (figure === undefined) throw new Error(`no load time from ${file}: ${out}`);
  return Number(figure);
}

function spread(values: readonly number[]): Spread {
  return { median: percentile(values, 50), p25: percentile(values, 25), p75: percentile(values, 75) };
}

function kib(file: string): number {
  return statSync(file).size / 1024;
}
