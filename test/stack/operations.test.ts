import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from '@jest/globals';
import { preflightResources } from '../../lambda/shared/cors';
import { defaultTemplate, memoryApiStack, testApp } from '../helpers/cdk-app';
import {
  apiFunctionsOf,
  actionsOf,
  type CfnResource,
  methodsByRoute,
  props,
  referencedId,
  resourceListOf,
  resourcesOfType,
  statementsOfFunction,
} from '../helpers/template-queries';

const STACK_NAME = 'MemoryApi-test';
/** Every function, as alarm names spell it. */
const FUNCTION_ALARM_NAMES = [
  'Health',
  'Docs',
  'Auth',
  'ApiKeys',
  'Memories',
  'Usage',
  'Audit',
  'Mcp',
  'Authorizer',
  'JwtRotation',
  'GatewayKeys',
];
const prodTemplate = (extra: Record<string, unknown> = {}) =>
  Template.fromStack(memoryApiStack({ memoryApi: { stage: 'prod', ...extra } }).stack);
const devTemplate = (extra: Record<string, unknown>) => Template.fromStack(memoryApiStack({ memoryApi: { stage: 'dev', ...extra } }).stack);

/** The dashboard's JSON text, with every CloudFormation reference shown as <ref>. */
function dashboardBody(template: Template): string {
  const [[, dashboard]] = resourcesOfType(template, 'AWS::CloudWatch::Dashboard') as [[string, CfnResource]];
  const body = props(dashboard).DashboardBody as { 'Fn::Join': [string, unknown[]] };
  return body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '<ref>')).join('');
}

function alarmsByName(template: Template): Map<string, Record<string, unknown>> {
  return new Map(resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => [String(props(alarm).AlarmName), props(alarm)]));
}

