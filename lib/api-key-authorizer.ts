import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';
import { ApiFunction, type TableAction } from './api-function';
import { AUTHORIZER_BUNDLE } from './bundle-options';
import { SECRET_ENVIRONMENT, TABLE_ENVIRONMENT, TENANT_PROVISIONER_ENVIRONMENT } from '../lambda/shared/environment-names';
import { usagePlanDefinitions } from '../lambda/shared/usage-plans';

/** The one DynamoDB action the authorizer calls, on the keys and the accounts table alike. */
export const AUTHORIZER_TABLE_ACTIONS = ['GetItem'] as const satisfies readonly TableAction[];

/** The authorizer's memory unless its props name one (the cost figures of `npm run bench` read it too). */
export const AUTHORIZER_MEMORY_MB = 256;

export interface ApiKeyAuthorizerProps {
  /** The keys table (`keyHash` partition key); owned or imported with `Table.fromTableName`. */
  readonly apiKeysTable: dynamodb.ITable;
  /** The accounts table, for the tenant's tier and gateway key (owner tokens). */
  readonly accountsTable: dynamodb.ITable;
  /** The pepper the stored key hashes were made with. */
  readonly pepperSecret: secretsmanager.ISecret;
  /** The key access tokens are signed with. */
  readonly jwtSecret: secretsmanager.ISecret;
  readonly config: AppConfig;
  /**
   * Creates the tenant of an identity provider's organisation on first use (lambda/provisioner):
   * required when `config.identityProviders` is not empty. The authorizer may only invoke it, so it
   * keeps read-only table access and no API Gateway rights.
   */
  readonly tenantProvisioner?: lambda.IFunction;
  /** Where an expired key's use is recorded (PutItem only). Without it, such attempts are only logged. */
  readonly auditTable?: dynamodb.ITable;
  /** @default 256 (the authorizer parses a key, hashes it and does at most one read) */
  readonly memorySize?: number;
  /** Removal policy of the authorizer's log group. @default DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default configuration `concurrency.reserved.authorizer` (none) */
  readonly reservedConcurrency?: number;
  /**
   * Instances kept initialised, so requests meet no cold start; API Gateway then calls the `live`
   * alias. Billed while deployed. @default configuration `concurrency.authorizerProvisioned` (0: none)
   */
  readonly provisionedConcurrency?: number;
}

/**
 * The API-key / access-token Lambda authorizer, attachable to any RestApi in any stack. API Gateway
 * binds an authorizer to the first RestApi that uses it, so create one instance per RestApi.
 *
 * The gateway's authorizer cache is off on purpose: with caching on, every identity source must be
 * present or API Gateway answers 401 without calling the Lambda, and callers send either
 * `Authorization` or `X-API-Key`. The function keeps a bounded in-memory cache instead
 * (`authorizerCacheTtlSeconds`), which is also the upper bound on how long a revoked key works.
 */
