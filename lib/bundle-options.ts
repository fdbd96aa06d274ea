import { basename } from 'node:path';

/**
 * How every function is bundled, in one place: ApiFunction (lib/api-function.ts) hands these to
 * NodejsFunction, and `npm run bench` builds the authorizer with the same values through esbuild's
 * API, so the bundle it measures is the one the stack deploys. No CDK import here: the bench loads it.
 */
export const FUNCTION_BUNDLE = {
  format: 'cjs',
  /** Node 24 is the runtime of every function (lib/api-function.ts, FUNCTION_RUNTIME). */
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
} as const;

/** The X-Ray SDK under Powertools Tracer: with tracing on, a function's first invocation loads it. */
export const TRACER_PART = 'lambda/platform/powertools-tracer.ts';

/**
 * The authorizer's handler (lib/api-key-authorizer.ts) and the modules it loads only when it needs
 * them, each built into a file of its own beside index.js (esbuild cannot split a CommonJS bundle,
 * and it would otherwise parse them on every cold start): what a bearer token needs (jose, remote
 * key sets, the Lambda client), and the X-Ray SDK, needed only with tracing on. The code imports
 * each as `./<name>.js`, the name of its file here.
 */
export const AUTHORIZER_BUNDLE: { readonly entry: string; readonly lazyParts: readonly string[] } = {
  entry: 'lambda/functions/authorizer.ts',
  lazyParts: ['lambda/authorizer/token-support.ts', TRACER_PART],
};

/** The file a lazy part becomes beside index.js, and the path the code imports it by (`./` + the file). */
export function lazyPartFile(source: string): string {
  if (!source.endsWith('.ts')) throw new Error(`a lazy part is a .ts module (got "${source}")`);
  return `${basename(source, '.ts')}.js`;
}

/** esbuild's command-line flags for one lazy part: FUNCTION_BUNDLE, written to `outfile`. */
function lazyPartArgs(entry: string, outfile: string): string[] {
  return [
    entry,
    '--bundle',
    '--platform=node',
    `--format=${FUNCTION_BUNDLE.format}`,
    `--target=${FUNCTION_BUNDLE.target}`,
    ...(FUNCTION_BUNDLE.minify ? ['--minify'] : []),
    ...(FUNCTION_BUNDLE.sourcemap ? ['--sourcemap'] : []),
    `--sources-content=${String(FUNCTION_BUNDLE.sourcesContent)}`,
    `--main-fields=${FUNCTION_BUNDLE.mainFields.join(',')}`,
    `--outfile=${outfile}`,
    '--log-level=warning',
  ];
}

/** The shell command (NodejsFunction's afterBundling hook) that builds one lazy part into the asset. */
export function lazyPartCommand(inputDir: string, outputDir: string, source: string): string {
  const args = lazyPartArgs(`${inputDir}/${source}`, `${outputDir}/${lazyPartFile(source)}`);
  return [`${inputDir}/node_modules/.bin/esbuild`, ...args].map((arg) => `"${arg}"`).join(' ');
}

/** What the main bundle leaves out: the lazy parts, by the path the code imports them by. */
export function lazyPartExternals(lazyParts: readonly string[]): string[] {
  return lazyParts.map((source) => `./${lazyPartFile(source)}`);
}
