import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { API_KEYS_BY_TENANT_INDEX } from '../lambda/shared/table-schemas';
import type { AppConfig } from '../lambda/shared/config';
import type { HandlerName } from '../lambda/shared/routes';
import { ApiFunction, type TableAccessMode } from './api-function';
import { ApiKeyAuthorizer } from './api-key-authorizer';
import { readAppConfig, removalPolicyFor } from './config';
import { DataTables, type TableName } from './data-tables';
import { MemoryRestApi } from './memory-rest-api';
import { ConsoleSite } from './console-site';
import { SECRET_ENVIRONMENT, TABLE_ENVIRONMENT, USAGE_PLAN_PREFIX_ENVIRONMENT } from '../lambda/shared/environment-names';
import { SigningSecrets } from './signing-secrets';

type SecretRole = keyof typeof SECRET_ENVIRONMENT;

interface TableGrant {
  readonly mode: TableAccessMode;
  readonly indexes?: readonly string[];
}

interface HandlerSpec {
  readonly entry: string;
  readonly description: string;
  readonly tables: Partial<Record<TableName, TableGrant>>;
  readonly secrets: readonly SecretRole[];
}

/**
 * What each handler may touch: least privilege in one table. Every authenticated handler writes
 * the usage table because each request is charged to the tenant's counters there.
 */
const HANDLERS: Readonly<Record<HandlerName, HandlerSpec>> = {
  health: { entry: 'lambda/handlers/health.ts', description: 'GET /health', tables: {}, secrets: [] },
  docs: { entry: 'lambda/handlers/docs.ts', description: 'GET /v1/openapi.json', tables: {}, secrets: [] },
  auth: {
    entry: 'lambda/handlers/auth.ts',
    description: 'Register and login; provisions the tenant’s API Gateway key',
    // Tenants, owners, login failures and gateway key records all live in accounts.
    tables: { accounts: { mode: 'RW' }, audit: { mode: 'PUT' } },
    secrets: ['jwt'],
  },
  apiKeys: {
    entry: 'lambda/handlers/api-keys.ts',
    description: 'Create, list, revoke and rotate API keys',
    tables: {
      apiKeys: { mode: 'RW', indexes: [API_KEYS_BY_TENANT_INDEX] },
      accounts: { mode: 'RW' },
      usage: { mode: 'RW' },
      audit: { mode: 'PUT' },
    },
    secrets: ['pepper'],
  },
  memories: {
    entry: 'lambda/handlers/memories.ts',
    description: 'Store, list, search, update and delete memories',
    tables: { memories: { mode: 'RW' }, usage: { mode: 'RW' } },
    secrets: [],
  },
  usage: {
    entry: 'lambda/handlers/usage.ts',
    description: 'The tenant’s usage, limits and key count',
    tables: { usage: { mode: 'RW' }, accounts: { mode: 'RO' }, apiKeys: { mode: 'RO', indexes: [API_KEYS_BY_TENANT_INDEX] } },
    secrets: [],
  },
  audit: {
    entry: 'lambda/handlers/audit.ts',
    description: 'GET /v1/audit-events: the tenant’s audit trail',
    tables: { audit: { mode: 'RO' }, usage: { mode: 'RW' } },
    secrets: [],
  },
};

export interface MemoryApiStackProps extends StackProps {
  /** @default read and validated from CDK context `memoryApi` */
  readonly config?: AppConfig;
}

/** Composes the data, secrets, functions, authorizer and REST API of one deployment stage. */
export class MemoryApiStack extends Stack {
  public readonly config: AppConfig;
  public readonly tables: DataTables;
  public readonly secrets: SigningSecrets;
  public readonly functions: Readonly<Record<HandlerName, ApiFunction>>;
  /** Creates identity-provider tenants on first use; only when `identityProviders` are configured. */
  public readonly tenantProvisioner?: ApiFunction;
  public readonly apiKeyAuthorizer: ApiKeyAuthorizer;
  public readonly restApi: MemoryRestApi;
  /** The web console on CloudFront, with the API under /v1 on the same origin. */
  public readonly console: ConsoleSite;

