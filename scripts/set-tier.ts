import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { changeTier, migrateTier, type TierChangeResult, type TierMigrationResult } from '../lambda/gateway-keys';
import { LOCAL_TIER_CHANGE_PATH } from '../local/operator-routes';
import { readOperatorToken } from '../local/operator-token';
import { dependenciesFromStackOutputs } from './stack-dependencies';

/**
 * Moves a tenant, or every tenant of a tier, to another tier, then waits for the change to settle
 * (authorizer caches expire, requests that read the old plan finish) and runs it again, which
 * deletes the dedicated keys the tenants left.
 *   npm run set-tier -- <tenantId> <tier>                               local server (PORT or --url)
 *   npm run set-tier -- --from <old tier> <tier>                        every tenant of <old tier> (renaming or removing a tier)
 *   npm run set-tier -- ... --outputs cdk-outputs.json                  deployed stack, with your AWS credentials
 * `cdk-outputs.json` is written by `npm run deploy -- --outputs-file cdk-outputs.json`.
 * Running it again is always safe: it finishes a change a crash interrupted.
 */
const USAGE =
  'usage: npm run set-tier -- (<tenantId> | --from <old tier>) <tier> [--outputs cdk-outputs.json] [--url http://localhost:3000] [--no-wait]';

/** One tenant, or every tenant on a tier. */
type Change = { readonly tenantId: string; readonly tier: string } | { readonly fromTier: string; readonly tier: string };
type Result = TierChangeResult | TierMigrationResult;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { outputs: { type: 'string' }, url: { type: 'string' }, from: { type: 'string' }, 'no-wait': { type: 'boolean' } },
  });
  const change = values.from
    ? changeOf({ fromTier: values.from, tier: positionals[0] })
    : changeOf({ tenantId: positionals[0], tier: positionals[1] });
  const run = values.outputs
    ? deployed(values.outputs, change)
    : local(values.url ?? `http://localhost:${process.env.PORT ?? 3000}`, change);
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

function changeOf(change: { tenantId?: string; fromTier?: string; tier?: string }): Change {
  if (!change.tier || !(change.tenantId ?? change.fromTier)) throw new Error(USAGE);
  return change.fromTier ? { fromTier: change.fromTier, tier: change.tier } : { tenantId: change.tenantId as string, tier: change.tier };
}

function local(url: string, change: Change): () => Promise<Result> {
  return async () => {
    const response = await fetch(url + LOCAL_TIER_CHANGE_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${readOperatorToken()}` },
      body: JSON.stringify(change),
    }).catch(() => {
      throw new Error(`No local server answers at ${url}: start it with \`npm start\`, or give its address with PORT or --url.`);
    });
    return (await response.json()) as Result;
  };
}

function deployed(outputsFile: string, change: Change): () => Promise<Result> {
  const stacks = JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, Record<string, string>>;
  const deps = dependenciesFromStackOutputs(stacks, outputsFile);
  const warn = (message: string) => process.stderr.write(`${message}\n`);
  return async () => {
    try {
      return 'fromTier' in change
        ? await migrateTier(deps, change.fromTier, change.tier)
        : await changeTier(deps, change.tenantId, change.tier);
    } finally {
      await deps.metrics.send(warn);
    }
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