export class ApiKeyAuthorizer extends Construct {
  public readonly function: ApiFunction;
  /** What API Gateway invokes: the function, or its `live` alias when concurrency is provisioned. */
  public readonly invoked: lambda.IFunction;
  public readonly authorizer: apigateway.RequestAuthorizer;
  private stageFunction: ApiFunction | undefined;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ApiKeyAuthorizerProps,
  ) {
    super(scope, id);
    if (props.apiKeysTable === props.accountsTable) {
      throw new Error('ApiKeyAuthorizer: apiKeysTable and accountsTable must be different tables');
    }
    if (props.pepperSecret === props.jwtSecret) {
      throw new Error('ApiKeyAuthorizer: pepperSecret and jwtSecret must be different secrets');
    }

    if (props.config.identityProviders.length > 0 && !props.tenantProvisioner) {
      throw new Error('ApiKeyAuthorizer: identityProviders are configured, so a tenantProvisioner function is needed');
    }

    this.function = new ApiFunction(this, 'Function', {
      // Its entry, and what an API key never needs (identity providers' tokens, the X-Ray SDK), shipped beside the bundle.
      ...AUTHORIZER_BUNDLE,
      config: props.config,
      description:
        'Verifies API keys and access tokens (ours and trusted identity providers’), checks the route scope, returns the usage identifier key',
      memorySize: props.memorySize ?? AUTHORIZER_MEMORY_MB,
      logRemovalPolicy: props.logRemovalPolicy,
      reservedConcurrency: props.reservedConcurrency ?? props.config.concurrency.reserved.authorizer,
    })
      .bindTable({ table: props.apiKeysTable, actions: AUTHORIZER_TABLE_ACTIONS, envName: TABLE_ENVIRONMENT.apiKeys })
      .bindTable({ table: props.accountsTable, actions: AUTHORIZER_TABLE_ACTIONS, envName: TABLE_ENVIRONMENT.accounts })
      .bindSecret(props.pepperSecret, SECRET_ENVIRONMENT.pepper)
      .bindSecret(props.jwtSecret, SECRET_ENVIRONMENT.jwt);

    if (props.auditTable) this.function.bindTable({ table: props.auditTable, actions: ['PutItem'], envName: TABLE_ENVIRONMENT.audit });

    if (props.tenantProvisioner) {
      this.function.addEnvironment(TENANT_PROVISIONER_ENVIRONMENT, props.tenantProvisioner.functionName);
      // The function itself, not its versions (`grantInvoke` would add `:*`).
      this.function.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.tenantProvisioner.functionArn] }),
      );
    }
    const provisioned = props.provisionedConcurrency ?? props.config.concurrency.authorizerProvisioned;
    if (!Number.isInteger(provisioned) || provisioned < 0)
      throw new Error('ApiKeyAuthorizer: provisionedConcurrency must be a whole number, 0 or more');
    this.invoked =
      provisioned > 0
        ? new lambda.Alias(this, 'Live', {
            aliasName: 'live',
            version: this.function.currentVersion,
            provisionedConcurrentExecutions: provisioned,
          })
        : this.function;

    this.authorizer = new apigateway.RequestAuthorizer(this, 'Authorizer', {
      handler: this.invoked,
      resultsCacheTtl: Duration.seconds(0),
      identitySources: [],
    });
    // Without caching API Gateway needs no identity source (it is "required when authorization
    // caching is enabled"); CDK would emit an empty string, so the property is left out.
    const cfnAuthorizer = this.authorizer.node.defaultChild as apigateway.CfnAuthorizer;
    cfnAuthorizer.identitySource = undefined;
  }

  /**
   * Puts another API's stage in the tier usage plans of the stack that owns the keys, so its
   * methods with `apiKeyRequired` accept the gateway key this authorizer returns (API Gateway
   * refuses a key that no usage plan of the stage holds). `usagePlanNamePrefix` is that stack's
   * `UsagePlanPrefix` output. A custom resource adds the stage to each tier's dedicated and pooled
   * plan, one plan per 20 s (API Gateway's limit for UpdateUsagePlan), and takes it out again
   * when this stack is deleted.
   */
  public addStageToUsagePlans(stage: apigateway.IStage, usagePlanNamePrefix: string): CustomResource {
    const id = `UsagePlanStage-${this.node.children.filter((child) => child instanceof CustomResource).length}`;
    return new CustomResource(this, id, {
      serviceToken: this.usagePlanStagesFunction().functionArn,
      resourceType: 'Custom::UsagePlanStages',
      properties: {
        UsagePlanNames: usagePlanDefinitions(usagePlanNamePrefix, this.props.config).map((plan) => plan.name),
        RestApiId: stage.restApi.restApiId,
        StageName: stage.stageName,
      },
    });
  }

  private usagePlanStagesFunction(): ApiFunction {
    if (this.stageFunction) return this.stageFunction;
    const fn = new ApiFunction(this, 'UsagePlanStagesFunction', {
      entry: 'lambda/functions/usage-plan-stages.ts',
      config: this.props.config,
      description: 'Adds an API stage to the tier usage plans of the stack that owns the gateway keys',
      servesApi: false,
      // One UpdateUsagePlan per 20 s: two plans a tier.
      timeout: Duration.minutes(15),
      logRemovalPolicy: this.props.logRemovalPolicy,
    });
    const stack = Stack.of(this);
    const path = (resource: string): string => `arn:${stack.partition}:apigateway:${stack.region}::${resource}`;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['apigateway:GET'], resources: [path('/usageplans')] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['apigateway:PATCH'], resources: [path('/usageplans/*')] }));
    Validations.of(fn.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/usageplans/*]',
      reason:
        'The usage plans belong to another stack and are found by name at deploy time, so their ids are not known here; only PATCH (UpdateUsagePlan) is granted on them.',
    });
    this.stageFunction = fn;
    return fn;
  }
}
