import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDocumentClient, type TableNames } from '../lambda/platform/dynamo';
import { ApiGatewayKeyProvisioner, repointStrandedTenants, ensurePooledKeys } from '../lambda/gateway-keys';
import { CountingMetrics } from '../lambda/platform/metrics';
import { createDependencies, type Dependencies } from '../lambda/wiring/dependencies';
import { MemoriesStore } from '../lambda/store/memories-store';
import { resolveAppConfig, stackNameFor } from '../lambda/shared/config';
import { usagePlanDefinitions } from '../lambda/shared/usage-plans';
import { LOCAL_TABLE_NAMES, ensureTables, superviseDynamoLocal, type DynamoLocal } from './dynamo-local';
import { LOCAL_API_ID, LocalGateway, type InvocationHook } from './gateway';
import { simulateIndexLag } from './index-lag';
import { LocalApiGateway } from './local-api-gateway';
import { loadOperatorToken } from './operator-token';
import { LocalSecretSource } from './local-secrets';
import { startLocalSearch, type LocalSearch } from './local-search';
import type { S3VectorsStandInOptions } from './s3-vectors-stand-in';
import type { Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface LocalStackOptions {
  readonly port: number;
  /** How long a client has to send a whole request (tests shorten it). @default REQUEST_TIMEOUT_MS */
  readonly requestTimeoutMs?: number;
  /** A folder for the database, secrets and gateway keys; in memory when undefined. */
  readonly dataDir?: string;
  /** Overrides of the deployment configuration, as an object or JSON text (the same shape and merge rule as CDK context `memoryApi`). */
  readonly config?: unknown;
  /** An already running DynamoDB Local to use (tests share one); started here when absent. */
  readonly dynamoEndpoint?: string;
  /** Table names, so several stacks can share one DynamoDB Local without sharing data. */
  readonly tables?: TableNames;
  /** Sees the DynamoDB client before use (the benchmark counts its calls). */
  readonly instrument?: (client: DynamoDBDocumentClient) => void;
  /** Runs around every function invocation (a test tells the functions' AWS calls apart with it). */
  readonly around?: InvocationHook;
  /**
   * The clock every time-dependent rule reads (minute windows, month credits, key expiry, grace
   * periods, lockout windows, token expiry, the edge throttle); tests move it instead of sleeping.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * How long an index query, or an eventually consistent read of a new item, does not see a write
   * (DynamoDB's global secondary indexes lag behind; DynamoDB Local's do not). 0 turns it off.
   * @default 1000
   */
  readonly gsiLagMs?: number;
  /** API keys the account may hold (API Gateway's hard limit is 10,000 a region). @default 10,000 */
  readonly apiKeyQuota?: number;
  /**
   * Told when the DynamoDB Local started here is gone for good (see `superviseDynamoLocal`): the
   * caller stops the stack and exits with the code. @default a message on stderr
   */
  readonly onDynamoFailure?: (message: string, exitCode: number) => void;
  /** Makes the S3 Vectors stand-in fail or stall (tests). */
  readonly vectorFault?: S3VectorsStandInOptions['fault'];
}

export const DEFAULT_GSI_LAG_MS = 1000;

export interface LocalStack {
  readonly url: string;
  readonly deps: Dependencies;
  /** The stand-in for API Gateway's control plane: keys, usage plans, their rules and throttles. */
  readonly apiGateway: LocalApiGateway;
  /** The stand-in for Secrets Manager (tests rotate the signing secret or add a pepper version with it). */
  readonly secrets: LocalSecretSource;
  /** What the functions counted (the metrics the deployed stack sends to CloudWatch). */
  readonly metrics: CountingMetrics;
  readonly dynamo: DynamoLocal;
  readonly tables: TableNames;
  /** What `npm run set-tier` sends to the local operator route. */
  readonly operatorToken: string;
  /** Search's stand-ins and index stream (`settled()` waits until every write so far is searchable). */
  readonly search: LocalSearch;
  stop(): Promise<void>;
}

const toStderr = (message: string) => process.stderr.write(`${message}\n`);

/**
 * DynamoDB Local (with index lag, restarted on the same data should it die), the tables, the
 * stand-ins for Secrets Manager and API Gateway's control plane, a local "deploy" (usage plans and
 * pooled gateway keys), and the gateway.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const config = resolveAppConfig(options.config, 'MEMORY_API_CONFIG');
  if (options.dataDir) mkdirSync(resolve(options.dataDir, 'dynamodb'), { recursive: true, mode: 0o700 });
  const dynamo: DynamoLocal = options.dynamoEndpoint
    ? { endpoint: options.dynamoEndpoint, stop: async () => undefined }
    : await superviseDynamoLocal({
        dataDir: options.dataDir ? resolve(options.dataDir, 'dynamodb') : undefined,
        onRestart: toStderr,
        onFatal: options.onDynamoFailure ?? toStderr,
      });
  const tables = options.tables ?? LOCAL_TABLE_NAMES;
  let search: LocalSearch | undefined;
  try {
    await ensureTables(dynamo.endpoint, tables);
    const now = options.now ?? Date.now;
    const apiGateway = new LocalApiGateway({ now, dataDir: options.dataDir, apiKeyQuota: options.apiKeyQuota });
    const db = createDocumentClient(dynamo.endpoint);
    options.instrument?.(db);
    simulateIndexLag(db, { lagMs: options.gsiLagMs ?? DEFAULT_GSI_LAG_MS, now, tables });
    const stack = stackNameFor(config.stage);
    const secrets = new LocalSecretSource(options.dataDir);
    const metrics = new CountingMetrics();
    search = await startLocalSearch({
      dynamoEndpoint: dynamo.endpoint,
      db,
      table: tables.memories,
      memories: new MemoriesStore(db, tables.memories),
      metrics,
      now,
      fault: options.vectorFault,
      onError: (error) => toStderr(`search index: ${error instanceof Error ? error.message : String(error)}`),
    });
    const deps = createDependencies({
      config,
      db,
      tables,
      secrets,
      gatewayKeys: new ApiGatewayKeyProvisioner(stack, apiGateway.client()),
      metrics,
      search: search.backends,
      now,
    });
    // As the stack's custom resource does on deploy: tenants whose recorded key is gone move to the new pooled keys.
    await apiGateway.deploy(stack, `${LOCAL_API_ID}:${config.stage}`, usagePlanDefinitions(stack, config), async () => {
      await repointStrandedTenants(deps, await ensurePooledKeys(deps));
    });
    const operatorToken = loadOperatorToken(options.dataDir);
    const server: Server = await new LocalGateway(deps, apiGateway, operatorToken, undefined, options.around).listen(
      options.port,
      undefined,
      options.requestTimeoutMs,
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: `http://localhost:${port}`,
      deps,
      apiGateway,
      secrets,
      metrics,
      dynamo,
      tables,
      operatorToken,
      search,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await search?.stop();
        // Its keep-alive sockets would hold the process open.
        db.destroy();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await search?.stop();
    await dynamo.stop();
    throw error;
  }
}
