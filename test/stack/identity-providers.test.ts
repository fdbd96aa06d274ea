import type { CfnElement } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from '@jest/globals';
import { parseAppConfig } from '../../lambda/shared/config';
import { TENANT_PROVISIONER_ENVIRONMENT } from '../../lambda/shared/environment-names';
import { ApiKeyAuthorizer } from '../../lib/api-key-authorizer';
import { defaultTemplate, memoryApiStack, testApp } from '../helpers/cdk-app';
import { validationFindings } from '../helpers/nag';
import {
  actionsOf,
  authorizerFunctionId,
  environmentOf,
  referencedId,
  resourceListOf,
  statementsOfFunction,
} from '../helpers/template-queries';

const PROVIDERS = [
  {
    issuer: 'https://example.clerk.accounts.dev',
    jwksUri: 'https://example.clerk.accounts.dev/.well-known/jwks.json',
    audience: 'memory-api',
  },
];

function stackWithProviders() {
  const { app, stack } = memoryApiStack({ memoryApi: { identityProviders: PROVIDERS } });
  return { app, stack, template: Template.fromStack(stack) };
}

const logicalId = (stack: Stack, element: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(element.node.defaultChild as CfnElement);

describe('identity providers in the stack', () => {
  it('adds no tenant provisioner and no invoke right when no provider is configured', () => {
    // Prepare
    const { stack, template } = defaultTemplate();

    // Act
    const authorizerActions = statementsOfFunction(template, authorizerFunctionId(template)).flatMap(actionsOf);

    // Assess
    expect(stack.tenantProvisioner).toBeUndefined();
    expect(authorizerActions).not.toContain('lambda:InvokeFunction');
  });

  it('lets the authorizer only invoke the tenant provisioner: it changes no table item (only adds audit events) and gets no API Gateway right', () => {
    // Prepare
    const { stack, template } = stackWithProviders();
    const authorizerId = authorizerFunctionId(template);
    const provisionerId = logicalId(stack, stack.tenantProvisioner as NonNullable<typeof stack.tenantProvisioner>);

    // Act
    const statements = statementsOfFunction(template, authorizerId);
    const invoke = statements.filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'));

    // Assess
    expect(invoke.flatMap(resourceListOf).map(referencedId)).toEqual([provisionerId]);
    expect(statements.flatMap(actionsOf).filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action))).toEqual([
      'dynamodb:PutItem',
    ]);
    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('apigateway:'))).toEqual([]);
    expect(referencedId(environmentOf(template, authorizerId)[TENANT_PROVISIONER_ENVIRONMENT])).toBe(provisionerId);
  });

  it('gives the tenant provisioner the accounts table and, like sign-up, no API Gateway right (a new tenant takes its tier’s pooled key)', () => {
    // Prepare
    const { stack, template } = stackWithProviders();
    const provisionerId = logicalId(stack, stack.tenantProvisioner as NonNullable<typeof stack.tenantProvisioner>);

    // Act
    const statements = statementsOfFunction(template, provisionerId);
    const tables = statements
      .filter((statement) => actionsOf(statement).includes('dynamodb:PutItem'))
      .flatMap(resourceListOf)
      .map(referencedId)
      .filter((id): id is string => id !== undefined);

    // Assess
    expect([...new Set(tables)]).toEqual([logicalId(stack, stack.tables.accounts)]);
    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('apigateway:'))).toEqual([]);
  });

  it('passes cdk-nag with providers configured', () => {
    // Prepare
    const { app } = memoryApiStack({ memoryApi: { identityProviders: PROVIDERS } });

    // Act & Assess
    expect(validationFindings(app)).toEqual([]);
  });

  it('refuses an authorizer for configured providers without a tenant provisioner', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Other');
    const table = (id: string) => new dynamodb.Table(stack, id, { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });

    // Act
    const create = () =>
      new ApiKeyAuthorizer(stack, 'Authorizer', {
        apiKeysTable: table('Keys'),
        accountsTable: table('Accounts'),
        pepperSecret: new secretsmanager.Secret(stack, 'Pepper'),
        jwtSecret: new secretsmanager.Secret(stack, 'Jwt'),
        config: parseAppConfig({ identityProviders: PROVIDERS }, 'test'),
      });

    // Assess
    expect(create).toThrow('identityProviders are configured, so a tenantProvisioner function is needed');
  });
});
