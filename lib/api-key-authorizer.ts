import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';
import { ApiFunction } from './api-function';
import { SECRET_ENVIRONMENT, TABLE_ENVIRONMENT, TENANT_PROVISIONER_ENVIRONMENT } from '../lambda/shared/environment-names';

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
  public readonly authorizer: apigateway.RequestAuthorizer;

  constructor(scope: Construct, id: string, props: ApiKeyAuthorizerProps) {
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
      entry: 'lambda/authorizer/handler.ts',
      config: props.config,
      description:
        'Verifies API keys and access tokens (ours and trusted identity providers’), checks the route scope, returns the usage identifier key',
      memorySize: props.memorySize ?? 256,
      logRemovalPolicy: props.logRemovalPolicy,
    })
      .bindTable({ table: props.apiKeysTable, accessMode: 'RO', envName: TABLE_ENVIRONMENT.apiKeys })
      .bindTable({ table: props.accountsTable, accessMode: 'RO', envName: TABLE_ENVIRONMENT.accounts })
      .bindSecret(props.pepperSecret, SECRET_ENVIRONMENT.pepper)
      .bindSecret(props.jwtSecret, SECRET_ENVIRONMENT.jwt);

    if (props.auditTable) this.function.bindTable({ table: props.auditTable, accessMode: 'PUT', envName: TABLE_ENVIRONMENT.audit });

    if (props.tenantProvisioner) {
      this.function.addEnvironment(TENANT_PROVISIONER_ENVIRONMENT, props.tenantProvisioner.functionName);
      // The function itself, not its versions (`grantInvoke` would add `:*`).
      this.function.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.tenantProvisioner.functionArn] }),
      );
    }

    this.authorizer = new apigateway.RequestAuthorizer(this, 'Authorizer', {
      handler: this.function,
      resultsCacheTtl: Duration.seconds(0),
      identitySources: [],
    });
    // Without caching API Gateway needs no identity source (it is "required when authorization
    // caching is enabled"); CDK would emit an empty string, so the property is left out.
    const cfnAuthorizer = this.authorizer.node.defaultChild as apigateway.CfnAuthorizer;
    cfnAuthorizer.identitySource = undefined;
  }
}
