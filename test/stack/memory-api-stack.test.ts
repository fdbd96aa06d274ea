import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from '@jest/globals';
import { TABLE_SCHEMAS } from '../../lambda/shared/table-schemas';
import { AppConfigSchema } from '../../lambda/shared/config';
import { GATEWAY_RESPONSES, gatewayResponseTemplate } from '../../lambda/shared/gateway-responses';
import { renderTemplate } from '../../local/gateway-response-renderer';
import { ROUTES } from '../../lambda/shared/routes';
import { DEFAULT_TIERS, tenantsPerPooledKey } from '../../lambda/shared/tiers';
import { defaultTemplate } from '../helpers/cdk-app';
import {
  actionsOf,
  authorizerFunctionId,
  environmentOf,
  grantedResourceId,
  methodsByRoute,
  props,
  referencedId,
  resourceListOf,
  resourcesOfType,
  statementsOfFunction,
  apiFunctionsOf,
  type CfnResource,
  type PolicyStatement,
} from '../helpers/template-queries';

const STACK_NAME = 'MemoryApi-test';
const routeKey = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;

function logicalId(element: { node: { defaultChild?: unknown } }): string {
  const { stack } = defaultTemplate();
  return stack.getLogicalId(element.node.defaultChild as CfnElement);
}

/** What reading a DynamoDB stream takes (the search indexer's event source); not an item action on the table. */
const STREAM_ACTIONS = new Set(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);

