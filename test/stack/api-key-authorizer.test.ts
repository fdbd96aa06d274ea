import { Fn, Stack, type CfnElement } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from '@jest/globals';
import { parseAppConfig } from '../../lambda/shared/config';
import { usagePlanDefinitions } from '../../lambda/shared/usage-plans';
import { ApiKeyAuthorizer } from '../../lib/api-key-authorizer';
import { testApp } from '../helpers/cdk-app';
import { validationFindings } from '../helpers/nag';
import {
  actionsOf,
  authorizerFunctionId,
  environmentOf,
  methodsByRoute,
  props,
  referencedId,
  resourceListOf,
  resourcesOfType,
  statementsOfFunction,
} from '../helpers/template-queries';

const PRODUCER = 'MemoryApi-dev';

/**
 * Another team's stack, as the recipe in docs/deploying.md builds it: its own RestApi, guarded by our
 * authorizer over the exported table names and secret ARNs, its stage added to our tier usage plans.
 */
function consumerStack(app = testApp()): { stack: Stack; api: apigateway.RestApi; reuse: ApiKeyAuthorizer } {
  const stack = new Stack(app, 'Consumer');
  const imported = (name: string): string => Fn.importValue(`${PRODUCER}-${name}`);
  const reuse = new ApiKeyAuthorizer(stack, 'ApiKeyAuthorizer', {
    apiKeysTable: dynamodb.Table.fromTableName(stack, 'ApiKeys', imported('ApiKeysTableName')),
    accountsTable: dynamodb.Table.fromTableName(stack, 'Accounts', imported('AccountsTableName')),
    pepperSecret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Pepper', imported('PepperSecretArn')),
    jwtSecret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Jwt', imported('JwtSecretArn')),
    config: parseAppConfig({}, 'test'),
  });
  const api = new apigateway.RestApi(stack, 'ReportsApi', { apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER });
  api.root.addResource('reports').addMethod('GET', new apigateway.MockIntegration(), {
    authorizer: reuse.authorizer,
    apiKeyRequired: true,
  });
  reuse.addStageToUsagePlans(api.deploymentStage, imported('UsagePlanPrefix'));
  return { stack, api, reuse };
}

