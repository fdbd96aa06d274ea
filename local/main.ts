import { resolve } from 'node:path';
import { startLocalStack } from './server';

/**
 * `npm start`: the API on http://localhost:$PORT (default 3000) over DynamoDB Local.
 * Data persists in .local-data/ (git-ignored); `--in-memory` keeps nothing.
 * MEMORY_API_CONFIG takes the same JSON as CDK context `memoryApi`.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const inMemory = process.argv.includes('--in-memory');
  const dataDir = inMemory ? undefined : resolve(process.env.LOCAL_DATA_DIR ?? '.local-data');
  const config = process.env.MEMORY_API_CONFIG ? (JSON.parse(process.env.MEMORY_API_CONFIG) as unknown) : {};
  const stack = await startLocalStack({ port, dataDir, config });
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
      `Agent memory API listening on ${stack.url}, console at ${stack.url}/console/ (DynamoDB Local at ${stack.dynamo.endpoint}, data: ${dataDir ?? 'in memory'})`,
      'Try:',
      `  curl -s -X POST ${stack.url}/v1/auth/register -H 'content-type: application/json' \\`,
      `    -d '{"email":"you@example.com","password":"a long password","full_name":"You"}'`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