describe('alarms and the alarm topic', () => {
  it('creates one SNS topic that refuses unencrypted transport, and no subscription unless an email is configured', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const topics = resourcesOfType(template, 'AWS::SNS::Topic');

    // Assess
    expect(topics).toHaveLength(1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('subscribes the configured email address to the topic', () => {
    // Act
    const template = devTemplate({ alarms: { email: 'oncall@example.com' } });

    // Assess
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  it('alarms on the API 5XX rate, the authorizer p99, each function, each table, gateway key failures and the key quota', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const names = [...alarmsByName(template).keys()].sort();

    // Assess
    const tables = ['Accounts', 'ApiKeys', 'Memories', 'Usage', 'Audit'];
    expect(names).toEqual(
      [
        'Api5xxRate',
        'AuthorizerP99Duration',
        'GatewayKeyProvisioningFailures',
        'GatewayKeysInUse',
        'SearchIndexLag',
        'SearchIndexIteratorAge',
        'SearchIndexDeadLetters',
        ...FUNCTION_ALARM_NAMES.flatMap((fn) => [`${fn}Errors`, `${fn}Throttles`]),
        ...tables.flatMap((table) => [`${table}TableThrottles`, `${table}TableSystemErrors`]),
      ]
        .map((name) => `${STACK_NAME}-${name}`)
        .sort(),
    );
  });

  it('sends every alarm and its recovery to the topic', () => {
    // Prepare
    const { template } = defaultTemplate();
    const [[topicId]] = resourcesOfType(template, 'AWS::SNS::Topic') as [[string, unknown]];

    // Act & Assess
    for (const [name, alarm] of alarmsByName(template)) {
      expect({ name, actions: (alarm.AlarmActions as unknown[]).map(referencedId) }).toEqual({ name, actions: [topicId] });
      expect({ name, actions: (alarm.OKActions as unknown[]).map(referencedId) }).toEqual({ name, actions: [topicId] });
    }
  });

  it('uses the documented default thresholds', () => {
    // Prepare
    const alarms = alarmsByName(defaultTemplate().template);
    const threshold = (name: string) => alarms.get(`${STACK_NAME}-${name}`)?.Threshold;

    // Act & Assess
    expect({
      api5xx: threshold('Api5xxRate'),
      p99: threshold('AuthorizerP99Duration'),
      errors: threshold('MemoriesErrors'),
      throttles: threshold('MemoriesThrottles'),
      tableThrottles: threshold('UsageTableThrottles'),
      systemErrors: threshold('UsageTableSystemErrors'),
      keyFailures: threshold('GatewayKeyProvisioningFailures'),
      keysInUse: threshold('GatewayKeysInUse'),
    }).toEqual({ api5xx: 1, p99: 1000, errors: 5, throttles: 1, tableThrottles: 10, systemErrors: 1, keyFailures: 1, keysInUse: 8000 });
  });

  it('takes thresholds from configuration', () => {
    // Act
    const alarms = alarmsByName(devTemplate({ alarms: { api5xxPercent: 2.5, authorizerP99Milliseconds: 400, gatewayKeysInUse: 5000 } }));

    // Assess
    expect(alarms.get('MemoryApi-test-Api5xxRate')?.Threshold).toBe(2.5);
    expect(alarms.get('MemoryApi-test-AuthorizerP99Duration')?.Threshold).toBe(400);
    expect(alarms.get('MemoryApi-test-GatewayKeysInUse')?.Threshold).toBe(5000);
  });

  it('reads the 5XX rate from the stage as a percentage, and the authorizer p99 from its function', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const alarms = alarmsByName(template);

    // Act
    const api5xx = alarms.get(`${STACK_NAME}-Api5xxRate`) as {
      Metrics: { Expression?: string; MetricStat?: { Metric: unknown; Stat: string } }[];
    };
    const p99 = alarms.get(`${STACK_NAME}-AuthorizerP99Duration`);

    // Assess
    expect(api5xx.Metrics.find((metric) => metric.Expression)?.Expression).toBe('errors * 100');
    expect(api5xx.Metrics.find((metric) => metric.MetricStat)?.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [
          { Name: 'ApiName', Value: STACK_NAME },
          { Name: 'Stage', Value: { Ref: stack.getLogicalId(stack.restApi.api.deploymentStage.node.defaultChild as never) } },
        ],
      },
      Period: 300,
      Stat: 'Average',
    });
    expect(p99).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Duration', ExtendedStatistic: 'p99', EvaluationPeriods: 3 });
    expect(referencedId((p99?.Dimensions as { Value: unknown }[])[0]?.Value)).toBe(
      stack.getLogicalId(stack.apiKeyAuthorizer.function.node.defaultChild as lambda.CfnFunction),
    );
  });

  it('pages on the authorizer’s own failures, not on Lambda Errors, which count every refused credential (a 401 is a throw)', () => {
    // Prepare
    const alarms = alarmsByName(defaultTemplate().template);

    // Act
    const authorizerErrors = alarms.get(`${STACK_NAME}-AuthorizerErrors`);

    // Assess
    expect(authorizerErrors).toMatchObject({
      Namespace: 'AgentMemoryApi/dev',
      MetricName: 'AuthorizerDecisions',
      Statistic: 'Sum',
    });
    expect(authorizerErrors?.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'service', Value: 'agent-memory-api' },
        { Name: 'outcome', Value: 'error' },
      ]),
    );
    expect(alarms.get(`${STACK_NAME}-MemoriesErrors`)).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors' });
  });

  it('watches the gateway key metrics the auth function sends, in the stage namespace with the service dimension', () => {
    // Prepare
    const alarms = alarmsByName(defaultTemplate().template);

    // Act
    const failures = alarms.get(`${STACK_NAME}-GatewayKeyProvisioningFailures`);
    const inUse = alarms.get(`${STACK_NAME}-GatewayKeysInUse`);

    // Assess
    const dimensions = [{ Name: 'service', Value: 'agent-memory-api' }];
    expect(failures).toMatchObject({
      Namespace: 'AgentMemoryApi/dev',
      MetricName: 'GatewayKeyProvisioningFailures',
      Statistic: 'Sum',
      Dimensions: dimensions,
    });
    expect(inUse).toMatchObject({
      Namespace: 'AgentMemoryApi/dev',
      MetricName: 'AccountGatewayKeys',
      Statistic: 'Maximum',
      Period: 3600,
      TreatMissingData: 'ignore',
    });
  });

  it('sums DynamoDB throttles and system errors over exactly the operations the functions call', () => {
    // Prepare
    const alarms = alarmsByName(defaultTemplate().template);

    // Act
    const throttles = alarms.get(`${STACK_NAME}-MemoriesTableThrottles`) as {
      Metrics: { MetricStat?: { Metric: { Dimensions: { Name: string; Value: unknown }[] } } }[];
    };

    // Assess
    const operations = throttles.Metrics.flatMap(
      (metric) => metric.MetricStat?.Metric.Dimensions.filter((d) => d.Name === 'Operation') ?? [],
    ).map((dimension) => dimension.Value);
    expect(operations.sort()).toEqual(['DeleteItem', 'GetItem', 'PutItem', 'Query', 'TransactWriteItems', 'UpdateItem']);
  });

  it('counts API Gateway throttling and quota 429s from the access log', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const filters = resourcesOfType(template, 'AWS::Logs::MetricFilter').map(([, filter]) => props(filter));

    // Assess
    expect(
      filters.map((filter) => [filter.FilterPattern, (filter.MetricTransformations as { MetricName: string }[])[0]?.MetricName]).sort(),
    ).toEqual([
      ['{ $.errorType = "QUOTA_EXCEEDED" }', 'EdgeQuotaExceeded'],
      ['{ $.errorType = "THROTTLED" }', 'EdgeThrottled'],
    ]);
  });
});

