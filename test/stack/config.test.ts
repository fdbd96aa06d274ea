import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TIERS } from '../../lambda/shared/tiers';
import { memoryApiStack, testApp } from '../helpers/cdk-app';
import { props, referencedId, resourcesOfType, type CfnResource } from '../helpers/template-queries';
import { readAppConfig } from '../../lib/config';

const base = { stage: 'dev', keyPrefix: 'mem', authorizerCacheTtlSeconds: 10 };

describe('deployment configuration from CDK context', () => {
  it('rejects a negative request rate and names the field', () => {
    // Prepare
    const memoryApi = { ...base, tiers: { free: { requestsPerMinute: -5 } } };

    // Act & Assess
    expect(() => memoryApiStack({ memoryApi })).toThrow(/CDK context "memoryApi".*tiers\.free\.requestsPerMinute/);
  });

  it('rejects a default tier that is not configured', () => {
    // Prepare
    const memoryApi = { ...base, defaultTier: 'gold' };

    // Act & Assess
    expect(() => memoryApiStack({ memoryApi })).toThrow(/defaultTier: unknown tier "gold"/);
  });

  it.each(['MEM', 'x', 'toolongprefix', 'me_m'])('rejects the key prefix %j', (keyPrefix) => {
    // Prepare
    const memoryApi = { ...base, keyPrefix };

    // Act & Assess
    expect(() => memoryApiStack({ memoryApi })).toThrow(/keyPrefix/);
  });

  it('rejects context that is not a JSON object', () => {
    // Prepare
    const app = testApp({ memoryApi: '{stage: dev' });

    // Act & Assess
    expect(() => readAppConfig(app)).toThrow(/CDK context "memoryApi".*not valid JSON/);
  });

  it('reads context given as a JSON string, as `-c memoryApi=...` passes it', () => {
    // Prepare
    const app = testApp({ memoryApi: JSON.stringify({ stage: 'qa', keyPrefix: 'acme' }) });

    // Act
    const config = readAppConfig(app);

    // Assess
    expect(config).toMatchObject({ stage: 'qa', keyPrefix: 'acme', tiers: DEFAULT_TIERS });
  });

  it('merges a partial tier override over the defaults and applies it to the usage plan', () => {
    // Prepare
    const memoryApi = JSON.stringify({ ...base, tiers: { free: { requestsPerMinute: 100 } } });

    // Act
    const { stack } = memoryApiStack({ memoryApi });
    const template = Template.fromStack(stack);

    // Assess
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'MemoryApi-test-free',
      Throttle: { RateLimit: 100 / 60, BurstLimit: DEFAULT_TIERS.free?.burst },
      // No edge quota: API Gateway would count requests our counters refuse (docs/edge-capacity.md).
      Quota: Match.absent(),
    });
    expect(stack.config.tiers.free).toEqual({ ...DEFAULT_TIERS.free, requestsPerMinute: 100 });
    expect(stack.config.tiers.pro).toEqual(DEFAULT_TIERS.pro);
  });

  it('adds a usage plan for a tier that only the context defines', () => {
    // Prepare
    const memoryApi = { ...base, tiers: { team: { requestsPerMinute: 600, burst: 150, creditsPerMonth: 50_000, activeKeys: 10 } } };

    // Act
    const template = Template.fromStack(memoryApiStack({ memoryApi }).stack);

    // Assess
    // A dedicated and a pooled plan per tier, and the one over-limit plan.
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', 2 * (Object.keys(DEFAULT_TIERS).length + 1) + 1);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'MemoryApi-test-team',
      Throttle: { RateLimit: 10, BurstLimit: 150 },
      Quota: Match.absent(),
    });
  });

  it('by default makes sure the account has API Gateway’s CloudWatch Logs role before the stage, and never owns the setting', () => {
    // Act
    const template = Template.fromStack(memoryApiStack({ memoryApi: base }).stack);

    // Assess
    // CDK's AWS::ApiGateway::Account would overwrite an account's existing role and fight other stacks over it.
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    const [[resourceId, resource]] = resourcesOfType(template, 'Custom::ApiGatewayAccount') as [[string, CfnResource]];
    const roleId = referencedId(props(resource).RoleArn);
    const [[, role]] = resourcesOfType(template, 'AWS::IAM::Role').filter(([id]) => id === roleId) as [[string, CfnResource]];
    expect(JSON.stringify(props(role).AssumeRolePolicyDocument)).toContain('apigateway.amazonaws.com');
    expect(JSON.stringify(props(role).ManagedPolicyArns)).toContain('AmazonAPIGatewayPushToCloudWatchLogs');
    // Other APIs of the account may log through it once it is set: deleting the stack keeps it.
    expect(role.DeletionPolicy).toBe('Retain');
    // Access logging fails at the stage without the role: the stage waits for the resource.
    const [[, stage]] = resourcesOfType(template, 'AWS::ApiGateway::Stage') as [[string, CfnResource]];
    expect(stage.DependsOn).toContain(resourceId);
    // A lost answer fails the deploy in minutes, not after CloudFormation's hour.
    expect(Number(props(resource).ServiceTimeout)).toBeLessThanOrEqual(600);
  });

  it('leaves the account setting alone when apiGatewayCloudWatchRole is off', () => {
    // Act
    const template = Template.fromStack(memoryApiStack({ memoryApi: { ...base, apiGatewayCloudWatchRole: false } }).stack);

    // Assess
    template.resourceCountIs('Custom::ApiGatewayAccount', 0);
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('leaves API Gateway’s account settings alone by default', () => {
    // Act
    const template = Template.fromStack(memoryApiStack({ memoryApi: base }).stack);

    // Assess
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('retains tables, secrets and logs when the stage is prod', () => {
    // Prepare
    const memoryApi = { ...base, stage: 'prod' };

    // Act
    const template = Template.fromStack(memoryApiStack({ memoryApi }).stack);

    // Assess
    for (const type of ['AWS::DynamoDB::Table', 'AWS::Logs::LogGroup']) {
      template.allResources(type, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    // Every secret that protects data (the key-hash pepper, the JWT signing key) outlives the stack;
    // the CloudFront origin marker only tells the web ACL where a request came from, and a new stack makes a new one.
    const secrets = resourcesOfType(template, 'AWS::SecretsManager::Secret').filter(([id]) => !id.startsWith('OriginVerify'));
    expect(secrets).toHaveLength(2);
    for (const [, secret] of secrets) expect([secret.DeletionPolicy, secret.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
  });
});
