import { CustomResource, Duration, Stack, Validations, type CfnElement, type RemovalPolicy } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';
import { TABLE_ENVIRONMENT, USAGE_PLAN_PREFIX_ENVIRONMENT } from '../lambda/shared/environment-names';
import { STACK_TAG, type GatewayKeysCheck } from '../lambda/shared/tiers';
import { ApiFunction } from './api-function';

/** Lambda's longest timeout. */
const GATEWAY_KEYS_TIMEOUT = Duration.minutes(15);

export interface StackGatewayKeysProps {
  readonly config: AppConfig;
  /** Where the pooled keys and the dedicated key slots are recorded. */
  readonly accountsTable: dynamodb.ITable;
  /** The API keys carry their tenant's gateway key: moving a tenant to another key moves them too. */
  readonly apiKeysTable: dynamodb.ITable;
  /** Prefix of the usage plan names; the stack's keys are tagged with it. */
  readonly usagePlanNamePrefix: string;
  /** The plans the pooled keys go into: they must exist first (and are deleted after the keys). */
  readonly usagePlans: readonly apigateway.UsagePlan[];
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The stack's API Gateway keys over its lifetime, as a custom resource: on deploy, every tier's
 * pooled keys exist in their usage plans (so sign-up never calls the control plane); when the
 * stack is deleted, every key tagged with it is deleted too, dedicated keys included. Every hour it
 * sends the account's API key count (metric AccountGatewayKeys) and repairs the pooled keys.
 */
export class StackGatewayKeys extends Construct {
  public readonly function: ApiFunction;
  public readonly resource: CustomResource;
  public readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: StackGatewayKeysProps) {
    super(scope, id);
    this.function = new ApiFunction(this, 'Function', {
      entry: 'lambda/functions/gateway-keys.ts',
      config: props.config,
      description: 'Creates the pooled API Gateway keys on deploy; deletes every key of the stack with it',
      servesApi: false,
      // Deleting up to 10,000 keys at 5 a second takes a while; the rest is reported.
      timeout: GATEWAY_KEYS_TIMEOUT,
      logRemovalPolicy: props.logRemovalPolicy,
      reservedConcurrency: props.config.concurrency.reserved.gatewayKeys,
    })
      // Scan, GetItem, UpdateItem and the API keys: when keys went missing, tenants whose key is gone move to a pooled one.
      .bindTable({
        table: props.accountsTable,
        actions: ['Query', 'Scan', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
        envName: TABLE_ENVIRONMENT.accounts,
      })
      .bindTable({ table: props.apiKeysTable, actions: ['BatchGetItem', 'UpdateItem'], envName: TABLE_ENVIRONMENT.apiKeys });
    this.function.addEnvironment(USAGE_PLAN_PREFIX_ENVIRONMENT, props.usagePlanNamePrefix);
    const policy = this.grantControlPlane(props.usagePlanNamePrefix, props.usagePlans);

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::GatewayKeys',
      // A change of tiers or shards is an Update: the missing pooled keys are made.
      properties: { Tiers: Object.keys(props.config.tiers).sort(), Shards: String(props.config.pooledGatewayKeyShards) },
      // An answer lost (the function stopped before it could send one) fails the deploy after this long, not after an hour.
      serviceTimeout: GATEWAY_KEYS_TIMEOUT.plus(Duration.minutes(1)),
    });
    for (const plan of props.usagePlans) this.resource.node.addDependency(plan);
    this.resource.node.addDependency(policy);

    // Hourly: the account's API key count for the quota alarm, and the pooled keys the tiers' tenants now need (one per N, some ahead) made.
    const check: GatewayKeysCheck = { check: 'gateway-keys' };
    this.schedule = new events.Rule(this, 'HourlyCheck', {
      description: 'Counts the account’s API Gateway keys and repairs the stack’s pooled keys',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(this.function, { event: events.RuleTargetInput.fromObject(check), retryAttempts: 2 })],
    });
  }

  /**
   * The control plane as far as the stack's own keys go: list plans and keys, create keys only
   * with this stack's tag, put keys only into this stack's plans (by id: this function serves no
   * route, so naming the plans closes no cycle), and delete only keys carrying the tag. The
   * statements live in a policy of their own, which the custom resource waits for.
   */
  private grantControlPlane(stackName: string, plans: readonly apigateway.UsagePlan[]): iam.Policy {
    const stack = Stack.of(this);
    const path = (resource: string): string => `arn:${stack.partition}:apigateway:${stack.region}::${resource}`;
    const ownTag = { [`aws:RequestTag/${STACK_TAG}`]: stackName };
    const onlyOwnTag = { StringEquals: ownTag, 'ForAllValues:StringEquals': { 'aws:TagKeys': [STACK_TAG] } };
    const planIds = plans.map((plan) => plan.usagePlanId);
    const policy = new iam.Policy(this, 'ControlPlanePolicy', {
      roles: [this.function.executionRole],
      statements: [
        new iam.PolicyStatement({ actions: ['apigateway:GET'], resources: [path('/usageplans'), path('/apikeys')] }),
        new iam.PolicyStatement({ actions: ['apigateway:GET'], resources: planIds.map((id) => path(`/usageplans/${id}/keys/*`)) }),
        // CreateApiKey is authorized as POST on /apikeys, and its tags as PUT on /tags (Service Authorization Reference).
        new iam.PolicyStatement({ actions: ['apigateway:POST'], resources: [path('/apikeys')], conditions: onlyOwnTag }),
        new iam.PolicyStatement({ actions: ['apigateway:PUT'], resources: [path('/tags/*')], conditions: onlyOwnTag }),
        new iam.PolicyStatement({ actions: ['apigateway:POST'], resources: planIds.map((id) => path(`/usageplans/${id}/keys`)) }),
        // A Delete deletes the keys only when the stack itself is going (its status tells).
        new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: [stack.stackId] }),
        new iam.PolicyStatement({
          actions: ['apigateway:DELETE'],
          resources: [path('/apikeys/*')],
          conditions: { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: stackName } },
        }),
      ],
    });
    const reasons: Record<string, string> = {
      '/apikeys/*':
        'API key ids are made at runtime; the statement allows only DELETE, and only of keys tagged with this stack (aws:ResourceTag).',
      '/tags/*': 'The tags of an API key being created; the conditions allow only this stack’s tag key and value.',
    };
    for (const [resource, reason] of Object.entries(reasons)) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::${resource}]`,
        reason,
      });
    }
    for (const plan of plans) {
      const planId = stack.getLogicalId(plan.node.defaultChild as CfnElement);
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/usageplans/<${planId}>/keys/*]`,
        reason:
          'Reading whether a key sits in this stack’s plan (GetUsagePlanKey): the plan is named by id, the key ids are made at runtime.',
      });
    }
    return policy;
  }
}