describe('MemoryApiStack API surface', () => {
  it('creates exactly one method per route in the route table', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const methods = methodsByRoute(template);

    // Assess
    expect([...methods.keys()].sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('puts the custom authorizer on every non-public route, and apiKeyRequired on those that spend credits', () => {
    // Prepare
    const { template } = defaultTemplate();
    const [[authorizerId]] = resourcesOfType(template, 'AWS::ApiGateway::Authorizer') as [[string, unknown]];
    const protectedRoutes = ROUTES.filter((route) => route.access !== 'public');

    // Act
    const methods = methodsByRoute(template);

    // Assess
    expect(protectedRoutes.length).toBeGreaterThan(0);
    for (const route of protectedRoutes) {
      const method = methods.get(routeKey(route));
      expect(method).toMatchObject({ AuthorizationType: 'CUSTOM', ApiKeyRequired: !('management' in route) });
      expect(referencedId(method?.AuthorizerId)).toBe(authorizerId);
    }
  });

  it('leaves key management and usage out of every usage plan, so a used-up quota never keeps the owner from revoking a key', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const methods = methodsByRoute(template);

    // Assess
    for (const route of [
      'POST /v1/api-keys',
      'GET /v1/api-keys',
      'DELETE /v1/api-keys/{id}',
      'POST /v1/api-keys/{id}/rotate',
      'GET /v1/usage',
    ]) {
      expect(methods.get(route)).toMatchObject({ AuthorizationType: 'CUSTOM', ApiKeyRequired: false });
    }
    expect(methods.get('GET /v1/memories')).toMatchObject({ ApiKeyRequired: true });
  });

  it('leaves the public routes without authorizer or API key', () => {
    // Prepare
    const { template } = defaultTemplate();
    const publicRoutes = ROUTES.filter((route) => route.access === 'public');

    // Act
    const methods = methodsByRoute(template);

    // Assess
    expect(publicRoutes.map(routeKey)).toEqual([
      'GET /health',
      'GET /v1/openapi.json',
      'POST /v1/auth/register',
      'POST /v1/auth/login',
      'GET /v1/mcp',
    ]);
    for (const route of publicRoutes) {
      const method = methods.get(routeKey(route));
      expect(method?.AuthorizationType).toBe('NONE');
      expect(method?.AuthorizerId).toBeUndefined();
      expect(method?.ApiKeyRequired).not.toBe(true);
    }
  });

  it('routes each method to the Lambda function of its handler through a proxy integration', () => {
    // Prepare
    const { template, stack } = defaultTemplate();

    // Act
    const methods = methodsByRoute(template);

    // Assess
    for (const route of ROUTES) {
      const integration = methods.get(routeKey(route))?.Integration as { Type: string; Uri: unknown };
      expect(integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(integration.Uri)).toContain(`"${logicalId(stack.functions[route.handler])}","Arn"`);
    }
  });

  it('takes the usage identifier key from the authorizer', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
  });

  it('uses a REQUEST authorizer with the gateway cache off and no identity sources', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const authorizers = resourcesOfType(template, 'AWS::ApiGateway::Authorizer');

    // Assess
    expect(authorizers).toHaveLength(1);
    expect(props(authorizers[0]?.[1])).toMatchObject({ Type: 'REQUEST', AuthorizerResultTtlInSeconds: 0 });
    expect(props(authorizers[0]?.[1]).IdentitySource).toBeUndefined();
  });

  it('deploys every gateway response from the template the local gateway renders, with a status only where ours differs', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    for (const response of GATEWAY_RESPONSES) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: response.type,
        StatusCode: response.status === undefined ? Match.absent() : String(response.status),
        ResponseTemplates: { 'application/json': gatewayResponseTemplate(response) },
      });
    }
    expect(resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse')).toHaveLength(GATEWAY_RESPONSES.length);
  });

  it('forces no status on DEFAULT_4XX or DEFAULT_5XX, so a 504 stays a 504 and a WAF block a 403', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const responses = new Map(
      resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, resource]) => [props(resource).ResponseType, props(resource)]),
    );

    // Assess
    expect(responses.get('DEFAULT_4XX')?.StatusCode).toBeUndefined();
    expect(responses.get('DEFAULT_5XX')?.StatusCode).toBeUndefined();
    for (const type of ['INTEGRATION_TIMEOUT', 'WAF_FILTERED']) {
      expect(responses.get(type)).toBeDefined();
      expect(responses.get(type)?.StatusCode).toBeUndefined();
    }
  });

  it('renders every deployed gateway response template as valid JSON, whatever the authorizer context holds', () => {
    // Prepare
    const { template } = defaultTemplate();
    const hostile = [`it's "quoted"`, 'back\\slash \\" end', 'line\nbreak\r\ttab', '</script> & $dollar #hash', '\u0000 \u2028 é 😀', ''];
    const templates = resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, resource]) => ({
      type: String(props(resource).ResponseType),
      body: (props(resource).ResponseTemplates as Record<string, string>)['application/json'] ?? '',
    }));

    // Act
    const rendered = templates.flatMap(({ type, body }) =>
      hostile.map((text) => ({
        type,
        text,
        output: renderTemplate(body, {
          requestId: 'c0ffee00-0000-4000-8000-000000000000',
          accountId: '123456789012',
          apiId: 'abc123',
          stage: 'test',
          httpMethod: 'GET',
          path: '/test/v1/memories',
          sourceIp: '203.0.113.9',
          authorizer: { errorCode: text, errorMessage: text },
          errorMessage: text,
          responseType: type,
        }),
      })),
    );

    // Assess
    for (const { type, text, output } of rendered) {
      const parsed = JSON.parse(output) as { error: { code: string; message: string; request_id: string } };
      expect(output.endsWith('\n')).toBe(true);
      expect(parsed.error.request_id).toBe('c0ffee00-0000-4000-8000-000000000000');
      if (type === 'ACCESS_DENIED' && text !== '') expect([parsed.error.code, parsed.error.message]).toEqual([text, text]);
    }
  });

  it('sends Retry-After and X-RateLimit-Retry-After on throttling, quota and authorizer failure (503) responses', () => {
    // Prepare
    const { template } = defaultTemplate();
    const withRetry = GATEWAY_RESPONSES.filter((response) => response.retryAfterSeconds !== undefined);

    // Act & Assess
    expect(withRetry.map((response) => response.type)).toEqual(['THROTTLED', 'QUOTA_EXCEEDED', 'AUTHORIZER_FAILURE']);
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'AUTHORIZER_FAILURE', StatusCode: '503' });
    for (const response of withRetry) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: response.type,
        ResponseParameters: {
          'gatewayresponse.header.Retry-After': `'${response.retryAfterSeconds}'`,
          'gatewayresponse.header.X-RateLimit-Retry-After': `'${response.retryAfterSeconds}'`,
        },
      });
    }
  });

  it('logs access as JSON with request id, caller, route, status, tenant and latency, and traces the stage', () => {
    // Prepare
    const { template } = defaultTemplate();
    const stage = props(resourcesOfType(template, 'AWS::ApiGateway::Stage')[0]?.[1]);

    // Act
    const accessLog = stage.AccessLogSetting as { Format: string };
    const format = JSON.parse(accessLog.Format) as Record<string, string>;

    // Assess
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      method: '$context.httpMethod',
      path: '$context.path',
      status: '$context.status',
      principalId: '$context.authorizer.principalId',
      tenantId: '$context.authorizer.tenantId',
      latencyMs: '$context.responseLatency',
    });
    expect(stage).toMatchObject({ StageName: 'dev', TracingEnabled: true });
  });

  it('throttles the public credential routes at the stage, and never logs bodies', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false, MetricsEnabled: true }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1v1~1auth~1register', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1v1~1auth~1login', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }),
      ]),
    });
  });
});

