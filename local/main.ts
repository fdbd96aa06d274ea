import { resolve } from 'node:path';
import { ACCOUNT_API_KEY_QUOTA, type AppConfig } from '../lambda/shared/config';
import { DEFAULT_GSI_LAG_MS, startLocalStack, type LocalStack } from './server';
import { localClientConfig } from '../lambda/platform/dynamo';

/** How often an orphaned npm start looks for the process that started it. */
const PARENT_CHECK_MS = 500;

/**
 * `npm start`: the API on http://localhost:$PORT (default 3000) over DynamoDB Local.
 * Data persists in .local-data/ (git-ignored); `--in-memory` keeps nothing.
 * MEMORY_API_CONFIG takes the same JSON as CDK context `memoryApi`. The stand-ins obey AWS's
 * rules; LOCAL_GSI_LAG_MS (default 1000, 0 = off) and LOCAL_API_KEY_QUOTA (default 10000) tune them.
 *
 * Whatever process a user signals, everything stops: SIGINT or SIGTERM here stops the gateway and
 * DynamoDB Local; npm or its shell dying of a signal leaves this process an orphan, which notices
 * and stops; DynamoDB Local stops by itself when this process is gone (even after SIGKILL); SIGTERM
 * to DynamoDB Local stops the local API, and DynamoDB Local dying otherwise is restarted.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const inMemory = process.argv.includes('--in-memory');
  const dataDir = inMemory ? undefined : resolve(process.env.LOCAL_DATA_DIR ?? '.local-data');
  const gsiLagMs = wholeNumber('LOCAL_GSI_LAG_MS', DEFAULT_GSI_LAG_MS);
  const apiKeyQuota = wholeNumber('LOCAL_API_KEY_QUOTA', ACCOUNT_API_KEY_QUOTA);
  // Filled once started: a signal during the start still stops what has started by then.
  const running: { stack?: LocalStack } = {};
  let stopping = false;
  const stop = async (message: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${message}\n`);
    await running.stack?.stop();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT: stopping the local gateway and DynamoDB Local', 0));
  process.on('SIGTERM', () => void stop('SIGTERM: stopping the local gateway and DynamoDB Local', 0));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(`The process that started npm start (pid ${parent}) is gone: stopping`, 0);
  }, PARENT_CHECK_MS).unref();

  process.stderr.write(
    `Starting DynamoDB Local (${dataDir ? `data in ${dataDir}` : 'in memory'}) and the local gateway on port ${port}; this takes 5 to 15 s...\n`,
  );
  const stack = await startLocalStack({
    port,
    dataDir,
    config: process.env.MEMORY_API_CONFIG,
    gsiLagMs,
    apiKeyQuota,
    onDynamoFailure: (message, exitCode) => void stop(message, exitCode),
  });
  running.stack = stack;
  process.stderr.write(
    [
      '',
      `Agent memory API listening on ${stack.url}, console at ${stack.url}/console/ (DynamoDB Local at ${localClientConfig(stack.dynamo.endpoint).endpoint}, data: ${dataDir ?? 'in memory'})`,
      `Configuration (MEMORY_API_CONFIG over the defaults): ${describeConfig(stack.deps.config)}`,
      `AWS rules on: index lag ${gsiLagMs} ms (LOCAL_GSI_LAG_MS), ${apiKeyQuota} API keys (LOCAL_API_KEY_QUOTA), control-plane throttles, one usage plan per key and stage`,
      ...(dataDir ? [] : [`npm run set-tier needs this run's operator token: LOCAL_OPERATOR_TOKEN=${stack.operatorToken}`]),
      'Try:',
      `  curl -s -X POST ${stack.url}/v1/auth/register -H 'content-type: application/json' \\`,
      `    -d '{"email":"you@example.com","password":"a long password","full_name":"You"}'`,
      '',
    ].join('\n'),
  );
}

/** One line a newcomer can check against what they configured: the stage, key prefix and each tier's limits. */
function describeConfig(config: AppConfig): string {
  const tiers = Object.entries(config.tiers).map(
    ([name, tier]) =>
      `${name} ${tier.requestsPerMinute}/min, ${tier.creditsPerMonth ?? 'unlimited'} credits, ${tier.activeKeys ?? 'unlimited'} keys`,
  );
  return `stage ${config.stage}, key prefix ${config.keyPrefix}, default tier ${config.defaultTier}; tiers: ${tiers.join('; ')}`;
}

function wholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of 0 or more (got "${raw}")`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
