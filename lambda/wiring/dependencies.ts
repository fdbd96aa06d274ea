import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppConfig } from '../shared/config';
import { readDeployedConfig } from '../shared/deployed-config';
import { APP_CONFIG_ENVIRONMENT, SECRET_ENVIRONMENT, TABLE_ENVIRONMENT } from '../shared/environment-names';
import { GatewayKeySlotsStore } from '../gateway-keys/gateway-key-slots-store';
import { LoginAttemptsStore } from '../store/login-attempts-store';
import { TenantsStore } from '../store/tenants-store';
import { ApiKeysStore } from '../store/api-keys-store';
import { IdempotentMemoryWrites, MemoriesStore } from '../store/memories-store';
import { UsageCounters } from '../store/usage-counters';
import { AuditStore } from '../store/audit-store';
import { createDocumentClient, type TableNames } from '../platform/dynamo';
import type { GatewayKeyProvisioner } from '../gateway-keys/gateway-key-provisioner';
import { SecretsManagerSource, type SecretSource } from '../platform/secrets';
import { CountingMetrics, EmfMetrics, type MetricsRecorder } from '../platform/metrics';
import { metricsNamespace } from '../shared/metrics';
import type { SearchBackends } from '../search/search-backends';

/** Everything a handler needs, built once per process: in Lambda from the environment, locally by the gateway. */
export interface Dependencies {
  readonly config: AppConfig;
  readonly secrets: SecretSource;
  readonly gatewayKeys: GatewayKeyProvisioner;
  readonly tenants: TenantsStore;
  readonly loginAttempts: LoginAttemptsStore;
  readonly gatewayKeySlots: GatewayKeySlotsStore;
  readonly apiKeys: ApiKeysStore;
  readonly memories: MemoriesStore;
  readonly idempotentWrites: IdempotentMemoryWrites;
  readonly usage: UsageCounters;
  readonly metrics: MetricsRecorder;
  readonly audit: AuditStore;
  /** Vector indexes and embeddings; only the functions that search or index memories have them. */
  readonly search?: SearchBackends;
  readonly now: () => number;
}

export interface DependencyParts {
  readonly config: AppConfig;
  readonly db: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly secrets: SecretSource;
  readonly gatewayKeys: GatewayKeyProvisioner;
  /** @default in-memory counts */
  readonly metrics?: MetricsRecorder;
  readonly search?: SearchBackends;
  readonly now?: () => number;
}

export function createDependencies(parts: DependencyParts): Dependencies {
  return {
    config: parts.config,
    secrets: parts.secrets,
    gatewayKeys: parts.gatewayKeys,
    tenants: new TenantsStore(parts.db, parts.tables.accounts),
    loginAttempts: new LoginAttemptsStore(parts.db, parts.tables.accounts),
    gatewayKeySlots: new GatewayKeySlotsStore(parts.db, parts.tables.accounts),
    apiKeys: new ApiKeysStore(parts.db, parts.tables.apiKeys, parts.tables.accounts),
    memories: new MemoriesStore(parts.db, parts.tables.memories),
    idempotentWrites: new IdempotentMemoryWrites(parts.db, parts.tables.memories),
    usage: new UsageCounters(parts.db, parts.tables.usage),
    metrics: parts.metrics ?? new CountingMetrics(),
    audit: new AuditStore(parts.db, parts.tables.audit),
    search: parts.search,
    now: parts.now ?? Date.now,
  };
}

/** A function is only given the tables it may use; a store it was not granted fails on first use. */
function tableEnv(name: string): string {
  return process.env[name] ?? `${name}-not-granted`;
}

/**
 * No request path calls the API Gateway control plane (it allows 10 calls a second per account):
 * API functions get this, and do not bundle its client. Only deploy-time and operator code does.
 */
const refuse = () => Promise.reject(new Error('this function does not manage API Gateway keys'));
const NO_GATEWAY_KEYS: GatewayKeyProvisioner = {
  stack: '',
  createKey: refuse,
  findKey: refuse,
  addToPlan: refuse,
  isInPlan: refuse,
  deleteKey: refuse,
  listStackKeys: refuse,
  countAccountKeys: refuse,
};

let fromEnvironment: Dependencies | undefined;

/**
 * The dependencies of a Lambda function: table names, secret ARNs and configuration come from environment values set
 * by the stack. Only a function that manages gateway keys passes a provisioner.
 */
export function dependenciesFromEnvironment(gatewayKeys: () => GatewayKeyProvisioner = () => NO_GATEWAY_KEYS): Dependencies {
  if (fromEnvironment) return fromEnvironment;
  const config = readDeployedConfig(process.env[APP_CONFIG_ENVIRONMENT], APP_CONFIG_ENVIRONMENT);
  fromEnvironment = createDependencies({
    config,
    db: createDocumentClient(),
    tables: Object.fromEntries(Object.entries(TABLE_ENVIRONMENT).map(([table, name]) => [table, tableEnv(name)])) as TableNames,
    secrets: new SecretsManagerSource({
      pepper: process.env[SECRET_ENVIRONMENT.pepper] ?? '',
      jwt: process.env[SECRET_ENVIRONMENT.jwt] ?? '',
    }),
    gatewayKeys: gatewayKeys(),
    metrics: new EmfMetrics(metricsNamespace(config.stage)),
  });
  return fromEnvironment;
}