describe('MemoryApiStack usage plans', () => {
  it('creates a plan for tenants’ own keys per configured tier with its throttle and burst, and no quota (credits are our counters’)', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    for (const [name, tier] of Object.entries(DEFAULT_TIERS)) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `${STACK_NAME}-${name}`,
        Throttle: { RateLimit: tier.requestsPerMinute / 60, BurstLimit: tier.burst },
        Quota: Match.absent(),
      });
    }
  });

  it('creates a quota-free plan per tier for the shared pooled key, sized for the tenants it holds, and the over-limit plan', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    expect(resourcesOfType(template, 'AWS::ApiGateway::UsagePlan')).toHaveLength(2 * Object.keys(DEFAULT_TIERS).length + 1);
    for (const [name, tier] of Object.entries(DEFAULT_TIERS)) {
      const tenants = tenantsPerPooledKey(tier, 100);
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `${STACK_NAME}-${name}-pooled`,
        Throttle: { RateLimit: (tier.requestsPerMinute / 60) * tenants, BurstLimit: tier.burst * tenants },
        Quota: Match.absent(),
      });
      expect(tier.burst * tenants).toBeLessThanOrEqual(5_000);
    }
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: `${STACK_NAME}-_over-limit-pooled`,
      Throttle: { RateLimit: 1, BurstLimit: 1 },
      Quota: Match.absent(),
    });
  });

  it('caps the search method at 30 per minute per dedicated key, and that times its tenants on a shared pooled key', () => {
    // Prepare
    const { template } = defaultTemplate();
    const search = ROUTES.find((route) => route.operation === 'searchMemories');

    // Act
    const plans = resourcesOfType(template, 'AWS::ApiGateway::UsagePlan');

    // Assess
    expect(search?.perMinuteCap).toBe(30);
    for (const [name, tier] of Object.entries(DEFAULT_TIERS)) {
      const tenants = tenantsPerPooledKey(tier, 100);
      for (const [suffix, perKey] of [
        ['', 1],
        ['-pooled', tenants],
      ] as const) {
        const [, plan] = plans.find(([, candidate]) => props(candidate).UsagePlanName === `${STACK_NAME}-${name}${suffix}`) ?? [];
        const [stage] = props(plan as never).ApiStages as { Throttle: Record<string, unknown>; Stage: unknown }[];
        expect(stage?.Throttle).toEqual({ '/v1/memories/search/POST': { RateLimit: 0.5 * perKey, BurstLimit: 30 * perKey } });
        expect(referencedId(stage?.Stage)).toBe(resourcesOfType(template, 'AWS::ApiGateway::Stage')[0]?.[0]);
      }
    }
  });

  it('creates no API keys (the runtime creates them per tenant)', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 0);
  });
});

