import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from '@jest/globals';
import { parseAppConfig } from '../../lambda/shared/config';
import { ROUTES, type HandlerName } from '../../lambda/shared/routes';
import { ApiFunction } from '../../lib/api-function';
import { DataTables } from '../../lib/data-tables';
import { MemoryRestApi, type MemoryRestApiProps } from '../../lib/memory-rest-api';
import { testApp } from '../helpers/cdk-app';

const config = parseAppConfig({}, 'test');

function restApiProps(stack: Stack, overrides: Partial<MemoryRestApiProps> = {}): MemoryRestApiProps {
  const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'fn');
  const handlers = { health: fn, docs: fn, auth: fn, apiKeys: fn, memories: fn, usage: fn, audit: fn, mcp: fn } satisfies Record<
    HandlerName,
    lambda.IFunction
  >;
  const authorizer = new apigateway.RequestAuthorizer(stack, 'Authorizer', {
    handler: fn,
    identitySources: [],
    resultsCacheTtl: Duration.seconds(0),
  });
  return { config, handlers, authorizer, usagePlanNamePrefix: 'Test', ...overrides };
}

describe('construct props validation', () => {
  it.each(['../elsewhere/handler.ts', 'lambda/handlers/health.ts', 'lambda/functions/../handlers/health.ts'])(
    'refuses a function entry outside lambda/functions/ (%s)',
    (entry) => {
      // Prepare
      const stack = new Stack(testApp(), 'Test');

      // Act
      const create = (): ApiFunction => new ApiFunction(stack, 'Fn', { entry, config });

      // Assess
      expect(create).toThrow(/entry must be a \.ts file in lambda\/functions\//);
    },
  );

  it('refuses a function timeout beyond the API Gateway integration limit', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Test');

    // Act
    const create = (): ApiFunction =>
      new ApiFunction(stack, 'Fn', { entry: 'lambda/functions/health.ts', config, timeout: Duration.seconds(30) });

    // Assess
    expect(create).toThrow(/timeout must be at most 29 seconds/);
  });

  it('refuses an environment name that is not UPPER_SNAKE_CASE', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Test');
    const fn = new ApiFunction(stack, 'Fn', { entry: 'lambda/functions/health.ts', config });
    const tables = new DataTables(stack, 'Tables', { stage: 'dev' });

    // Act
    const bind = (): ApiFunction => fn.bindTable({ table: tables.usage, actions: ['GetItem'], envName: 'usageTable' });

    // Assess
    expect(bind).toThrow(/UPPER_SNAKE_CASE/);
  });

  it('refuses a route table that defines a route twice', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Test');
    const [first] = ROUTES;

    // Act
    const create = (): MemoryRestApi =>
      new MemoryRestApi(stack, 'Api', restApiProps(stack, { routes: [...ROUTES, first as (typeof ROUTES)[number]] }));

    // Assess
    expect(create).toThrow(/route GET \/health is defined twice/);
  });

  it('refuses a usage plan prefix that is not a plain name', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Test');

    // Act
    const create = (): MemoryRestApi => new MemoryRestApi(stack, 'Api', restApiProps(stack, { usagePlanNamePrefix: 'my plans/' }));

    // Assess
    expect(create).toThrow(/usagePlanNamePrefix/);
  });
});
