import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { API_KEYS_BY_TENANT_INDEX } from '../lambda/shared/table-schemas';
import { wafEnabled, type AppConfig } from '../lambda/shared/config';
import type { HandlerName } from '../lambda/shared/routes';
import { GATEWAY_KEY_OWNER_TAG, type GatewayKeyKind } from '../lambda/shared/tiers';
import { ApiFunction, type TableAction } from './api-function';
import { ApiKeyAuthorizer } from './api-key-authorizer';
import { readAppConfig, removalPolicyFor } from './config';
import { DataTables, type TableName } from './data-tables';
import { MemoryRestApi } from './memory-rest-api';
import { Monitoring } from './monitoring';
import { SECRET_ENVIRONMENT, TABLE_ENVIRONMENT, USAGE_PLAN_PREFIX_ENVIRONMENT } from '../lambda/shared/environment-names';
import { SigningSecrets } from './signing-secrets';
import { ApiWebAcl } from './web-acl';

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
  health: { entry: 'lambda/handlers/health.ts', description: 'GET /health', tables: {}, secrets: [] },
  auth: {
    entry: 'lambda/handlers/auth.ts',
    description: 'Register and login; provisions the tenant’s API Gateway key',
    // Tenants, owners (register puts both in one transaction), login attempts (taken, started, cleared) and gateway key records.
    tables: { accounts: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] } },
    secrets: ['jwt'],
  },
  apiKeys: {
    entry: 'lambda/handlers/api-keys.ts',
    description: 'Create, list, revoke and rotate API keys',
    tables: {
      // Keys are put and updated in transactions with the tenant's key counter, found by hash or through the index.
      apiKeys: { actions: ['GetItem', 'PutItem', 'UpdateItem'], indexes: [API_KEYS_BY_TENANT_INDEX] },
      accounts: { actions: ['GetItem', 'UpdateItem'] },
      // Charged, and read back for last use and per-day usage.
      usage: { actions: ['Query', 'UpdateItem'] },
    },
    secrets: ['pepper'],
  },
  memories: {
    entry: 'lambda/handlers/memories.ts',
    description: 'Store, list, search, update and delete memories',
    tables: { memories: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'] }, usage: { actions: ['UpdateItem'] } },
    secrets: [],
  },
  usage: {
    entry: 'lambda/handlers/usage.ts',
    description: 'The tenant’s usage, limits and key count',
    tables: {
      usage: { actions: ['UpdateItem'] },
      accounts: { actions: ['GetItem'] },
      apiKeys: { actions: [], indexes: [API_KEYS_BY_TENANT_INDEX] },
    },
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
  public readonly apiKeyAuthorizer: ApiKeyAuthorizer;
  public readonly restApi: MemoryRestApi;
  /** The AWS WAF web ACL on the stage, when configuration `waf` turns it on (default: prod only). */
  public readonly webAcl?: ApiWebAcl;
  public readonly monitoring: Monitoring;

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
    functions.auth.addEnvironment(USAGE_PLAN_PREFIX_ENVIRONMENT, usagePlanNamePrefix);

    this.apiKeyAuthorizer = new ApiKeyAuthorizer(this, 'ApiKeyAuthorizer', {
      apiKeysTable: this.tables.apiKeys,
      accountsTable: this.tables.accounts,
      pepperSecret: this.secrets.pepper,
      jwtSecret: this.secrets.jwtSigningKey,
      config: this.config,
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
    this.grantGatewayKeyProvisioning(functions.auth, this.restApi.usagePlans);

    if (wafEnabled(this.config)) {
      this.webAcl = new ApiWebAcl(this, 'WebAcl', {
        stage: this.restApi.api.deploymentStage,
        limits: this.config.waf,
        metricPrefix: this.stackName,
      });
    }
    this.monitoring = new Monitoring(this, 'Monitoring', {
      config: this.config,
      stage: this.restApi.api.deploymentStage,
      accessLogGroup: this.restApi.accessLogGroup,
      functions: { ...functions, authorizer: this.apiKeyAuthorizer.function, jwtRotation: this.secrets.rotationFunction },
      tables: { accounts: this.tables.accounts, apiKeys: this.tables.apiKeys, memories: this.tables.memories, usage: this.tables.usage },
      webAcl: this.webAcl,
      namePrefix: this.stackName,
    });

    this.addOutputs(usagePlanNamePrefix);
  }

  /**
   * Register creates the tenant's API Gateway key (or the tier's pooled key), tagged with this
   * stack's name, and attaches it to the tier's usage plan, deleting the key again if attaching
   * fails. So the role may list plans, create keys only with that tag, add keys only to this
   * stack's plans (by id), and delete only keys carrying the tag. Moving keys between plans on a
   * tier change is an operator action (scripts/set-tier.ts) with the operator's credentials.
   *
   * The statements live in a policy of their own: the role's default policy is a dependency of
   * the function, and naming the plans there would close a cycle (plans need the stage, the
   * stage the methods, the methods the function).
   */
  private grantGatewayKeyProvisioning(
    fn: ApiFunction,
    plans: Readonly<Record<string, Readonly<Record<GatewayKeyKind, apigateway.UsagePlan>>>>,
  ): void {
    const path = (resource: string): string => `arn:${this.partition}:apigateway:${this.region}::${resource}`;
    const ownTag = { [`aws:RequestTag/${GATEWAY_KEY_OWNER_TAG}`]: this.stackName };
    const planIds = Object.values(plans).flatMap((kinds) => Object.values(kinds).map((plan) => plan.usagePlanId));
    const policy = new iam.Policy(this, 'AuthGatewayKeyPolicy', {
      roles: [fn.executionRole],
      statements: [
        new iam.PolicyStatement({ actions: ['apigateway:GET'], resources: [path('/usageplans')] }),
        // CreateApiKey is authorized as POST on /apikeys, and its tags as PUT on /tags (Service Authorization Reference).
        new iam.PolicyStatement({
          actions: ['apigateway:POST'],
          resources: [path('/apikeys')],
          conditions: { StringEquals: ownTag, 'ForAllValues:StringEquals': { 'aws:TagKeys': [GATEWAY_KEY_OWNER_TAG] } },
        }),
        new iam.PolicyStatement({
          actions: ['apigateway:PUT'],
          resources: [path('/tags/*')],
          conditions: { StringEquals: ownTag, 'ForAllValues:StringEquals': { 'aws:TagKeys': [GATEWAY_KEY_OWNER_TAG] } },
        }),
        new iam.PolicyStatement({ actions: ['apigateway:POST'], resources: planIds.map((id) => path(`/usageplans/${id}/keys`)) }),
        new iam.PolicyStatement({
          actions: ['apigateway:DELETE'],
          resources: [path('/apikeys/*')],
          conditions: { StringEquals: { [`aws:ResourceTag/${GATEWAY_KEY_OWNER_TAG}`]: this.stackName } },
        }),
      ],
    });
    const reasons: Record<string, string> = {
      '/apikeys/*':
        'API key ids are made at runtime; the statement only allows DELETE, and only on keys tagged as created by this stack (aws:ResourceTag condition).',
      '/tags/*': 'Tags of an API key being created; the conditions allow only this stack’s own tag key and value.',
    };
    for (const [resource, reason] of Object.entries(reasons)) {
      Validations.of(policy).acknowledge({
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
