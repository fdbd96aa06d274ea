import { Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from '@jest/globals';
import { parseAppConfig } from '../../lambda/shared/config';
import { ApiKeyAuthorizer } from '../../lib/api-key-authorizer';
import { testApp } from '../helpers/cdk-app';
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

/** Another team's stack: its own RestApi, guarded by our authorizer over the exported table names and secrets. */
function consumerStack(): { stack: Stack; api: apigateway.RestApi; reuse: ApiKeyAuthorizer } {
  const stack = new Stack(testApp(), 'Consumer');
  const imported = (name: string): string => Fn.importValue(`${PRODUCER}-${name}`);
  const reuse = new ApiKeyAuthorizer(stack, 'ApiKeyAuthorizer', {
    apiKeysTable: dynamodb.Table.fromTableName(stack, 'ApiKeys', imported('ApiKeysTableName')),
    accountsTable: dynamodb.Table.fromTableName(stack, 'Accounts', imported('AccountsTableName')),
    pepperSecret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Pepper', imported('PepperSecretArn')),
    jwtSecret: secretsmanager.Secret.fromSecretNameV2(stack, 'Jwt', 'memory-api/jwt-signing-key'),
    config: parseAppConfig({}, 'test'),
  });
  const api = new apigateway.RestApi(stack, 'ReportsApi', { apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER });
  api.root.addResource('reports').addMethod('GET', new apigateway.MockIntegration(), {
    authorizer: reuse.authorizer,
    apiKeyRequired: true,
  });
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
    });
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(2);
    for (const statement of dynamo) expect(actionsOf(statement).join(' ')).not.toMatch(/Put|Update|Delete|Write/);
    const grantedTables = JSON.stringify(dynamo.flatMap(resourceListOf));
    expect(grantedTables).toContain(`${PRODUCER}-ApiKeysTableName`);
    expect(grantedTables).toContain(`${PRODUCER}-AccountsTableName`);
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
