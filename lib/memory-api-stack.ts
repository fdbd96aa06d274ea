import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { wafEnabled, type AppConfig } from '../lambda/shared/config';
import type { HandlerName } from '../lambda/shared/routes';
import { ApiFunction, type TableAction } from './api-function';
import { ApiKeyAuthorizer } from './api-key-authorizer';
import { readAppConfig, removalPolicyFor } from './config';
import { DataTables, type TableName } from './data-tables';
import { StackGatewayKeys } from './gateway-keys';
import { MemoryRestApi } from './memory-rest-api';
import { ConsoleSite } from './console-site';
import { SearchIndex } from './search-index';
import { Monitoring } from './monitoring';
import { SECRET_ENVIRONMENT, TABLE_ENVIRONMENT } from '../lambda/shared/environment-names';
import { SigningSecrets } from './signing-secrets';
import { ApiWebAcl, cloudFrontVerification } from './web-acl';

type SecretRole = keyof typeof SECRET_ENVIRONMENT;

interface TableGrant {
  /** The item actions the handler's code calls on the table (test/http/iam-grants.test.ts checks them against real calls). */
  readonly actions: readonly TableAction[];
  /** Indexes it queries. */
  readonly indexes?: readonly string[];
}

interface HandlerSpec {
  readonly entry: string;
  readonly description: string;
  readonly tables: Partial<Record<TableName, TableGrant>>;
  readonly secrets: readonly SecretRole[];
}

/**
 * What each handler may touch: least privilege in one table, down to the DynamoDB action. Every
 * authenticated handler updates the usage table because each request is charged to the tenant's
 * counters there (conditional UpdateItems, no reads).
 */
const HANDLERS: Readonly<Record<HandlerName, HandlerSpec>> = {
  // Health reads one item, so it reports whether the store answers.
  health: { entry: 'lambda/functions/health.ts', description: 'GET /health', tables: { accounts: { actions: ['GetItem'] } }, secrets: [] },
  docs: { entry: 'lambda/functions/docs.ts', description: 'GET /v1/openapi.json', tables: {}, secrets: [] },
  auth: {
    entry: 'lambda/functions/auth.ts',
    description: 'Register and login; a new tenant takes its tier’s pooled API Gateway key',
    // Tenants and owners (register puts both in one transaction), login attempts (taken, cleared) and the pooled gateway keys (read).
    // The audit trail is append only: its writers add events and can neither read nor change them.
    tables: { accounts: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] }, audit: { actions: ['PutItem'] } },
    secrets: ['jwt'],
  },
  apiKeys: {
    entry: 'lambda/functions/api-keys.ts',
    description: 'Create, list, revoke and rotate API keys',
    tables: {
      // Keys are put and updated in transactions with the tenant's key counter and the key's entry in
      // the tenant partition (accounts), through which they are listed and found by id, consistently.
      apiKeys: { actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'] },
      accounts: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
      // Charged, and read back for last use and per-day usage.
      usage: { actions: ['GetItem', 'Query', 'UpdateItem'] },
      audit: { actions: ['PutItem'] },
    },
    secrets: ['pepper'],
  },
  memories: {
    entry: 'lambda/functions/memories.ts',
    description: 'Store, list, search, update and delete memories',
    tables: {
      memories: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'] },
      // Charged; a write's transaction returns no values, so the counter is read beside it for the headers.
      usage: { actions: ['GetItem', 'UpdateItem'] },
    },
    secrets: [],
  },
  usage: {
    entry: 'lambda/functions/usage.ts',
    description: 'The tenant’s usage, limits and key count, and its keys’ requests per day',
    tables: {
      // The per-key day counts of the usage report are queried.
      usage: { actions: ['GetItem', 'Query', 'UpdateItem'] },
      accounts: { actions: ['GetItem', 'Query'] },
      apiKeys: { actions: ['BatchGetItem'] },
    },
    secrets: [],
  },
  // Its own function, so the MCP SDK stays out of the memories bundle; it runs the memory and usage operations.
  mcp: {
    entry: 'lambda/functions/mcp.ts',
    description: 'POST /v1/mcp: the MCP server, each tool call run as the memory or usage route it mirrors',
    tables: {
      memories: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'] },
      usage: { actions: ['GetItem', 'UpdateItem'] },
      accounts: { actions: ['GetItem', 'Query'] },
      apiKeys: { actions: ['BatchGetItem'] },
    },
    secrets: [],
  },
  audit: {
    entry: 'lambda/functions/audit.ts',
    description: 'GET /v1/audit-events: the tenant’s audit trail',
    tables: { audit: { actions: ['Query'] }, usage: { actions: ['GetItem', 'UpdateItem'] } },
    secrets: [],
  },
};

