import { Aws, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3vectors from 'aws-cdk-lib/aws-s3vectors';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TITAN_TEXT_EMBEDDINGS_V2 } from '../lambda/search/bedrock-embedder';
import { SEARCH_ENVIRONMENT } from '../lambda/search/search-backends';
import type { AppConfig } from '../lambda/shared/config';
import { metricsNamespace } from '../lambda/shared/metrics';
import { ApiFunction } from './api-function';

export interface SearchIndexProps {
  readonly config: AppConfig;
  /** Its stream feeds the indexer. */
  readonly memoriesTable: dynamodb.Table;
  /** Functions that search: they may query the indexes and embed a query. */
  readonly searchers: readonly ApiFunction[];
  readonly alarmTopic: sns.ITopic;
  readonly namePrefix: string;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Actions of S3 Vectors that need GetVectors as well: a query with a filter or returning metadata (both of ours). */
const QUERY_ACTIONS = ['s3vectors:QueryVectors', 's3vectors:GetVectors'];
const WRITE_ACTIONS = ['s3vectors:PutVectors', 's3vectors:DeleteVectors', 's3vectors:CreateIndex', 's3vectors:GetIndex'];

/**
 * Hybrid search's AWS side (docs/search.md): S3 vector buckets whose indexes (two per sandbox)
 * are made by the indexer on a sandbox's first write; the indexer function on the memories table's
 * stream (retries, halving a failing batch, a dead-letter queue); Bedrock and S3 Vectors grants
 * for the searching functions; alarms on index lag and lost batches. Nothing here bills while idle.
 */
export class SearchIndex extends Construct {
  public readonly vectorBuckets: s3vectors.CfnVectorBucket[];
  public readonly indexer: ApiFunction;
  public readonly deadLetters: sqs.Queue;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: SearchIndexProps) {
    super(scope, id);
    const { config } = props;
    this.vectorBuckets = Array.from(
      { length: config.search.vectorBuckets },
      (_, n) => new s3vectors.CfnVectorBucket(this, `VectorBucket${n}`),
    );
    const bucketNames = this.vectorBuckets.map((bucket) => bucket.ref).join(',');
    const indexes = this.vectorBuckets.map((bucket) => `${bucket.attrVectorBucketArn}/index/*`);
    const titan = `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${TITAN_TEXT_EMBEDDINGS_V2}`;
    const environment = (fn: ApiFunction) =>
      fn
        .addEnvironment(SEARCH_ENVIRONMENT.vectorBuckets, bucketNames)
        .addEnvironment(SEARCH_ENVIRONMENT.embeddingDimension, String(config.search.embeddingDimension));

    for (const searcher of props.searchers) {
      environment(searcher);
      // Searchers also index what they write at once (read-after-write search); the stream indexer is the safety net.
      searcher.addToRolePolicy(new iam.PolicyStatement({ actions: [...QUERY_ACTIONS, ...WRITE_ACTIONS], resources: indexes }));
      searcher.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [titan] }));
    }

    this.indexer = new ApiFunction(this, 'Indexer', {
      entry: 'lambda/functions/search-indexer.ts',
      config,
      description: 'Keeps the sandboxes’ vector indexes in line with the memories table (its stream)',
      timeout: Duration.seconds(60),
      servesApi: false,
      logRemovalPolicy: props.logRemovalPolicy,
    });
    environment(this.indexer);
    this.indexer.addToRolePolicy(new iam.PolicyStatement({ actions: WRITE_ACTIONS, resources: indexes }));
    this.indexer.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [titan] }));

    this.deadLetters = new sqs.Queue(this, 'IndexDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the search indexer: it holds the stream positions of batches that failed every retry, for `npm run reindex`.',
    });
    this.indexer.addEventSource(
      new DynamoEventSource(props.memoriesTable, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(this.deadLetters),
        // Memories only: idempotency records share the table.
        filters: [lambda.FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith('MEM#') } } } })],
      }),
    );
    for (const fn of [...props.searchers, this.indexer])
      for (const bucket of this.vectorBuckets)
        Validations.of(fn.executionRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(bucket)}.VectorBucketArn>/index/*]`,
          reason:
            'S3 Vectors indexes are made at run time, one pair per sandbox: the grant names the stack’s vector bucket and `index/*` inside it.',
        });

    this.alarms = this.createAlarms(props);
  }

  private createAlarms(props: SearchIndexProps): cloudwatch.Alarm[] {
    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const created = new cloudwatch.Alarm(this, id, {
        alarmName: `${props.namePrefix}-${id}`,
        alarmDescription: `${description} See docs/search.md, "Operating it".`,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      created.addOkAction(new actions.SnsAction(props.alarmTopic));
      return created;
    };
    const period = Duration.minutes(5);
    return [
      alarm(
        'SearchIndexLag',
        new cloudwatch.Metric({ namespace: metricsNamespace(props.config.stage), metricName: 'SearchIndexLag', statistic: 'p95', period }),
        60_000,
        'A memory took more than a minute (p95) from its write to being searchable.',
      ),
      alarm(
        'SearchIndexIteratorAge',
        this.indexer.metric('IteratorAge', { statistic: 'Maximum', period }),
        300_000,
        'The search indexer is more than five minutes behind the memories table’s stream.',
      ),
      alarm(
        'SearchIndexDeadLetters',
        this.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period }),
        1,
        'A batch of memory changes failed every retry: those memories are not searchable until `npm run reindex`.',
      ),
    ];
  }
}
