import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { percentile } from './probe';

const LOADS = 21;

export interface BundleFigures {
  readonly authorizerKib: number;
  readonly authorizerLoadMs: number;
  readonly bareClientKib: number;
  readonly bareClientLoadMs: number;
  /** As deployed: the functions run with NODE_OPTIONS=--enable-source-maps, and Node then parses the bundle's map at load. */
  readonly authorizerLoadWithSourceMapsMs: number;
}

/**
 * Builds the authorizer the way the stack does (lib/api-function.ts: minified, CJS, node24, module
 * entry points, a source map without sources) beside a bare DynamoDB client, and times a cold
 * module load of each in fresh processes, taken in turns so machine load hits both alike (median
 * of 21); the authorizer also as deployed, with source maps enabled.
 */
export function bundleFigures(): BundleFigures {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  try {
    const bare = join(dir, 'bare-client.ts');
    writeFileSync(
      bare,
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({ region: 'us-east-1' });\n",
    );
    const outputs = [join(process.cwd(), 'lambda/functions/authorizer.ts'), bare].map((entry, index) => {
      const outfile = join(dir, `bundle-${index}.cjs`);
      buildSync({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node24',
        format: 'cjs',
        mainFields: ['module', 'main'],
        outfile,
        sourcemap: true,
        sourcesContent: false,
        nodePaths: [join(process.cwd(), 'node_modules')],
        logLevel: 'silent',
      });
      return outfile;
    });
    const [authorizer, bareClient] = outputs as [string, string];
    const runs = [
      { file: authorizer, flags: [] as string[], loads: [] as number[] },
      { file: bareClient, flags: [] as string[], loads: [] as number[] },
      { file: authorizer, flags: ['--enable-source-maps'], loads: [] as number[] },
    ];
    for (let i = 0; i < LOADS; i++) {
      for (const run of runs) {
        const out = execFileSync(
          process.execPath,
          [
            ...run.flags,
            '-e',
            `const s=process.hrtime.bigint();require(${JSON.stringify(run.file)});console.log(Number(process.hrtime.bigint()-s)/1e6)`,
          ],
          { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
        );
        run.loads.push(Number(out.trim()));
      }
    }
    const [plain, bareRun, mapped] = runs as [(typeof runs)[number], (typeof runs)[number], (typeof runs)[number]];
    return {
      authorizerKib: statSync(authorizer).size / 1024,
      authorizerLoadMs: percentile(plain.loads, 50),
      bareClientKib: statSync(bareClient).size / 1024,
      bareClientLoadMs: percentile(bareRun.loads, 50),
      authorizerLoadWithSourceMapsMs: percentile(mapped.loads, 50),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
