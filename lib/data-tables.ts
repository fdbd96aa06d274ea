import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_SCHEMAS, type TableName, type TableSchema } from '../lambda/shared/table-schemas';
import { removalPolicyFor } from './config';

export type { TableName };

export interface DataTablesProps {
  /** `prod` keeps the tables when the stack is deleted and protects them from deletion; other stages delete them. */
  readonly stage: string;
}

/**
 * The DynamoDB tables, built from the key schemas the runtime uses (and the local gateway
 * creates on DynamoDB Local), so the names cannot drift apart.
 */
export class DataTables extends Construct {
  public readonly accounts: dynamodb.Table;
  public readonly apiKeys: dynamodb.Table;
  public readonly memories: dynamodb.Table;
  public readonly usage: dynamodb.Table;
  public readonly audit: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    if (!props.stage) throw new Error('DataTables: stage is required');

    const table = (name: TableName, constructId: string): dynamodb.Table =>
      createTable(this, constructId, TABLE_SCHEMAS[name], props.stage);
    this.accounts = table('accounts', 'Accounts');
    this.apiKeys = table('apiKeys', 'ApiKeys');
    this.memories = table('memories', 'Memories');
    this.usage = table('usage', 'Usage');
    this.audit = table('audit', 'Audit');
  }
}

function createTable(scope: Construct, id: string, schema: TableSchema, stage: string): dynamodb.Table {
  const table = new dynamodb.Table(scope, id, {
    partitionKey: { name: schema.partitionKey, type: dynamodb.AttributeType.STRING },
    ...(schema.sortKey ? { sortKey: { name: schema.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
    ...(schema.ttlAttribute ? { timeToLiveAttribute: schema.ttlAttribute } : {}),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // The AWS managed key (aws/dynamodb) puts every decrypt in CloudTrail without a key policy to
    // maintain; the functions need no kms grant for it.
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy: removalPolicyFor(stage),
    // A production table can only be deleted after this is turned off on purpose.
    deletionProtection: stage === 'prod',
  });
  for (const index of schema.indexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}