describe('the operations dashboard', () => {
  it('graphs the golden signals per route, authorizer outcomes, 429s by cause, the business metrics and the alarms', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const body = dashboardBody(template);

    // Assess
    for (const metric of ['Count', '5XXError', '4XXError', 'Latency', 'AuthorizerDecisions', 'RateLimited', 'Requests']) {
      expect(body).toContain(`MetricName=\\"${metric}\\"`);
    }
    for (const metric of ['EdgeThrottled', 'EdgeQuotaExceeded', 'SignUps', 'LoginLockouts', 'KeysCreated', 'KeysRotated', 'KeysRevoked']) {
      expect(body).toContain(`"${metric}"`);
    }
    for (const metric of ['StoreTimeouts', 'GatewayKeyProvisioningFailures', 'AccountGatewayKeys']) expect(body).toContain(`"${metric}"`);
    expect(body).toContain('"type":"alarm"');
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `${STACK_NAME}-operations` });
  });
});

describe('AWS WAF', () => {
  it('is off for a dev stage', () => {
    // Act & Assess
    defaultTemplate().template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('puts a regional web ACL on the prod stage, with per-IP rate rules and managed rule groups', () => {
    // Prepare
    const template = prodTemplate();

    // Act
    const [[webAclId, webAcl]] = resourcesOfType(template, 'AWS::WAFv2::WebACL') as [[string, unknown]];
    const rules = props(webAcl as never).Rules as {
      Name: string;
      Priority: number;
      Statement: Record<string, unknown>;
      Action?: unknown;
      OverrideAction?: unknown;
    }[];

    // Assess
    expect(props(webAcl as never)).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(rules.map((rule) => rule.Name)).toEqual([
      'CredentialRoutesPerIp',
      'CredentialRoutesPerViewer',
      'AllRoutesPerIp',
      'AllRoutesPerViewer',
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    const credentialRoutes = {
      ByteMatchStatement: { SearchString: '/v1/auth/', PositionalConstraint: 'CONTAINS', FieldToMatch: { UriPath: {} } },
    };
    const fromCloudFront = {
      ByteMatchStatement: {
        FieldToMatch: { SingleHeader: { Name: 'x-origin-verify' } },
        PositionalConstraint: 'EXACTLY',
        SearchString: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('resolve:secretsmanager')])] },
      },
    };
    expect(rules[0]).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          Limit: 100,
          AggregateKeyType: 'IP',
          EvaluationWindowSec: 300,
          ScopeDownStatement: { AndStatement: { Statements: [credentialRoutes, { NotStatement: { Statement: expect.anything() } }] } },
        },
      },
    });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'CredentialRoutesPerViewer',
          Statement: {
            RateBasedStatement: {
              Limit: 100,
              AggregateKeyType: 'FORWARDED_IP',
              EvaluationWindowSec: 300,
              ForwardedIPConfig: { HeaderName: 'x-viewer-address', FallbackBehavior: 'MATCH' },
              ScopeDownStatement: { AndStatement: { Statements: [credentialRoutes, fromCloudFront] } },
            },
          },
        }),
      ]),
    });
    expect(rules[2]).toMatchObject({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 20_000, AggregateKeyType: 'IP' } } });
    expect(rules[3]).toMatchObject({ Statement: { RateBasedStatement: { Limit: 20_000, AggregateKeyType: 'FORWARDED_IP' } } });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [webAclId, 'Arn'] },
    });
    expect(JSON.stringify(template.findResources('AWS::WAFv2::WebACLAssociation'))).toMatch(
      /\/stages\/",\{"Ref":"RestApiDeploymentStageprod/,
    );
  });

  it('counts requests through the console’s CloudFront by the viewer address CloudFront saw, marked by a secret origin header', () => {
    // Prepare
    const template = prodTemplate();

    // Act
    const [[, fn]] = resourcesOfType(template, 'AWS::CloudFront::Function') as [[string, unknown]];
    const [[, distribution]] = resourcesOfType(template, 'AWS::CloudFront::Distribution') as [[string, unknown]];
    const config = JSON.stringify(props(distribution as never));

    // Assess: the function overwrites the header with the viewer's address; the API origin sends the secret
    expect(JSON.stringify(props(fn as never))).toContain('event.request.headers[\\"x-viewer-address\\"] = { value: event.viewer.ip }');
    expect(config).toMatch(/"HeaderName":"x-origin-verify","HeaderValue":\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:/);
    expect(config).toContain('"EventType":"viewer-request"');
    defaultTemplate().template.resourceCountIs('AWS::CloudFront::Function', 0);
  });

  it('lets memory bodies through the managed rules that would read text or code as an attack: those only count', () => {
    // Prepare
    const template = prodTemplate();

    // Act
    const [[, webAcl]] = resourcesOfType(template, 'AWS::WAFv2::WebACL') as [[string, unknown]];
    const common = (
      props(webAcl as never).Rules as {
        Name: string;
        Statement: { ManagedRuleGroupStatement: { RuleActionOverrides?: { Name: string; ActionToUse: unknown }[] } };
      }[]
    ).find((rule) => rule.Name === 'AWSManagedRulesCommonRuleSet');

    // Assess
    expect(common?.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual(
      ['SizeRestrictions_BODY', 'CrossSiteScripting_BODY', 'GenericLFI_BODY', 'GenericRFI_BODY', 'EC2MetaDataSSRF_BODY'].map((name) => ({
        Name: name,
        ActionToUse: { Count: {} },
      })),
    );
  });

  it('follows configuration: rate limits, and on or off whatever the stage', () => {
    // Act
    const devWithWaf = devTemplate({ waf: { enabled: true, credentialRequestsPer5Minutes: 50 } });
    const prodWithout = prodTemplate({ waf: { enabled: false } });

    // Assess
    devWithWaf.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    devWithWaf.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({ Name: 'CredentialRoutesPerIp', Statement: { RateBasedStatement: Match.objectLike({ Limit: 50 }) } }),
      ]),
    });
    prodWithout.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('graphs blocked requests per rule on the dashboard when the web ACL is on', () => {
    // Act
    const body = dashboardBody(prodTemplate());

    // Assess
    expect(body).toContain(
      '"AWS/WAFV2","BlockedRequests","Region","<ref>","Rule","MemoryApi-test-CredentialRoutesPerIp","WebACL","MemoryApi-test-WebAcl"',
    );
  });
});

