import { buildSync, type BuildOptions, type OutputFile } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONSOLE_DIR = dirname(fileURLToPath(import.meta.url));
/** The static files served as they are, next to the bundle. */
const STATIC_FILES = ['index.html', 'styles.css'] as const;

/**
 * One minified bundle, `app.js`, with Preact, Chart.js and the SDK (compiled from its sources, so no
 * SDK build is needed first). The console has no inline script or style, so its CSP needs none.
 */
const OPTIONS: BuildOptions = {
  entryPoints: [join(CONSOLE_DIR, 'src/main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  alias: { '@agent-memory/sdk': join(CONSOLE_DIR, '../sdk/src/index.ts') },
  legalComments: 'none',
  logLevel: 'silent',
};

/** Builds the console into memory: file name (`app.js`, `index.html`, `styles.css`) to contents. */
export function buildConsoleFiles(): Map<string, Uint8Array> {
  const result = buildSync({ ...OPTIONS, write: false, outfile: 'app.js' });
  const files = new Map<string, Uint8Array>(
    (result.outputFiles as OutputFile[]).map((file) => [file.path.split('/').pop() ?? '', file.contents]),
  );
  for (const name of STATIC_FILES) files.set(name, new Uint8Array(readFileSync(join(CONSOLE_DIR, name))));
  return files;
}

/** Writes the built console into `outDir` (the CDK asset's local bundling). */
export function buildConsoleInto(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  buildSync({ ...OPTIONS, outfile: join(outDir, 'app.js') });
  for (const name of STATIC_FILES) copyFileSync(join(CONSOLE_DIR, name), join(outDir, name));
}