describe('MemoryApiStack data and secrets', () => {
  it('creates the five tables with the runtime key schemas, on demand, with PITR and encryption', () => {
    // Prepare
    const { template, stack } = defaultTemplate();

    // Act & Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 5);
    for (const [name, schema] of Object.entries(TABLE_SCHEMAS)) {
      const table = stack.tables[name as keyof typeof TABLE_SCHEMAS];
      const properties = props(template.toJSON().Resources[logicalId(table)]);
      expect(properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
      const keySchema: { AttributeName: string; KeyType: string }[] = [{ AttributeName: schema.partitionKey, KeyType: 'HASH' }];
      if ('sortKey' in schema) keySchema.push({ AttributeName: schema.sortKey, KeyType: 'RANGE' });
      expect(properties.KeySchema).toEqual(keySchema);
      if ('ttlAttribute' in schema) {
        expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: schema.ttlAttribute, Enabled: true });
      }
    }
  });

  it('keys accounts, memories, usage and audit by pk/sk with ttl, and api keys by keyHash with the byTenant index', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const tables = resourcesOfType(template, 'AWS::DynamoDB::Table').map(([, table]) => props(table));

    // Assess
    const pkSk = tables.filter(
      (table) =>
        JSON.stringify(table.KeySchema) ===
        JSON.stringify([
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ]),
    );
    expect(pkSk).toHaveLength(4);
    for (const table of pkSk) expect(table.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    // Keys are found and listed through entries in the tenant's partition, read consistently: no index that lags.
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'keyHash', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: Match.absent(),
    });
  });

  it('deletes tables with a non-prod stage', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  it('lets CloudFormation generate both secrets, so no secret value is in the template', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const secrets = resourcesOfType(template, 'AWS::SecretsManager::Secret');

    // Assess
    expect(secrets).toHaveLength(2);
    for (const [, secret] of secrets) {
      expect(props(secret).SecretString).toBeUndefined();
      expect(props(secret).GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
    }
    const json = JSON.stringify(template.toJSON());
    expect(json.includes('"SecretString"')).toBe(false);
    expect(json.includes('resolve:secretsmanager')).toBe(false);
  });

  it('gives functions only secret ARNs, never secret values, in their environment', () => {
    // Prepare
    const { template } = defaultTemplate();
    const secretIds = new Set(resourcesOfType(template, 'AWS::SecretsManager::Secret').map(([id]) => id));

    // Act
    const functions = apiFunctionsOf(template);

    // Assess
    for (const [functionId] of functions) {
      for (const [name, value] of Object.entries(environmentOf(template, functionId))) {
        const secretRef = referencedId(value);
        if (secretRef && secretIds.has(secretRef)) {
          expect(name).toMatch(/_SECRET_ARN$/);
          expect(value).toEqual({ Ref: secretRef });
        }
        if (/SECRET|PEPPER|JWT|PASSWORD|TOKEN/.test(name)) expect(secretIds.has(secretRef ?? '')).toBe(true);
      }
    }
  });
});