describe('ApiKeyAuthorizer reuse', () => {
  it('guards a method of another stack’s RestApi', () => {
    // Prepare
    const { stack } = consumerStack();

    // Act
    const template = Template.fromStack(stack);

    // Assess
    const [[authorizerId, authorizer]] = resourcesOfType(template, 'AWS::ApiGateway::Authorizer') as [[string, never]];
    const [[restApiId]] = resourcesOfType(template, 'AWS::ApiGateway::RestApi') as [[string, never]];
    expect(referencedId(props(authorizer).RestApiId)).toBe(restApiId);
    const method = methodsByRoute(template).get('GET /reports');
    expect(method).toMatchObject({ AuthorizationType: 'CUSTOM', ApiKeyRequired: true });
    expect(referencedId(method?.AuthorizerId)).toBe(authorizerId);
  });

  it('reads the producer’s tables and secrets through the imported names, read-only', () => {
    // Prepare
    const { stack } = consumerStack();

    // Act
    const template = Template.fromStack(stack);
    const functionId = authorizerFunctionId(template);
    const statements = statementsOfFunction(template, functionId);

    // Assess
    expect(environmentOf(template, functionId)).toMatchObject({
      API_KEYS_TABLE: { 'Fn::ImportValue': `${PRODUCER}-ApiKeysTableName` },
      ACCOUNTS_TABLE: { 'Fn::ImportValue': `${PRODUCER}-AccountsTableName` },
      PEPPER_SECRET_ARN: { 'Fn::ImportValue': `${PRODUCER}-PepperSecretArn` },
      // By the ARN the producer exports: the secret's name is generated, so a name would point at nothing.
      JWT_SECRET_ARN: { 'Fn::ImportValue': `${PRODUCER}-JwtSecretArn` },
    });
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(2);
    for (const statement of dynamo) expect(actionsOf(statement).join(' ')).not.toMatch(/Put|Update|Delete|Write/);
    const grantedTables = JSON.stringify(dynamo.flatMap(resourceListOf));
    expect(grantedTables).toContain(`${PRODUCER}-ApiKeysTableName`);
    expect(grantedTables).toContain(`${PRODUCER}-AccountsTableName`);
  });

  it('puts the consumer’s stage in every tier usage plan of the producer, so its apiKeyRequired methods accept the gateway keys', () => {
    // Prepare
    const { stack, api } = consumerStack();
    const planNames = usagePlanDefinitions('PREFIX', parseAppConfig({}, 'test')).map((plan) => plan.name);

    // Act
    const template = Template.fromStack(stack);
    const [[, attachment]] = resourcesOfType(template, 'Custom::UsagePlanStages') as [[string, never]];

    // Assess
    const properties = props(attachment);
    const prefix = { 'Fn::ImportValue': `${PRODUCER}-UsagePlanPrefix` };
    expect(properties.UsagePlanNames).toEqual(planNames.map((name) => ({ 'Fn::Join': ['', [prefix, name.slice('PREFIX'.length)]] })));
    expect(referencedId(properties.RestApiId)).toBe(stack.getLogicalId(api.node.defaultChild as CfnElement));
    expect(referencedId(properties.StageName)).toBe(stack.getLogicalId(api.deploymentStage.node.defaultChild as CfnElement));
    const stagesWithKeys = [...methodsByRoute(template).values()].filter((method) => method.ApiKeyRequired === true);
    expect(stagesWithKeys).toHaveLength(1);
  });

  it('lets the stage attachment read usage plans and patch them, nothing else', () => {
    // Prepare
    const { stack, reuse } = consumerStack();

    // Act
    const template = Template.fromStack(stack);
    const stageFunctionId = resourcesOfType(template, 'AWS::Lambda::Function')
      .map(([id]) => id)
      .find((id) => id !== authorizerFunctionId(template));
    const statements = statementsOfFunction(template, stageFunctionId ?? '').filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('apigateway:')),
    );

    // Assess
    expect(reuse.function.functionName).toBeDefined();
    expect(
      statements.map(
        (statement) => `${actionsOf(statement).join(',')} ${JSON.stringify(resourceListOf(statement)).replace(/^.*::(\/[^"]*)".*$/, '$1')}`,
      ),
    ).toEqual(['apigateway:GET /usageplans', 'apigateway:PATCH /usageplans/*']);
  });

  it('adds nothing cdk-nag finds fault with to the consumer’s stack', () => {
    // Prepare
    const app = testApp();
    consumerStack(app);

    // Act: the consumer's own RestApi is the consumer's business.
    const findings = validationFindings(app).filter((finding) => finding.path.startsWith('Consumer/ApiKeyAuthorizer/'));

    // Assess
    expect(findings).toEqual([]);
  });

  it('binds to one RestApi only, so each RestApi needs its own instance', () => {
    // Prepare
    const { stack, reuse } = consumerStack();
    const secondApi = new apigateway.RestApi(stack, 'SecondApi');

    // Act
    const attachToSecondApi = (): void => {
      secondApi.root.addMethod('GET', new apigateway.MockIntegration(), { authorizer: reuse.authorizer });
    };

    // Assess
    expect(attachToSecondApi).toThrow(/two different rest APIs/);
  });

  it('refuses the same table for keys and accounts', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Consumer');
    const table = dynamodb.Table.fromTableName(stack, 'Shared', 'shared');
    const secret = (id: string): secretsmanager.ISecret => secretsmanager.Secret.fromSecretNameV2(stack, id, id);

    // Act
    const create = (): ApiKeyAuthorizer =>
      new ApiKeyAuthorizer(stack, 'Authorizer', {
        apiKeysTable: table,
        accountsTable: table,
        pepperSecret: secret('pepper'),
        jwtSecret: secret('jwt'),
        config: parseAppConfig({}, 'test'),
      });

    // Assess
    expect(create).toThrow(/apiKeysTable and accountsTable must be different/);
  });
});
