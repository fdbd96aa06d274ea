import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDocumentClient, type TableNames } from '../lambda/platform/dynamo';
import { createServices, type Services } from '../lambda/services/services';
import { resolveAppConfig } from '../lambda/shared/config';
import { LOCAL_TABLE_NAMES, ensureTables, superviseDynamoLocal, type DynamoLocal } from './dynamo-local';
import { loadOperatorToken } from './operator-token';
import { LocalGateway } from './gateway';
import { LocalGatewayKeys } from './local-gateway-keys';
import { LocalSecretSource } from './local-secrets';
import type { Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface LocalStackOptions {
  readonly port: number;
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
  /**
   * The clock every time-dependent rule reads (minute windows, month credits, key expiry, grace
   * periods, lockout windows, token expiry, the edge throttle); tests move it instead of sleeping.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * Told when the DynamoDB Local started here is gone for good (see `superviseDynamoLocal`): the
   * caller stops the stack and exits with the code. @default a message on stderr
   */
  readonly onDynamoFailure?: (message: string, exitCode: number) => void;
}

export interface LocalStack {
  readonly url: string;
  readonly services: Services;
  readonly gatewayKeys: LocalGatewayKeys;
  readonly dynamo: DynamoLocal;
  /** What `npm run set-tier` sends to the local operator route. */
  readonly operatorToken: string;
  stop(): Promise<void>;
}

const toStderr = (message: string) => process.stderr.write(`${message}\n`);

/** DynamoDB Local, the tables, the local stand-ins for Secrets Manager and API keys, and the gateway. */
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
  try {
    await ensureTables(dynamo.endpoint, tables);
    const gatewayKeys = new LocalGatewayKeys(options.dataDir);
    const db = createDocumentClient(dynamo.endpoint);
    options.instrument?.(db);
    const services = createServices({
      config,
      db,
      tables,
      secrets: new LocalSecretSource(options.dataDir),
      gatewayKeys,
      now: options.now,
    });
    const operatorToken = loadOperatorToken(options.dataDir);
    const server: Server = await new LocalGateway(services, gatewayKeys, operatorToken).listen(options.port);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: `http://localhost:${port}`,
      services,
      gatewayKeys,
      dynamo,
      operatorToken,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        // Its keep-alive sockets would hold the process open.
        db.destroy();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
