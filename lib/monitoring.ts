import { Duration, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { AppConfig, FunctionName } from '../lambda/shared/config';
import { EDGE_METRICS, METRICS, SERVICE_NAME, metricsNamespace, type MetricName } from '../lambda/shared/metrics';
import type { TableName } from './data-tables';

export interface MonitoringProps {
  readonly config: AppConfig;
  /** The API's stage: API Gateway's metrics are read by its ApiName and stage name. */
  readonly stage: apigateway.Stage;
  /** The access log, from which edge 429s are counted. */
  readonly accessLogGroup: logs.ILogGroup;
  /** Every function of the stack; the tenant provisioner only when identity providers are configured. */
  readonly functions: Readonly<Record<Exclude<FunctionName, 'tenantProvisioner'>, lambda.IFunction>> & {
    readonly tenantProvisioner?: lambda.IFunction;
  };
  readonly tables: Readonly<Record<TableName, dynamodb.ITable>>;
  /** The web ACL's name and rule names when it is on, for the blocked-request graph. */
  readonly webAcl?: { readonly name: string; readonly ruleNames: readonly string[] };
  /** Prefix of alarm and dashboard names (the stack name). */
  readonly namePrefix: string;
}

const PERIOD = Duration.minutes(5);
/** Every DynamoDB operation the functions call (an alarm's metric math may hold at most ten metrics). */
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * What an on-call engineer needs: one SNS topic (optionally mailed), the alarms docs/operating.md
 * explains one by one, counters for the 429s API Gateway gives itself, and a dashboard with
 * the golden signals per route and the business metrics of lambda/shared/metrics.ts.
 */
export class Monitoring extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarms: readonly cloudwatch.Alarm[];
  public readonly dashboard: cloudwatch.Dashboard;
  private readonly namespace: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MonitoringProps,
  ) {
    super(scope, id);
    this.namespace = metricsNamespace(props.config.stage);

    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: `${props.namePrefix} alarms`, enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and states, no customer data. CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key, and a customer managed key would need its own key policy for CloudWatch.',
    });
    if (props.config.alarms.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.config.alarms.email));

    this.countEdgeRejections();
    this.alarms = this.createAlarms();
    this.dashboard = this.createDashboard();
  }

  /** One of our own metrics (lambda/shared/metrics.ts), with the service dimension Powertools adds. */
  private appMetric(name: MetricName, statistic = 'Sum', dimensions: Record<string, string> = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.namespace,
      metricName: name,
      dimensionsMap: { service: SERVICE_NAME, ...dimensions },
      statistic,
      period: PERIOD,
    });
  }

  /** Every series of one of our metrics, whatever its dimension values (outcomes, causes, operations). */
  private appSearch(name: MetricName, label: string): cloudwatch.MathExpression {
    const dimensions = ['service', ...METRICS[name]].join(',');
    return new cloudwatch.MathExpression({
      expression: `SEARCH('{${this.namespace},${dimensions}} MetricName="${name}"', 'Sum', ${PERIOD.toSeconds()})`,
      label,
      period: PERIOD,
    });
  }

  /** API Gateway's own 429s never reach a function: they are counted from the access log's errorType. */
  private countEdgeRejections(): void {
    for (const [metricName, errorType] of Object.entries(EDGE_METRICS)) {
      new logs.MetricFilter(this, `${metricName}Filter`, {
        logGroup: this.props.accessLogGroup,
        metricNamespace: this.namespace,
        metricName,
        filterPattern: logs.FilterPattern.stringValue('$.errorType', '=', errorType),
        metricValue: '1',
      });
    }
  }

  private createAlarms(): cloudwatch.Alarm[] {
    const { config, stage, functions, tables, namePrefix } = this.props;
    const limits = config.alarms;
    const alarm = (
      id: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      description: string,
      options: { periods?: number; missing?: cloudwatch.TreatMissingData } = {},
    ): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, id, {
        alarmName: `${namePrefix}-${id}`,
        alarmDescription: `${description} See docs/operating.md, "Alarms and what to do about each".`,
        metric,
        threshold,
        evaluationPeriods: options.periods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.missing ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      created.addOkAction(new actions.SnsAction(this.topic));
      return created;
    };

    const serverErrorRate = new cloudwatch.MathExpression({
      expression: 'errors * 100',
      usingMetrics: { errors: stage.metricServerError({ statistic: 'Average', period: PERIOD }) },
      label: '5XX responses (% of requests)',
      period: PERIOD,
    });
    const alarms = [
      alarm('Api5xxRate', serverErrorRate, limits.api5xxPercent, `At least ${limits.api5xxPercent}% of API responses were 5XX.`, {
        periods: 2,
      }),
      alarm(
        'AuthorizerP99Duration',
        functions.authorizer.metricDuration({ statistic: 'p99', period: PERIOD }),
        limits.authorizerP99Milliseconds,
        `The authorizer's p99 duration reached ${limits.authorizerP99Milliseconds} ms: every authenticated request waits for it.`,
        { periods: 3 },
      ),
    ];
    for (const [name, fn] of (Object.entries(functions) as [FunctionName, lambda.IFunction | undefined][]).filter(
      (entry): entry is [FunctionName, lambda.IFunction] => entry[1] !== undefined,
    )) {
      const label = name.charAt(0).toUpperCase() + name.slice(1);
      alarms.push(
        name === 'authorizer'
          ? // API Gateway answers 401 only when the authorizer throws, so Lambda counts every refused
            // credential as an error: the alarm watches the authorizer's own failures instead (a store
            // or secret that timed out, a fault). A crash before the handler runs is a 500, in Api5xxRate.
            alarm(
              `${label}Errors`,
              this.appMetric('AuthorizerDecisions', 'Sum', { outcome: 'error' }),
              limits.functionErrors,
              `The authorizer failed ${limits.functionErrors} or more times in 5 minutes (refused credentials are not counted).`,
            )
          : alarm(
              `${label}Errors`,
              fn.metricErrors({ period: PERIOD }),
              limits.functionErrors,
              `The ${name} function failed ${limits.functionErrors} or more times in 5 minutes.`,
            ),
        alarm(
          `${label}Throttles`,
          fn.metricThrottles({ period: PERIOD }),
          1,
          `Lambda throttled the ${name} function (concurrency exhausted).`,
        ),
      );
    }
    for (const [name, table] of Object.entries(tables) as [TableName, dynamodb.ITable][]) {
      const label = name.charAt(0).toUpperCase() + name.slice(1);
      alarms.push(
        alarm(
          `${label}TableThrottles`,
          table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
          limits.dynamoThrottledRequests,
          `DynamoDB throttled ${limits.dynamoThrottledRequests} or more requests to the ${name} table in 5 minutes.`,
        ),
        alarm(
          `${label}TableSystemErrors`,
          table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
          limits.dynamoSystemErrors,
          `DynamoDB answered requests to the ${name} table with server errors.`,
        ),
      );
    }
    alarms.push(
      alarm(
        'GatewayKeyProvisioningFailures',
        this.appMetric('GatewayKeyProvisioningFailures'),
        limits.gatewayKeyProvisioningFailures,
        'Creating or attaching API Gateway keys failed: a tier change left a tenant on a pooled key, or a tier is missing pooled keys (sign-up answers 503).',
      ),
      alarm(
        'GatewayKeysInUse',
        this.appMetric('AccountGatewayKeys', 'Maximum').with({ period: Duration.hours(1) }),
        limits.gatewayKeysInUse,
        `The account holds ${limits.gatewayKeysInUse} or more API Gateway keys in this region (all workloads); API Gateway allows 10,000, and then no tier change gets a dedicated key.`,
        // An hourly gauge: a late or missed send keeps the last state.
        { missing: cloudwatch.TreatMissingData.IGNORE },
      ),
    );
    return alarms;
  }

  private createDashboard(): cloudwatch.Dashboard {
    const { stage, functions, tables, webAcl, namePrefix } = this.props;
    const apiName = stage.restApi.restApiName;
    const apiSearch = (metric: string, statistic: string, label: string) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{AWS/ApiGateway,ApiName,Method,Resource,Stage} ApiName="${apiName}" Stage="${stage.stageName}" MetricName="${metric}"', '${statistic}', ${PERIOD.toSeconds()})`,
        label,
        period: PERIOD,
      });
    const graph = (title: string, left: cloudwatch.IMetric[], width = 6) => new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    const edge = (name: keyof typeof EDGE_METRICS) =>
      new cloudwatch.Metric({ namespace: this.namespace, metricName: name, statistic: 'Sum', period: PERIOD, label: name });
    const fns = (Object.entries(functions) as [FunctionName, lambda.IFunction | undefined][]).filter(
      (entry): entry is [FunctionName, lambda.IFunction] => entry[1] !== undefined,
    );
    const tableList = Object.entries(tables) as [TableName, dynamodb.ITable][];

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `${namePrefix}-operations` });
    dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# ${namePrefix}\nGolden signals per route (API Gateway), the authorizer's decisions, 429s by cause, business counters. Alarms and runbook: docs/operating.md.`,
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      graph('Requests per route', [apiSearch('Count', 'Sum', 'requests')]),
      graph('5XX per route', [apiSearch('5XXError', 'Sum', '5XX')]),
      graph('4XX per route', [apiSearch('4XXError', 'Sum', '4XX')]),
      graph('Latency p99 per route (ms)', [apiSearch('Latency', 'p99', 'p99')]),
    );
    dashboard.addWidgets(
      graph('Authorizer decisions by outcome', [this.appSearch('AuthorizerDecisions', 'outcome')]),
      graph('429s by cause', [this.appSearch('RateLimited', 'counters'), edge('EdgeThrottled'), edge('EdgeQuotaExceeded')]),
      graph('Authorizer duration (ms)', [
        functions.authorizer.metricDuration({ statistic: 'p50', period: PERIOD, label: 'p50' }),
        functions.authorizer.metricDuration({ statistic: 'p99', period: PERIOD, label: 'p99' }),
      ]),
      graph('Requests by operation (handlers)', [this.appSearch('Requests', 'operation')]),
    );
    dashboard.addWidgets(
      graph('Sign-ups and login lockouts', [
        this.appMetric('SignUps').with({ label: 'sign-ups' }),
        this.appMetric('LoginLockouts').with({ label: 'login lockouts' }),
      ]),
      graph('API keys', [
        this.appMetric('KeysCreated').with({ label: 'created' }),
        this.appMetric('KeysRotated').with({ label: 'rotated' }),
        this.appMetric('KeysRevoked').with({ label: 'revoked' }),
      ]),
      graph('Gateway keys and store timeouts', [
        this.appMetric('GatewayKeyProvisioningFailures').with({ label: 'provisioning failures' }),
        this.appMetric('StoreTimeouts').with({ label: 'store timeouts' }),
      ]),
      graph('API keys in the account and region (all workloads; quota 10,000)', [
        this.appMetric('AccountGatewayKeys', 'Maximum').with({ label: 'account API keys', period: Duration.hours(1) }),
      ]),
    );
    dashboard.addWidgets(
      graph(
        'Function errors and throttles',
        fns.flatMap(([name, fn]) => [
          fn.metricErrors({ period: PERIOD, label: `${name} errors` }),
          fn.metricThrottles({ period: PERIOD, label: `${name} throttles` }),
        ]),
        12,
      ),
      graph(
        'Function concurrency (max)',
        fns.map(([name, fn]) => fn.metric('ConcurrentExecutions', { statistic: 'Maximum', period: PERIOD, label: name })),
        12,
      ),
    );
    // SEARCH per table: the per-operation sums the alarms use share metric ids, which one graph cannot hold twice.
    const tableSearch = (metric: string) =>
      tableList.map(
        ([name, table]) =>
          new cloudwatch.MathExpression({
            expression: `SEARCH('{AWS/DynamoDB,Operation,TableName} MetricName="${metric}" TableName="${table.tableName}"', 'Sum', ${PERIOD.toSeconds()})`,
            label: name,
            period: PERIOD,
          }),
      );
    dashboard.addWidgets(
      graph('DynamoDB throttled requests by table and operation', tableSearch('ThrottledRequests'), 12),
      graph('DynamoDB system errors by table and operation', tableSearch('SystemErrors'), 12),
    );
    if (webAcl) {
      dashboard.addWidgets(
        graph(
          'WAF blocked requests by rule',
          webAcl.ruleNames.map(
            (rule) =>
              new cloudwatch.Metric({
                namespace: 'AWS/WAFV2',
                metricName: 'BlockedRequests',
                // WAF names the web ACL and its rules by their metric names in these dimensions.
                dimensionsMap: { WebACL: webAcl.name, Region: stage.stack.region, Rule: `${namePrefix}-${rule}` },
                statistic: 'Sum',
                period: PERIOD,
                label: rule,
              }),
          ),
          12,
        ),
      );
    }
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...this.alarms], width: 24, height: 6 }));
    return dashboard;
  }
}
