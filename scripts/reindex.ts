import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { reindexWithDependencies } from '../lambda/search/reindex';
import { isEnvironment } from '../lambda/domain/environments';
import { LOCAL_REINDEX_PATH } from '../local/operator-routes';
import { readOperatorToken } from '../local/operator-token';
import { dependenciesFromStackOutputs } from './stack-dependencies';

/**
 * Rebuilds one sandbox's search indexes from its memories in DynamoDB (after the indexer's
 * dead-letter alarm, a change of embedding dimension, or to be sure).
 *   npm run reindex -- <tenantId> [live|test]                                  local server (PORT or --url)
 *   npm run reindex -- <tenantId> [live|test] --outputs cdk-outputs.json       deployed stack, with your AWS credentials
 * Prints the result as one JSON line: memories read, embedding tokens, vectors written.
 */
const USAGE = 'usage: npm run reindex -- <tenantId> [live|test] [--outputs cdk-outputs.json] [--url http://localhost:3000]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { outputs: { type: 'string' }, url: { type: 'string' } } });
  const [tenantId, environment = 'live'] = positionals;
  if (!tenantId || !isEnvironment(environment)) throw new Error(USAGE);
  if (values.outputs) {
    const stacks = JSON.parse(readFileSync(values.outputs, 'utf8')) as Record<string, Record<string, string>>;
    const result = await reindexWithDependencies(dependenciesFromStackOutputs(stacks, values.outputs), { tenantId, environment });
    process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
    return;
  }
  const url = values.url ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const response = await fetch(url + LOCAL_REINDEX_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${readOperatorToken()}` },
    body: JSON.stringify({ tenantId, environment }),
  }).catch(() => {
    throw new Error(`No local server answers at ${url}: start it with \`npm start\`, or give its address with PORT or --url.`);
  });
  const result = (await response.json()) as { ok: boolean };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!result.ok) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
