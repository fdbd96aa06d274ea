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
}

/**
 * Builds the authorizer the way the stack does (lib/api-function.ts: minified, CJS, node24, module
 * entry points) beside a bare DynamoDB client, and times a cold module load of each in fresh
 * processes, taken in turns so machine load hits both alike (median of 21).
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
        nodePaths: [join(process.cwd(), 'node_modules')],
        logLevel: 'silent',
      });
      return { outfile, loads: [] as number[] };
    });
    for (let i = 0; i < LOADS; i++) {
      for (const output of outputs) {
        const out = execFileSync(
          process.execPath,
          [
            '-e',
            `const s=process.hrtime.bigint();require(${JSON.stringify(output.outfile)});console.log(Number(process.hrtime.bigint()-s)/1e6)`,
          ],
          { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
        );
        output.loads.push(Number(out.trim()));
      }
    }
    const [authorizer, bareClient] = outputs as [(typeof outputs)[number], (typeof outputs)[number]];
    return {
      authorizerKib: statSync(authorizer.outfile).size / 1024,
      authorizerLoadMs: percentile(authorizer.loads, 50),
      bareClientKib: statSync(bareClient.outfile).size / 1024,
      bareClientLoadMs: percentile(bareClient.loads, 50),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
