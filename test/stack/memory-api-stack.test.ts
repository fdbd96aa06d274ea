import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from '@jest/globals';
import { API_KEYS_BY_TENANT_INDEX, TABLE_SCHEMAS } from '../../lambda/shared/table-schemas';
import { AppConfigSchema } from '../../lambda/shared/config';
import { GATEWAY_RESPONSES } from '../../lambda/shared/gateway-responses';
import { ROUTES } from '../../lambda/shared/routes';
import { DEFAULT_TIERS, POOLED_THROTTLE_FACTOR } from '../../lambda/shared/tiers';
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
} from '../helpers/template-queries';

const STACK_NAME = 'MemoryApi-test';
const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const routeKey = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;

function logicalId(element: { node: { defaultChild?: unknown } }): string {
  const { stack } = defaultTemplate();
  return stack.getLogicalId(element.node.defaultChild as CfnElement);
}

describe('MemoryApiStack API surface', () => {
  it('creates exactly one method per route in the route table', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const methods = methodsByRoute(template);

    // Assess
    expect([...methods.keys()].sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('puts the custom authorizer and apiKeyRequired on every non-public route', () => {
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
      expect(method).toMatchObject({ AuthorizationType: 'CUSTOM', ApiKeyRequired: true });
      expect(referencedId(method?.AuthorizerId)).toBe(authorizerId);
    }
  });

  it('leaves the public routes without authorizer or API key', () => {
    // Prepare
    const { template } = defaultTemplate();
    const publicRoutes = ROUTES.filter((route) => route.access === 'public');

    // Act
    const methods = methodsByRoute(template);

    // Assess
    expect(publicRoutes.map(routeKey)).toEqual(['GET /health', 'GET /v1/openapi.json', 'POST /v1/auth/register', 'POST /v1/auth/login']);
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

  it('answers every gateway response type in the API error shape with its status code', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    for (const response of GATEWAY_RESPONSES) {
      const code = response.fromAuthorizer ? '$context.authorizer.errorCode' : response.code;
      const message = response.fromAuthorizer ? '$context.authorizer.errorMessage' : response.message;
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: response.type,
        StatusCode: String(response.status),
        ResponseTemplates: {
          'application/json': `${JSON.stringify({ error: { code, message, request_id: '$context.requestId' } })}\n`,
        },
      });
    }
    expect(resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse')).toHaveLength(GATEWAY_RESPONSES.length);
  });

  it('sends Retry-After and X-RateLimit-Retry-After on throttling and quota responses', () => {
    // Prepare
    const { template } = defaultTemplate();
    const withRetry = GATEWAY_RESPONSES.filter((response) => response.retryAfterSeconds !== undefined);

    // Act & Assess
    expect(withRetry.map((response) => response.type)).toEqual(['THROTTLED', 'QUOTA_EXCEEDED']);
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
  it('creates a plan for tenants’ own keys per configured tier with its throttle, burst and monthly quota', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    for (const [name, tier] of Object.entries(DEFAULT_TIERS)) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `${STACK_NAME}-${name}`,
        Throttle: { RateLimit: tier.requestsPerMinute / 60, BurstLimit: tier.burst },
        Quota: tier.creditsPerMonth === null ? Match.absent() : { Limit: tier.creditsPerMonth, Period: 'MONTH' },
      });
    }
  });

  it('creates a quota-free plan per tier for the shared pooled key, with a wider bucket', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    expect(resourcesOfType(template, 'AWS::ApiGateway::UsagePlan')).toHaveLength(2 * Object.keys(DEFAULT_TIERS).length);
    for (const [name, tier] of Object.entries(DEFAULT_TIERS)) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `${STACK_NAME}-${name}-pooled`,
        Throttle: {
          RateLimit: (tier.requestsPerMinute / 60) * POOLED_THROTTLE_FACTOR,
          BurstLimit: tier.burst * POOLED_THROTTLE_FACTOR,
        },
        Quota: Match.absent(),
      });
    }
  });

  it('gives the enterprise tier no quota', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const enterprise = resourcesOfType(template, 'AWS::ApiGateway::UsagePlan').find(
      ([, plan]) => props(plan).UsagePlanName === `${STACK_NAME}-enterprise`,
    );

    // Assess
    expect(enterprise).toBeDefined();
    expect(props(enterprise?.[1]).Quota).toBeUndefined();
  });

  it('caps the search method at 30 per minute per dedicated key, and ten times that on a shared pooled key', () => {
    // Prepare
    const { template } = defaultTemplate();
    const search = ROUTES.find((route) => route.operation === 'searchMemories');

    // Act
    const plans = resourcesOfType(template, 'AWS::ApiGateway::UsagePlan');

    // Assess
    expect(search?.perMinuteCap).toBe(30);
    for (const [, plan] of plans) {
      const [stage] = props(plan).ApiStages as { Throttle: Record<string, unknown>; Stage: unknown }[];
      const pooled = String(props(plan).UsagePlanName).endsWith('-pooled');
      expect(stage?.Throttle).toEqual({
        '/v1/memories/search/POST': pooled ? { RateLimit: 5, BurstLimit: 300 } : { RateLimit: 0.5, BurstLimit: 30 },
      });
      expect(referencedId(stage?.Stage)).toBe(resourcesOfType(template, 'AWS::ApiGateway::Stage')[0]?.[0]);
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
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'keyHash', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: API_KEYS_BY_TENANT_INDEX,
          KeySchema: [
            { AttributeName: 'tenantId', KeyType: 'HASH' },
            { AttributeName: 'keyId', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
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
  it('lets the authorizer only read the api keys and accounts tables, and only add items to the audit table', () => {
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
    expect(dynamo.filter(onAudit).map(actionsOf)).toEqual([['dynamodb:PutItem']]);
    expect(dynamo.filter(onAudit).flatMap(resourceListOf).map(referencedId)).toEqual([auditId]);
    for (const statement of dynamoStatements) {
      expect(actionsOf(statement).every((action) => READ_ACTIONS.includes(action))).toBe(true);
      expect(actionsOf(statement).join(' ')).not.toMatch(/Put|Update|Delete|Write|Scan/);
    }
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
      expect(actionsOf(statement).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
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
    const services = new Set(actions.map((action) => action.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'logs', 'secretsmanager', 'xray']);
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
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')))
        .flatMap(resourceListOf)
        .map((resource) => grantedResourceId(resource) ?? JSON.stringify(resource));
      expect(new Set(granted)).toEqual(new Set(named));
    }
  });

  it('grants each handler the table access its job needs and no more', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const tables = {
      accounts: stack.tables.accounts,
      apiKeys: stack.tables.apiKeys,
      memories: stack.tables.memories,
      usage: stack.tables.usage,
    };
    const access = (handler: keyof typeof stack.functions): Record<string, 'RO' | 'RW'> => {
      const result: Record<string, 'RO' | 'RW'> = {};
      for (const statement of statementsOfFunction(template, logicalId(stack.functions[handler]))) {
        for (const [name, table] of Object.entries(tables)) {
          if (!resourceListOf(statement).some((resource) => referencedId(resource) === logicalId(table))) continue;
          result[name] = actionsOf(statement).includes('dynamodb:PutItem') ? 'RW' : 'RO';
        }
      }
      return result;
    };

    // Act & Assess
    expect(access('health')).toEqual({});
    expect(access('docs')).toEqual({});
    expect(access('auth')).toEqual({ accounts: 'RW' });
    expect(access('apiKeys')).toEqual({ accounts: 'RW', apiKeys: 'RW', usage: 'RW' });
    expect(access('memories')).toEqual({ memories: 'RW', usage: 'RW' });
    expect(access('usage')).toEqual({ accounts: 'RO', apiKeys: 'RO', usage: 'RW' });
  });

  it('lets only the auth function provision API Gateway keys, on key and usage-plan paths only', () => {
    // Prepare
    const { template, stack } = defaultTemplate();

    // Act
    const gatewayStatements = (handler: keyof typeof stack.functions) =>
      statementsOfFunction(template, logicalId(stack.functions[handler])).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('apigateway:')),
      );

    // Assess
    for (const handler of ['health', 'docs', 'apiKeys', 'memories', 'usage'] as const) expect(gatewayStatements(handler)).toEqual([]);
    const paths = gatewayStatements('auth').flatMap((statement) =>
      resourceListOf(statement).map(
        (resource) => `${actionsOf(statement).join(',')} ${JSON.stringify(resource).replace(/^.*::(\/[^"]*)".*$/, '$1')}`,
      ),
    );
    expect(paths.sort()).toEqual(
      [
        'apigateway:DELETE /apikeys/*',
        'apigateway:GET /usageplans',
        'apigateway:POST /apikeys',
        'apigateway:POST /usageplans/*/keys',
      ].sort(),
    );
    expect(environmentOf(template, logicalId(stack.functions.auth)).USAGE_PLAN_PREFIX).toBe(STACK_NAME);
  });
});

describe('MemoryApiStack functions', () => {
  it('runs every function on arm64 Node 24 with X-Ray, source maps, its own log group and the resolved config', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const logGroupIds = new Set(resourcesOfType(template, 'AWS::Logs::LogGroup').map(([id]) => id));

    // Act
    const functions = apiFunctionsOf(template);

    // Assess
    expect(functions).toHaveLength(8);
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
        LOG_LEVEL: 'INFO',
      });
      expect(AppConfigSchema.parse(JSON.parse(String(environment.APP_CONFIG)))).toEqual(stack.config);
    }
  });

  it('sizes the authorizer at 256 MB and the handlers at 512 MB, all with a 10 s timeout', () => {
    // Prepare
    const { template } = defaultTemplate();
    const authorizerId = authorizerFunctionId(template);

    // Act
    const functions = apiFunctionsOf(template);

    // Assess
    for (const [functionId, fn] of functions) {
      expect(props(fn).MemorySize).toBe(functionId === authorizerId ? 256 : 512);
      expect(props(fn).Timeout).toBe(10);
    }
  });

  it('keeps function and access logs for a month', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    template.resourceCountIs('AWS::Logs::LogGroup', 9);
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