describe('CORS', () => {
  it('adds no preflight method and no CORS header when no origin is configured', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const options = [...methodsByRoute(template).keys()].filter((key) => key.startsWith('OPTIONS '));
    const headers = resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').flatMap(([, response]) =>
      Object.keys(props(response).ResponseParameters ?? {}),
    );

    // Assess
    expect(options).toEqual([]);
    expect(headers.filter((name) => /Access-Control|Vary/.test(name))).toEqual([]);
  });

  it('answers OPTIONS on every resource of the route table without authorizer or API key, from a mock', () => {
    // Act
    const methods = methodsByRoute(devTemplate({ cors: { allowedOrigins: ['https://app.example.com'] } }));

    // Assess
    const options = [...methods].filter(([key]) => key.startsWith('OPTIONS '));
    expect(options.map(([key]) => key.replace('OPTIONS ', '')).sort()).toEqual([...preflightResources().keys()].sort());
    for (const [, method] of options) {
      expect(method).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'MOCK' } });
      expect(method.ApiKeyRequired).not.toBe(true);
    }
  });

  it('names a preflight origin back only when it is exactly a configured one', () => {
    // Act
    const methods = methodsByRoute(devTemplate({ cors: { allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] } }));

    // Assess
    const search = methods.get('OPTIONS /v1/memories/search') as {
      Integration: { IntegrationResponses: { ResponseTemplates: Record<string, string> }[] };
    };
    const template = search.Integration.IntegrationResponses[0]?.ResponseTemplates['application/json'] ?? '';
    expect(template).toContain('#if($origin == "https://app.example.com" || $origin == "http://localhost:5173")');
    expect(template).toContain('#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)');
    expect(template).toContain('#set($context.responseOverride.header.Access-Control-Allow-Methods = "POST, OPTIONS")');
    expect(template).not.toMatch(/\.matches\(/);
  });

  it('puts CORS headers on every gateway response: the one origin, or the request origin when several are configured', () => {
    // Act
    const one = devTemplate({ cors: { allowedOrigins: ['https://app.example.com'] } });
    const several = devTemplate({ cors: { allowedOrigins: ['https://app.example.com', 'https://admin.example.com'] } });

    // Assess
    for (const [template, origin] of [
      [one, "'https://app.example.com'"],
      [several, 'method.request.header.Origin'],
    ] as const) {
      for (const [, response] of resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse')) {
        expect(props(response).ResponseParameters).toMatchObject({
          'gatewayresponse.header.Access-Control-Allow-Origin': origin,
          'gatewayresponse.header.Vary': "'Origin'",
          'gatewayresponse.header.Access-Control-Expose-Headers': expect.stringContaining('X-RateLimit-Remaining'),
        });
      }
    }
  });
});

