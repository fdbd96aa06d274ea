import { CustomResource, Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';
import { TABLE_ENVIRONMENT, USAGE_PLAN_PREFIX_ENVIRONMENT } from '../lambda/shared/environment-names';
import { ApiFunction } from './api-function';

export interface StackGatewayKeysProps {
  readonly config: AppConfig;
  /** Where the pooled keys and the dedicated key slots are recorded. */
  readonly accountsTable: dynamodb.ITable;
  /** Prefix of the usage plan names; the stack's keys are tagged with it. */
  readonly usagePlanNamePrefix: string;
  /** The plans the pooled keys go into: they must exist first (and are deleted after the keys). */
  readonly usagePlans: readonly apigateway.UsagePlan[];
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The stack's API Gateway keys over its lifetime, as a custom resource: on deploy, every tier's
 * pooled keys exist in their usage plans (so sign-up never calls the control plane); when the
 * stack is deleted, every key tagged with it is deleted too, dedicated keys included.
 */
export class StackGatewayKeys extends Construct {
  public readonly function: ApiFunction;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: StackGatewayKeysProps) {
    super(scope, id);
    this.function = new ApiFunction(this, 'Function', {
      entry: 'lambda/handlers/gateway-keys-resource.ts',
      config: props.config,
      description: 'Creates the pooled API Gateway keys on deploy; deletes every key of the stack with it',
      servesApi: false,
      // Deleting up to 10,000 keys at 5 a second takes a while; the rest is reported.
      timeout: Duration.minutes(15),
      logRemovalPolicy: props.logRemovalPolicy,
    }).bindTable({ table: props.accountsTable, accessMode: 'RW', envName: TABLE_ENVIRONMENT.accounts });
    this.function.addEnvironment(USAGE_PLAN_PREFIX_ENVIRONMENT, props.usagePlanNamePrefix);
    this.grantControlPlane();

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::GatewayKeys',
      // A change of tiers or shards is an Update: the missing pooled keys are made.
      properties: { Tiers: Object.keys(props.config.tiers).sort(), Shards: String(props.config.pooledGatewayKeyShards) },
    });
    for (const plan of props.usagePlans) this.resource.node.addDependency(plan);
  }

  private grantControlPlane(): void {
    const stack = Stack.of(this);
    const path = (resource: string): string => `arn:${stack.partition}:apigateway:${stack.region}::${resource}`;
    const grants: [string, string[]][] = [
      ['apigateway:GET', [path('/usageplans'), path('/usageplans/*/keys/*'), path('/apikeys')]],
      ['apigateway:POST', [path('/apikeys'), path('/usageplans/*/keys')]],
      ['apigateway:DELETE', [path('/apikeys/*')]],
      // Tagging a key as it is created is a PUT on its tags.
      ['apigateway:PUT', [path('/tags/*')]],
    ];
    for (const [action, resources] of grants) this.function.addToRolePolicy(new iam.PolicyStatement({ actions: [action], resources }));
    const reason =
      'API key ids are made at runtime and usage plan ids by this same stack, which the function cannot reference without a dependency cycle (plans need the deployment), so these control-plane paths need an id wildcard; each action is limited to the paths it needs.';
    for (const resource of ['/usageplans/*/keys/*', '/usageplans/*/keys', '/apikeys/*', '/tags/*']) {
      Validations.of(this.function.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::${resource}]`,
        reason,
      });
    }
  }
}
