import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { changeTier, type TierChangeResult } from '../lambda/services/tier-change';
import { LOCAL_TIER_CHANGE_PATH } from '../local/gateway';
import { servicesFromStackOutputs } from './stack-services';

/**
 * Moves a tenant to another tier, then waits for the change to settle (authorizer caches expire,
 * the keys index catches up) and runs it again, which deletes the dedicated key the tenant left.
 *   npm run set-tier -- <tenantId> <tier>                               local server (PORT or --url)
 *   npm run set-tier -- <tenantId> <tier> --outputs cdk-outputs.json    deployed stack, with your AWS credentials
 * `cdk-outputs.json` is written by `npm run deploy -- --outputs-file cdk-outputs.json`.
 * Running it again is always safe: it finishes a change a crash interrupted.
 */
const USAGE = 'usage: npm run set-tier -- <tenantId> <tier> [--outputs cdk-outputs.json] [--url http://localhost:3000] [--no-wait]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { outputs: { type: 'string' }, url: { type: 'string' }, 'no-wait': { type: 'boolean' } },
  });
  const [tenantId, tier] = positionals;
  if (!tenantId || !tier) throw new Error(USAGE);
  const run = values.outputs
    ? deployed(values.outputs, tenantId, tier)
    : local(values.url ?? `http://localhost:${process.env.PORT ?? 3000}`, tenantId, tier);
  let result = await run();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  while (result.ok && result.settlesAt && !values['no-wait']) {
    const waitMs = Math.max(0, Date.parse(result.settlesAt) - Date.now()) + 500;
    process.stderr.write(
      `waiting ${Math.ceil(waitMs / 1000)} s for the change to settle (authorizer caches expire, requests that read the old plan finish)\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    result = await run();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  if (!result.ok) process.exit(1);
}

function local(url: string, tenantId: string, tier: string): () => Promise<TierChangeResult> {
  return async () => {
    const response = await fetch(url + LOCAL_TIER_CHANGE_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, tier }),
    }).catch(() => {
      throw new Error(`No local server answers at ${url}: start it with \`npm start\`, or give its address with PORT or --url.`);
    });
    return (await response.json()) as TierChangeResult;
  };
}

function deployed(outputsFile: string, tenantId: string, tier: string): () => Promise<TierChangeResult> {
  const stacks = JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, Record<string, string>>;
  const services = servicesFromStackOutputs(stacks, outputsFile);
  return () => changeTier(services, tenantId, tier);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