  constructor(scope: Construct, id: string, props: MemoryApiStackProps = {}) {
    super(scope, id, props);
    this.config = props.config ?? readAppConfig(this);
    const removalPolicy = removalPolicyFor(this.config.stage);

    this.tables = new DataTables(this, 'Tables', { stage: this.config.stage });
    this.secrets = new SigningSecrets(this, 'Secrets', { stage: this.config.stage });
    const tableByName: Record<TableName, DataTables[TableName]> = this.tables;
    const secretByRole = { pepper: this.secrets.pepper, jwt: this.secrets.jwtSigningKey } as const;

    const functions = {} as Record<HandlerName, ApiFunction>;
    for (const [handler, spec] of Object.entries(HANDLERS) as [HandlerName, HandlerSpec][]) {
      const fn = new ApiFunction(this, `${pascalCase(handler)}Function`, {
        entry: spec.entry,
        config: this.config,
        description: spec.description,
        logRemovalPolicy: removalPolicy,
      });
      for (const [tableName, grant] of Object.entries(spec.tables) as [TableName, TableGrant][]) {
        fn.bindTable({
          table: tableByName[tableName],
          accessMode: grant.mode,
          envName: TABLE_ENVIRONMENT[tableName],
          indexNames: grant.indexes,
        });
      }
      for (const role of spec.secrets) fn.bindSecret(secretByRole[role], SECRET_ENVIRONMENT[role]);
      functions[handler] = fn;
    }
    this.functions = functions;
    // Plans are found by name, not id: referencing them would make the functions depend on the deployment.
    const usagePlanNamePrefix = this.stackName;
    this.grantGatewayKeyProvisioning(functions.auth, usagePlanNamePrefix);

    if (this.config.identityProviders.length > 0) {
      this.tenantProvisioner = new ApiFunction(this, 'TenantProvisionerFunction', {
        entry: 'lambda/provisioner/handler.ts',
        config: this.config,
        description: 'Creates the tenant of an identity provider’s organisation on first use (invoked by the authorizer)',
        logRemovalPolicy: removalPolicy,
      }).bindTable({ table: this.tables.accounts, accessMode: 'RW', envName: TABLE_ENVIRONMENT.accounts });
      this.grantGatewayKeyProvisioning(this.tenantProvisioner, usagePlanNamePrefix);
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
    });

    this.console = new ConsoleSite(this, 'Console', { api: this.restApi.api, removalPolicy });

    this.addOutputs(usagePlanNamePrefix);
  }

  /**
   * Register (and the tenant provisioner) creates the tenant's API Gateway key (or the tier's pooled key) and attaches it to
   * the tier's usage plan, deleting the key again if attaching fails. Moving keys between plans
   * on a tier change is an operator action (scripts/set-tier.ts) with the operator's credentials.
   */
  private grantGatewayKeyProvisioning(fn: ApiFunction, usagePlanNamePrefix: string): void {
    fn.addEnvironment(USAGE_PLAN_PREFIX_ENVIRONMENT, usagePlanNamePrefix);
    const path = (resource: string): string => `arn:${this.partition}:apigateway:${this.region}::${resource}`;
    const grants: [string, string[]][] = [
      ['apigateway:GET', [path('/usageplans')]],
      ['apigateway:POST', [path('/apikeys'), path('/usageplans/*/keys')]],
      ['apigateway:DELETE', [path('/apikeys/*')]],
    ];
    for (const [action, resources] of grants) fn.addToRolePolicy(new iam.PolicyStatement({ actions: [action], resources }));

    const reason =
      'API key ids are created at runtime and usage plan ids by this same stack, which the function cannot reference without a dependency cycle (plans need the deployment, the deployment needs the function), so the paths need an id wildcard; actions are limited to POST a plan key and DELETE an API key.';
    for (const resource of ['/usageplans/*/keys', '/apikeys/*']) {
      Validations.of(fn.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::${resource}]`,
        reason,
      });
    }
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
    output('UsageTableName', this.tables.usage.tableName, 'Usage counters table');
    output('AuditTableName', this.tables.audit.tableName, 'Audit trail table (events kept 90 days)');
    output('PepperSecretArn', this.secrets.pepper.secretArn, 'Key-hash pepper secret (ARN only)');
    output('JwtSecretArn', this.secrets.jwtSigningKey.secretArn, 'JWT signing key secret (ARN only)');
    output('AuthorizerFunctionArn', this.apiKeyAuthorizer.function.functionArn, 'Authorizer function ARN');
    output('AuthorizerFunctionName', this.apiKeyAuthorizer.function.functionName, 'Authorizer function name');
    output('UsagePlanPrefix', usagePlanNamePrefix, 'Prefix of the usage plan names (usagePlanName in lambda/shared/tiers.ts)');
    output('AppConfig', JSON.stringify(this.config), 'The resolved configuration every function receives as APP_CONFIG');
  }
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