describe('MemoryApiStack least privilege', () => {
  it('lets the authorizer only GetItem on the api keys and accounts tables, and only add items to the audit table', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const statements = statementsOfFunction(template, authorizerFunctionId(template));
    const auditId = logicalId(stack.tables.audit);

    // Act
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    const onAudit = (statement: (typeof dynamo)[number]) => resourceListOf(statement).map(referencedId).includes(auditId);
    const dynamoStatements = dynamo.filter((statement) => !onAudit(statement));
    const dynamoResources = dynamoStatements.flatMap(resourceListOf);

    // Assess
    expect(dynamoStatements.flatMap(actionsOf)).toEqual(['dynamodb:GetItem', 'dynamodb:GetItem']);
    expect(dynamo.filter(onAudit).map(actionsOf)).toEqual([['dynamodb:PutItem']]);
    expect(dynamo.filter(onAudit).flatMap(resourceListOf).map(referencedId)).toEqual([auditId]);
    expect(dynamoResources.map(referencedId).sort()).toEqual([logicalId(stack.tables.accounts), logicalId(stack.tables.apiKeys)].sort());
    expect(JSON.stringify(dynamoResources)).not.toContain('/index/');
  });

  it('lets the authorizer read exactly the pepper and the JWT secret', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const statements = statementsOfFunction(template, authorizerFunctionId(template));

    // Act
    const secretStatements = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));

    // Assess
    for (const statement of secretStatements) {
      expect(actionsOf(statement)).toEqual(['secretsmanager:GetSecretValue']);
    }
    expect(secretStatements.flatMap(resourceListOf).map(referencedId).sort()).toEqual(
      [logicalId(stack.secrets.pepper), logicalId(stack.secrets.jwtSigningKey)].sort(),
    );
  });

  it('grants the authorizer nothing beyond its log group, X-Ray, the two tables and the two secrets', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const actions = statementsOfFunction(template, authorizerFunctionId(template)).flatMap(actionsOf);

    // Assess
    const deps = new Set(actions.map((action) => action.split(':')[0]));
    expect([...deps].sort()).toEqual(['dynamodb', 'logs', 'secretsmanager', 'xray']);
    expect(actions.filter((action) => action.startsWith('logs:')).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('names in each function environment exactly the tables its role can reach', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const tableIdByEnv: Record<string, string> = {
      ACCOUNTS_TABLE: logicalId(stack.tables.accounts),
      API_KEYS_TABLE: logicalId(stack.tables.apiKeys),
      MEMORIES_TABLE: logicalId(stack.tables.memories),
      USAGE_TABLE: logicalId(stack.tables.usage),
      AUDIT_TABLE: logicalId(stack.tables.audit),
    };

    // Act & Assess
    for (const [functionId] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      const environment = environmentOf(template, functionId);
      const named = Object.keys(tableIdByEnv)
        .filter((name) => name in environment)
        .map((name) => tableIdByEnv[name]);
      const granted = statementsOfFunction(template, functionId)
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:') && !STREAM_ACTIONS.has(action)))
        .flatMap(resourceListOf)
        .map((resource) => grantedResourceId(resource) ?? JSON.stringify(resource));
      expect(new Set(granted)).toEqual(new Set(named));
    }
  });

  it('grants each handler exactly the DynamoDB actions its code calls, per table and index', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const tableNames = new Map(
      Object.entries({
        accounts: stack.tables.accounts,
        apiKeys: stack.tables.apiKeys,
        memories: stack.tables.memories,
        usage: stack.tables.usage,
      }).map(([name, table]) => [logicalId(table), name]),
    );
    const access = (handler: keyof typeof stack.functions): Record<string, string[]> => {
      const result: Record<string, string[]> = {};
      for (const statement of statementsOfFunction(template, logicalId(stack.functions[handler]))) {
        for (const resource of resourceListOf(statement)) {
          const table = tableNames.get(grantedResourceId(resource) ?? '');
          if (!table) continue;
          const index = /\/index\/(\w+)/.exec(JSON.stringify(resource))?.[1];
          const key = index ? `${table}/${index}` : table;
          result[key] = [...(result[key] ?? []), ...actionsOf(statement).map((action) => action.replace('dynamodb:', ''))].sort();
        }
      }
      return result;
    };

    // Act & Assess
    expect(access('health')).toEqual({ accounts: ['GetItem'] });
    expect(access('docs')).toEqual({});
    expect(access('auth')).toEqual({ accounts: ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'] });
    expect(access('apiKeys')).toEqual({
      accounts: ['GetItem', 'PutItem', 'Query', 'UpdateItem'],
      apiKeys: ['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'],
      usage: ['GetItem', 'Query', 'UpdateItem'],
    });
    expect(access('memories')).toEqual({
      memories: ['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
      usage: ['GetItem', 'UpdateItem'],
    });
    expect(access('usage')).toEqual({
      accounts: ['GetItem', 'Query'],
      apiKeys: ['BatchGetItem'],
      usage: ['GetItem', 'Query', 'UpdateItem'],
    });
  });

  it('grants no batch write, scan, condition-check or describe action to any function, and BatchGetItem only on the keys table', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const gatewayKeysFunction = logicalId(stack.gatewayKeys.function);

    // Act
    const statements = resourcesOfType(template, 'AWS::Lambda::Function').flatMap(([functionId]) =>
      statementsOfFunction(template, functionId).map((statement) => ({ functionId, statement })),
    );
    const actions = statements.flatMap(({ statement }) => actionsOf(statement));
    const batchGets = statements
      .filter(({ statement }) => actionsOf(statement).includes('dynamodb:BatchGetItem'))
      .map(({ statement }) => statement);
    const scans = statements.filter(({ statement }) => actionsOf(statement).includes('dynamodb:Scan'));

    // Assess
    // DescribeStream is the stream read of the search indexer (Lambda's event source mapping needs it), not a table describe.
    expect(
      actions.filter((action) => action.startsWith('dynamodb:') && /BatchWrite|ConditionCheck|Describe(?!Stream)/.test(action)),
    ).toEqual([]);
    // Only the gateway-keys function scans (no request path): for tenants whose gateway key is gone, on the accounts table.
    expect(scans.map(({ functionId, statement }) => [functionId, resourceListOf(statement).map(grantedResourceId)])).toEqual([
      [gatewayKeysFunction, [logicalId(stack.tables.accounts)]],
    ]);
    expect(actions).not.toContain('dynamodb:*');
    const batchGetTables = batchGets.flatMap(resourceListOf).map(grantedResourceId);
    expect(new Set(batchGetTables)).toEqual(new Set([logicalId(stack.tables.apiKeys)]));
  });

  it('keeps the API Gateway control plane off every request path: only the gateway-keys function calls it, on tagged keys and this stack’s plans by id', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const planIds = [...Object.values(stack.restApi.usagePlans).flatMap((kinds) => Object.values(kinds)), stack.restApi.overLimitPlan].map(
      (plan) => logicalId(plan),
    );
    const ownTag = { 'aws:RequestTag/memory-api:stack': STACK_NAME };
    const onlyOwnTagKey = { 'aws:TagKeys': ['memory-api:stack'] };

    // Act
    const gatewayStatements = (fn: { node: { defaultChild?: unknown } }) =>
      statementsOfFunction(template, logicalId(fn)).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('apigateway:')),
      );
    const describe = (statement: PolicyStatement) => ({
      actions: actionsOf(statement),
      paths: resourceListOf(statement).map((resource) => {
        const plan = referencedId(JSON.parse(JSON.stringify(resource).replace(/^.*(\{"Ref":"[^"]+"\}).*$/, '$1')) as unknown);
        const text = JSON.stringify(resource);
        if (plan && planIds.includes(plan)) return text.includes('/keys/*') ? '/usageplans/<plan>/keys/*' : '/usageplans/<plan>/keys';
        return text.replace(/^.*::(\/[^"]*)".*$/, '$1');
      }),
      condition: (statement as PolicyStatement & { Condition?: unknown }).Condition,
    });

    // Assess
    for (const fn of Object.values(stack.functions)) expect(gatewayStatements(fn)).toEqual([]);
    expect(gatewayStatements(stack.apiKeyAuthorizer.function)).toEqual([]);
    const statements = gatewayStatements(stack.gatewayKeys.function).map(describe);
    expect(statements).toEqual([
      { actions: ['apigateway:GET'], paths: ['/usageplans', '/apikeys'], condition: undefined },
      { actions: ['apigateway:GET'], paths: planIds.map(() => '/usageplans/<plan>/keys/*'), condition: undefined },
      {
        actions: ['apigateway:POST'],
        paths: ['/apikeys'],
        condition: { StringEquals: ownTag, 'ForAllValues:StringEquals': onlyOwnTagKey },
      },
      { actions: ['apigateway:PUT'], paths: ['/tags/*'], condition: { StringEquals: ownTag, 'ForAllValues:StringEquals': onlyOwnTagKey } },
      { actions: ['apigateway:POST'], paths: planIds.map(() => '/usageplans/<plan>/keys'), condition: undefined },
      {
        actions: ['apigateway:DELETE'],
        paths: ['/apikeys/*'],
        condition: { StringEquals: { 'aws:ResourceTag/memory-api:stack': STACK_NAME } },
      },
    ]);
    const planResources = JSON.stringify(gatewayStatements(stack.gatewayKeys.function)[4]);
    for (const planId of planIds) expect(planResources).toContain(`"Ref":"${planId}"`);
    expect(planIds).toHaveLength(Object.keys(DEFAULT_TIERS).length * 2 + 1);
    expect(environmentOf(template, logicalId(stack.gatewayKeys.function)).USAGE_PLAN_PREFIX).toBe(STACK_NAME);
  });

  it('makes the pooled gateway keys on deploy and deletes the stack’s keys with it, after the usage plans and its rights exist', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const planIds = resourcesOfType(template, 'AWS::ApiGateway::UsagePlan').map(([id]) => id);
    const policyIds = resourcesOfType(template, 'AWS::IAM::Policy')
      .map(([id]) => id)
      .filter((id) => id.includes('GatewayKeysControlPlanePolicy'));

    // Act
    const [[, resource]] = resourcesOfType(template, 'Custom::GatewayKeys') as [[string, CfnResource]];

    // Assess
    expect(props(resource)).toMatchObject({
      Tiers: Object.keys(stack.config.tiers).sort(),
      Shards: String(stack.config.pooledGatewayKeyShards),
      // A lost answer fails the deploy once the function cannot be running any more, not after an hour.
      ServiceTimeout: '960',
    });
    const describeStacks = statementsOfFunction(template, logicalId(stack.gatewayKeys.function)).filter((statement) =>
      actionsOf(statement).includes('cloudformation:DescribeStacks'),
    );
    expect(describeStacks.flatMap(resourceListOf)).toEqual([{ Ref: 'AWS::StackId' }]);
    expect(referencedId(props(resource).ServiceToken)).toBe(logicalId(stack.gatewayKeys.function));
    // A dedicated and a pooled plan per tier, and the over-limit plan.
    expect(planIds.length).toBe(Object.keys(stack.config.tiers).length * 2 + 1);
    for (const planId of planIds) expect(resource.DependsOn).toContain(planId);
    expect(policyIds).toHaveLength(1);
    expect(resource.DependsOn).toContain(policyIds[0]);
  });

  it('runs the gateway-keys function every hour with its check input (the account key count for the quota alarm)', () => {
    // Prepare
    const { template, stack } = defaultTemplate();

    // Act
    const rules = resourcesOfType(template, 'AWS::Events::Rule');

    // Assess
    expect(rules).toHaveLength(1);
    const [[, rule]] = rules;
    expect(props(rule).ScheduleExpression).toBe('rate(1 hour)');
    const [target] = props(rule).Targets as { Arn: unknown; Input: string }[];
    expect(referencedId(target?.Arn)).toBe(logicalId(stack.gatewayKeys.function));
    expect(JSON.parse(target?.Input ?? '{}')).toEqual({ check: 'gateway-keys' });
  });
});

describe('MemoryApiStack functions', () => {
  it('runs every function (handlers, authorizer, JWT rotation) on arm64 Node 24 with X-Ray, source maps, its own log group and the resolved config', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const logGroupIds = new Set(resourcesOfType(template, 'AWS::Logs::LogGroup').map(([id]) => id));

    // Act
    const functions = apiFunctionsOf(template);

    // Assess
    expect(functions).toHaveLength(13);
    for (const [functionId, fn] of functions) {
      const properties = props(fn);
      expect(properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
      expect(logGroupIds.has(referencedId((properties.LoggingConfig as { LogGroup: unknown }).LogGroup) ?? '')).toBe(true);
      const environment = environmentOf(template, functionId);
      expect(environment).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'agent-memory-api',
        POWERTOOLS_TRACE_ENABLED: 'true',
        LOG_LEVEL: 'INFO',
      });
      expect(AppConfigSchema.parse(JSON.parse(String(environment.APP_CONFIG)))).toEqual(stack.config);
    }
  });

  it('sizes the authorizer at 256 MB and the handlers at 512 MB with a 10 s timeout, the rotation function at 256 MB and 29 s; the gateway-keys function may run 15 minutes, the account-role function 5', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const authorizerId = authorizerFunctionId(template);
    const rotationId = logicalId(stack.secrets.rotationFunction);
    const customResourceId = logicalId(stack.gatewayKeys.function);
    const indexerId = logicalId(stack.search.indexer);
    const accountId = stack.restApi.account ? logicalId(stack.restApi.account.function) : undefined;

    // Act
    const functions = apiFunctionsOf(template);

    // Assess
    for (const [functionId, fn] of functions) {
      expect(props(fn).MemorySize).toBe(functionId === authorizerId || functionId === rotationId ? 256 : 512);
      expect(props(fn).Timeout).toBe(
        functionId === rotationId
          ? 29
          : functionId === customResourceId
            ? 900
            : functionId === indexerId
              ? 60
              : functionId === accountId
                ? 300
                : 10,
      );
    }
  });

  it('keeps function and access logs for a month', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    template.resourceCountIs('AWS::Logs::LogGroup', 14);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });
});

describe('MemoryApiStack outputs', () => {
  it('exports the API URL, table names, secret ARNs, authorizer function, plan prefix and config under the stack name', () => {
    // Prepare
    const { template } = defaultTemplate();
    const names = [
      'ApiUrl',
      'AccountsTableName',
      'ApiKeysTableName',
      'MemoriesTableName',
      'UsageTableName',
      'PepperSecretArn',
      'JwtSecretArn',
      'AuthorizerFunctionArn',
      'AuthorizerFunctionName',
      'UsagePlanPrefix',
      'AppConfig',
      'AlarmTopicArn',
      'DashboardName',
    ];

    // Act & Assess
    for (const name of names) template.hasOutput(name, { Export: { Name: `${STACK_NAME}-${name}` } });
  });

  it('outputs the usage plan prefix and the resolved configuration for the operator’s tier changes', () => {
    // Prepare
    const { template, stack } = defaultTemplate();

    // Act
    const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;

    // Assess
    expect(outputs.UsagePlanPrefix?.Value).toBe(STACK_NAME);
    expect(AppConfigSchema.parse(JSON.parse(String(outputs.AppConfig?.Value)))).toEqual(stack.config);
  });
});