/** The grants of one handler, for tests that compare them with what the code calls. */
export function handlerTableGrants(handler: HandlerName): Partial<Record<TableName, TableGrant>> {
  return HANDLERS[handler].tables;
}

export interface MemoryApiStackProps extends StackProps {
  /** @default read and validated from CDK context `memoryApi` */
  readonly config?: AppConfig;
}

/**
 * Composes the data, secrets, functions, authorizer, REST API, web ACL and monitoring of one
 * deployment stage.
 */
export class MemoryApiStack extends Stack {
  public readonly config: AppConfig;
  public readonly tables: DataTables;
  public readonly secrets: SigningSecrets;
  public readonly functions: Readonly<Record<HandlerName, ApiFunction>>;
  /** Creates identity-provider tenants on first use; only when `identityProviders` are configured. */
  public readonly tenantProvisioner?: ApiFunction;
  public readonly apiKeyAuthorizer: ApiKeyAuthorizer;
  public readonly restApi: MemoryRestApi;
  public readonly gatewayKeys: StackGatewayKeys;
  /** The AWS WAF web ACL on the stage, when configuration `waf` turns it on (default: prod only). */
  public readonly webAcl?: ApiWebAcl;
  public readonly monitoring: Monitoring;
  /** Vector buckets, the stream indexer and its alarms (docs/search.md). */
  public readonly search: SearchIndex;
  /** The web console on CloudFront, with the API under /v1 on the same origin. */
  public readonly console: ConsoleSite;

  constructor(scope: Construct, id: string, props: MemoryApiStackProps = {}) {
    super(scope, id, props);
    this.config = props.config ?? readAppConfig(this);
    const removalPolicy = removalPolicyFor(this.config.stage);

    this.tables = new DataTables(this, 'Tables', { stage: this.config.stage });
    this.secrets = new SigningSecrets(this, 'Secrets', { config: this.config });
    const tableByName: Record<TableName, DataTables[TableName]> = this.tables;
    const secretByRole = { pepper: this.secrets.pepper, jwt: this.secrets.jwtSigningKey } as const;

    const functions = {} as Record<HandlerName, ApiFunction>;
    for (const [handler, spec] of Object.entries(HANDLERS) as [HandlerName, HandlerSpec][]) {
      const fn = new ApiFunction(this, `${pascalCase(handler)}Function`, {
        entry: spec.entry,
        config: this.config,
        description: spec.description,
        logRemovalPolicy: removalPolicy,
        reservedConcurrency: this.config.concurrency.reserved[handler],
      });
      for (const [tableName, grant] of Object.entries(spec.tables) as [TableName, TableGrant][]) {
        fn.bindTable({
          table: tableByName[tableName],
          actions: grant.actions,
          envName: TABLE_ENVIRONMENT[tableName],
          indexNames: grant.indexes,
        });
      }
      for (const role of spec.secrets) fn.bindSecret(secretByRole[role], SECRET_ENVIRONMENT[role]);
      functions[handler] = fn;
    }
    this.functions = functions;
    // The runtime finds plans by name (looking them up by id from the function's environment would
    // make the function depend on the deployment); its role names them by id.
    const usagePlanNamePrefix = this.stackName;

    if (this.config.identityProviders.length > 0) {
      this.tenantProvisioner = new ApiFunction(this, 'TenantProvisionerFunction', {
        entry: 'lambda/functions/provisioner.ts',
        config: this.config,
        description: 'Creates the tenant of an identity provider’s organisation on first use (invoked by the authorizer)',
        logRemovalPolicy: removalPolicy,
        reservedConcurrency: this.config.concurrency.reserved.tenantProvisioner,
      }).bindTable({ table: this.tables.accounts, actions: ['GetItem', 'PutItem', 'UpdateItem'], envName: TABLE_ENVIRONMENT.accounts });
    }

    this.apiKeyAuthorizer = new ApiKeyAuthorizer(this, 'ApiKeyAuthorizer', {
      apiKeysTable: this.tables.apiKeys,
      accountsTable: this.tables.accounts,
      auditTable: this.tables.audit,
      pepperSecret: this.secrets.pepper,
      jwtSecret: this.secrets.jwtSigningKey,
      config: this.config,
      tenantProvisioner: this.tenantProvisioner,
      logRemovalPolicy: removalPolicy,
    });

    this.restApi = new MemoryRestApi(this, 'RestApi', {
      config: this.config,
      handlers: functions,
      authorizer: this.apiKeyAuthorizer.authorizer,
      usagePlanNamePrefix,
      logRemovalPolicy: removalPolicy,
      // API Gateway's metrics are keyed by ApiName: one name per stage keeps two stages' figures apart.
      restApiName: this.stackName,
    });

    const viaCloudFront = wafEnabled(this.config) ? cloudFrontVerification(this).via : undefined;
    if (viaCloudFront) {
      this.webAcl = new ApiWebAcl(this, 'WebAcl', {
        stage: this.restApi.api.deploymentStage,
        limits: this.config.waf,
        metricPrefix: this.stackName,
        viaCloudFront,
      });
    }
    this.gatewayKeys = new StackGatewayKeys(this, 'GatewayKeys', {
      config: this.config,
      accountsTable: this.tables.accounts,
      apiKeysTable: this.tables.apiKeys,
      usagePlanNamePrefix,
      usagePlans: [
        ...Object.values(this.restApi.usagePlans).flatMap((plans) => [plans.dedicated, plans.pooled]),
        this.restApi.overLimitPlan,
      ],
      logRemovalPolicy: removalPolicy,
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      config: this.config,
      stage: this.restApi.api.deploymentStage,
      accessLogGroup: this.restApi.accessLogGroup,
      functions: {
        ...functions,
        authorizer: this.apiKeyAuthorizer.function,
        jwtRotation: this.secrets.rotationFunction,
        gatewayKeys: this.gatewayKeys.function,
        tenantProvisioner: this.tenantProvisioner,
      },
      tables: {
        accounts: this.tables.accounts,
        apiKeys: this.tables.apiKeys,
        memories: this.tables.memories,
        usage: this.tables.usage,
        audit: this.tables.audit,
      },
      webAcl: this.webAcl,
      namePrefix: this.stackName,
    });

    this.search = new SearchIndex(this, 'Search', {
      config: this.config,
      memoriesTable: this.tables.memories,
      searchers: [functions.memories],
      alarmTopic: this.monitoring.topic,
      namePrefix: this.stackName,
      logRemovalPolicy: removalPolicy,
    });

    this.console = new ConsoleSite(this, 'Console', { api: this.restApi.api, removalPolicy, viaCloudFront });

    this.addOutputs(usagePlanNamePrefix);
  }