describe('JWT signing key rotation', () => {
  it('rotates the signing key every 30 days by default with its own function, not at deploy time', () => {
    // Prepare
    const { template, stack } = defaultTemplate();

    // Act & Assess
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: stack.getLogicalId(stack.secrets.jwtSigningKey.node.defaultChild as never) },
      RotationLambdaARN: { 'Fn::GetAtt': [stack.getLogicalId(stack.secrets.rotationFunction.node.defaultChild as never), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
      RotateImmediatelyOnUpdate: false,
    });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
  });

  it('takes the rotation interval from configuration', () => {
    // Act & Assess
    devTemplate({ jwtSecretRotationDays: 7 }).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(7 days)' },
    });
  });

  it('lets Secrets Manager invoke the rotation function for this account’s signing key only', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const fnId = stack.getLogicalId(stack.secrets.rotationFunction.node.defaultChild as never);
    const secretId = stack.getLogicalId(stack.secrets.jwtSigningKey.node.defaultChild as never);

    // Act
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission').filter(
      ([, permission]) => props(permission).Principal === 'secretsmanager.amazonaws.com',
    );

    // Assess
    expect(permissions).toHaveLength(1);
    const [[, permission]] = permissions as [[string, CfnResource]];
    expect(props(permission).FunctionName).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(props(permission).SourceAccount).toEqual({ Ref: 'AWS::AccountId' });
    expect(props(permission).SourceArn).toEqual({ Ref: secretId });
  });

  it('lets the rotation function change only the signing key, and call Secrets Manager only', () => {
    // Prepare
    const { template, stack } = defaultTemplate();
    const fnId = stack.getLogicalId(stack.secrets.rotationFunction.node.defaultChild as never);
    const secretId = stack.getLogicalId(stack.secrets.jwtSigningKey.node.defaultChild as never);

    // Act
    const statements = statementsOfFunction(template, fnId).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('secretsmanager:')),
    );

    // Assess
    expect(
      statements.map((statement) => ({
        actions: actionsOf(statement).sort(),
        resources: resourceListOf(statement).map((r) => referencedId(r) ?? r),
      })),
    ).toEqual([
      {
        actions: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        resources: [secretId],
      },
      { actions: ['secretsmanager:GetRandomPassword'], resources: ['*'] },
    ]);
    expect(
      statementsOfFunction(template, fnId)
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:')),
    ).toEqual([]);
  });
});

