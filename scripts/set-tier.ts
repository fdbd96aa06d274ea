import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { changeTier } from '../lambda/services/tier-change';
import { LOCAL_TIER_CHANGE_PATH } from '../local/gateway';
import { OPERATOR_TOKEN_FILE } from '../local/operator-token';
import { servicesFromStackOutputs } from './stack-services';

/**
 * Moves a tenant to another tier.
 *   npm run set-tier -- <tenantId> <tier>                               local server (PORT or --url)
 *   npm run set-tier -- <tenantId> <tier> --outputs cdk-outputs.json    deployed stack, with your AWS credentials
 * `cdk-outputs.json` is written by `npm run deploy -- --outputs-file cdk-outputs.json`.
 */
const USAGE = 'usage: npm run set-tier -- <tenantId> <tier> [--outputs cdk-outputs.json] [--url http://localhost:3000]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { outputs: { type: 'string' }, url: { type: 'string' } } });
  const [tenantId, tier] = positionals;
  if (!tenantId || !tier) throw new Error(USAGE);
  const result = values.outputs
    ? await deployed(values.outputs, tenantId, tier)
    : await local(values.url ?? `http://localhost:${process.env.PORT ?? 3000}`, tenantId, tier);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!result.ok) process.exit(1);
}

/** The local operator token: LOCAL_OPERATOR_TOKEN (an in-memory server prints it), or the file in the server's data folder. */
function operatorToken(): string {
  if (process.env.LOCAL_OPERATOR_TOKEN) return process.env.LOCAL_OPERATOR_TOKEN;
  const file = join(resolve(process.env.LOCAL_DATA_DIR ?? '.local-data'), OPERATOR_TOKEN_FILE);
  if (!existsSync(file)) {
    throw new Error(
      `No local operator token at ${file}: set LOCAL_DATA_DIR to the server's data folder, or LOCAL_OPERATOR_TOKEN to the token npm run start:memory printed.`,
    );
  }
  return readFileSync(file, 'utf8').trim();
}

async function local(url: string, tenantId: string, tier: string): Promise<{ ok: boolean }> {
  const token = operatorToken();
  const response = await fetch(url + LOCAL_TIER_CHANGE_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ tenantId, tier }),
  }).catch(() => {
    throw new Error(`No local server answers at ${url}: start it with \`npm start\`, or give its address with PORT or --url.`);
  });
  return (await response.json()) as { ok: boolean };
}

async function deployed(outputsFile: string, tenantId: string, tier: string) {
  const stacks = JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, Record<string, string>>;
  return changeTier(servicesFromStackOutputs(stacks, outputsFile), tenantId, tier);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