  /** Other stacks import these; scripts/set-tier.ts reads them from `cdk deploy --outputs-file`. */
  private addOutputs(usagePlanNamePrefix: string): void {
    const output = (id: string, value: string, description: string): void => {
      new CfnOutput(this, id, { value, description, exportName: `${this.stackName}-${id}` });
    };
    output('ApiUrl', this.restApi.api.url, 'Base URL of the API stage');
    output('AccountsTableName', this.tables.accounts.tableName, 'Accounts table');
    output('ApiKeysTableName', this.tables.apiKeys.tableName, 'API keys table (for another stack’s ApiKeyAuthorizer)');
    output('MemoriesTableName', this.tables.memories.tableName, 'Memories table');
    output(
      'VectorBucketNames',
      this.search.vectorBuckets.map((bucket) => bucket.ref).join(','),
      'S3 vector buckets of the search indexes (npm run reindex)',
    );
    output('UsageTableName', this.tables.usage.tableName, 'Usage counters table');
    output('AuditTableName', this.tables.audit.tableName, 'Audit trail table (events kept 90 days)');
    output('PepperSecretArn', this.secrets.pepper.secretArn, 'Key-hash pepper secret (ARN only)');
    output('JwtSecretArn', this.secrets.jwtSigningKey.secretArn, 'JWT signing key secret (ARN only)');
    output('AuthorizerFunctionArn', this.apiKeyAuthorizer.function.functionArn, 'Authorizer function ARN');
    output('AuthorizerFunctionName', this.apiKeyAuthorizer.function.functionName, 'Authorizer function name');
    output('UsagePlanPrefix', usagePlanNamePrefix, 'Prefix of the usage plan names (usagePlanName in lambda/shared/tiers.ts)');
    output('AppConfig', JSON.stringify(this.config), 'The resolved configuration every function receives as APP_CONFIG');
    output('AlarmTopicArn', this.monitoring.topic.topicArn, 'SNS topic every alarm notifies (subscribe your on-call tooling to it)');
    output('DashboardName', this.monitoring.dashboard.dashboardName, 'CloudWatch dashboard of the stage');
  }
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