describe('production safeguards', () => {
  it('protects every table from deletion in prod, and no table elsewhere', () => {
    // Act
    const prod = prodTemplate();

    // Assess
    prod.allResourcesProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    for (const [, table] of resourcesOfType(defaultTemplate().template, 'AWS::DynamoDB::Table'))
      expect(props(table).DeletionProtectionEnabled).toBe(false);
  });

  it('names the RestApi after the stack, so two stages’ API Gateway metrics do not mix', () => {
    // Act & Assess
    defaultTemplate().template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: STACK_NAME });
  });

  it('compresses answers of 1 KiB or more for clients that accept gzip', () => {
    // Act & Assess
    defaultTemplate().template.hasResourceProperties('AWS::ApiGateway::RestApi', { MinimumCompressionSize: 1024 });
  });

  it('reserves no concurrency by default, so the stack deploys in a new account', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act & Assess
    for (const [, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) expect(props(fn).ReservedConcurrentExecutions).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::Alias', 0);
  });

  it('reserves concurrency per function and provisions the authorizer from configuration, invoking its alias', () => {
    // Prepare
    const { stack } = memoryApiStack({
      memoryApi: { concurrency: { reserved: { authorizer: 50, memories: 20 }, authorizerProvisioned: 5 } },
    });
    const template = Template.fromStack(stack);
    const id = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

    // Act
    const reserved = Object.fromEntries(
      resourcesOfType(template, 'AWS::Lambda::Function').map(([fnId, fn]) => [fnId, props(fn).ReservedConcurrentExecutions]),
    );

    // Assess
    expect(reserved[id(stack.apiKeyAuthorizer.function)]).toBe(50);
    expect(reserved[id(stack.functions.memories)]).toBe(20);
    expect(reserved[id(stack.functions.auth)]).toBeUndefined();
    template.hasResourceProperties('AWS::Lambda::Alias', {
      Name: 'live',
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 5 },
    });
    const [[aliasId]] = resourcesOfType(template, 'AWS::Lambda::Alias') as [[string, unknown]];
    const [[, authorizer]] = resourcesOfType(template, 'AWS::ApiGateway::Authorizer') as [[string, unknown]];
    expect(JSON.stringify(props(authorizer as never).AuthorizerUri)).toContain(aliasId);
  });

  it('turns X-Ray off everywhere when tracing is configured off', () => {
    // Act
    const template = devTemplate({ tracing: false });

    // Assess
    for (const [, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) expect(props(fn).TracingConfig).toBeUndefined();
    for (const [, fn] of apiFunctionsOf(template)) {
      expect((props(fn).Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_TRACE_ENABLED).toBe('false');
    }
    template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: false });
  });

  it('synthesizes without a dependency cycle, although the gateway-keys role names this stack’s usage plans', () => {
    // Act
    const synth = () =>
      Template.fromStack(memoryApiStack({ memoryApi: { stage: 'prod', cors: { allowedOrigins: ['https://app.example.com'] } } }).stack);

    // Assess
    expect(synth).not.toThrow();
  });

  it('refuses to synthesize a cycle (control: a function whose own role policy names its API’s usage plan)', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Control');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    const plan = api.addUsagePlan('Plan', { apiStages: [{ api, stage: api.deploymentStage }] });
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['apigateway:POST'],
        resources: [`arn:aws:apigateway:us-east-1::/usageplans/${plan.usagePlanId}/keys`],
      }),
    );

    // Act
    const synth = () => Template.fromStack(stack);

    // Assess
    expect(synth).toThrow(/dependency cycle/);
  });
});
