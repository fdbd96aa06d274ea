import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';
import { ApiFunction } from './api-function';

/** Long enough for IAM to settle (the function retries for 3 minutes), short of Lambda's limit. */
const TIMEOUT = Duration.minutes(5);

export interface ApiGatewayAccountProps {
  readonly config: AppConfig;
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * API Gateway's account-level CloudWatch Logs role, which stage logging needs: without it the
 * first deploy in an account fails at the stage ("CloudWatch Logs role ARN must be set in account
 * settings"). A custom resource sets the stack's role only where the account and region have none,
 * and leaves an existing one and the setting alone on every change and on delete, since the
 * account's other APIs log through it. The role is kept when the stack is deleted for the same reason.
 */
export class ApiGatewayAccount extends Construct {
  public readonly role: iam.Role;
  public readonly function: ApiFunction;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'CloudWatchRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway writes access and execution logs to CloudWatch Logs with it (account setting)',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
    });
    this.role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'API Gateway’s account-level CloudWatch Logs role takes AWS’s managed policy for it, the documented setup.',
    });

    const fn = (this.function = new ApiFunction(this, 'Function', {
      entry: 'lambda/functions/api-gateway-account.ts',
      config: props.config,
      description: 'Sets API Gateway’s account CloudWatch Logs role where none is set',
      servesApi: false,
      timeout: TIMEOUT,
      logRemovalPolicy: props.logRemovalPolicy,
    }));
    const stack = Stack.of(this);
    const account = `arn:${stack.partition}:apigateway:${stack.region}::/account`;
    // In a policy of its own, which the custom resource waits for.
    const policy = new iam.Policy(this, 'Policy', {
      roles: [fn.executionRole],
      statements: [
        new iam.PolicyStatement({ actions: ['apigateway:GET', 'apigateway:PATCH'], resources: [account] }),
        new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.role.roleArn] }),
      ],
    });

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::ApiGatewayAccount',
      properties: { RoleArn: this.role.roleArn },
      // An answer lost (the function stopped before it could send one) fails the deploy after this long, not after an hour.
      serviceTimeout: TIMEOUT.plus(Duration.minutes(1)),
    });
    this.resource.node.addDependency(policy);
  }
}
