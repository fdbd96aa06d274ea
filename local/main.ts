import { resolve } from 'node:path';
import { ACCOUNT_API_KEY_QUOTA } from '../lambda/shared/config';
import { DEFAULT_GSI_LAG_MS, startLocalStack } from './server';

/**
 * `npm start`: the API on http://localhost:$PORT (default 3000) over DynamoDB Local.
 * Data persists in .local-data/ (git-ignored); `--in-memory` keeps nothing.
 * MEMORY_API_CONFIG takes the same JSON as CDK context `memoryApi`. The stand-ins obey AWS's
 * rules; LOCAL_GSI_LAG_MS (default 1000, 0 = off) and LOCAL_API_KEY_QUOTA (default 10000) tune them.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const inMemory = process.argv.includes('--in-memory');
  const dataDir = inMemory ? undefined : resolve(process.env.LOCAL_DATA_DIR ?? '.local-data');
  const config = process.env.MEMORY_API_CONFIG ? (JSON.parse(process.env.MEMORY_API_CONFIG) as unknown) : {};
  const gsiLagMs = wholeNumber('LOCAL_GSI_LAG_MS', DEFAULT_GSI_LAG_MS);
  const apiKeyQuota = wholeNumber('LOCAL_API_KEY_QUOTA', ACCOUNT_API_KEY_QUOTA);
  const stack = await startLocalStack({ port, dataDir, config, gsiLagMs, apiKeyQuota });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the local gateway and DynamoDB Local\n`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.stderr.write(
    [
      '',
      `Agent memory API listening on ${stack.url} (DynamoDB Local at ${stack.dynamo.endpoint}, data: ${dataDir ?? 'in memory'})`,
      `AWS rules on: index lag ${gsiLagMs} ms (LOCAL_GSI_LAG_MS), ${apiKeyQuota} API keys (LOCAL_API_KEY_QUOTA), control-plane throttles, one usage plan per key and stage`,
      'Try:',
      `  curl -s -X POST ${stack.url}/v1/auth/register -H 'content-type: application/json' \\`,
      `    -d '{"email":"you@example.com","password":"a long password","full_name":"You"}'`,
      '',
    ].join('\n'),
  );
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
