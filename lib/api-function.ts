import { APP_CONFIG_ENVIRONMENT } from '../lambda/shared/environment-names';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';

/** Entries and the lockfile are resolved from here, so synth works from any working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Node 24 is the current LTS and the newest Lambda Node runtime this CDK version knows. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;
const BUNDLE_TARGET = 'node24';

/** API Gateway gives up on an integration after 29 s; a function that runs longer only costs money. */
const MAX_TIMEOUT = Duration.seconds(29);

/** Read keeps lookups and the condition checks of transactions; write adds item writes; put only adds items. No Scan. */
const TABLE_ACTIONS = {
  RO: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
  RW: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
  /** Append only: the audit trail's writers add events and can neither read nor change them. */
  PUT: ['dynamodb:PutItem'],
} as const;

export type TableAccessMode = keyof typeof TABLE_ACTIONS;

export interface TableBinding {
  readonly table: dynamodb.ITable;
  readonly accessMode: TableAccessMode;
  /** Environment value that receives the table name. */
  readonly envName: string;
  /** Global secondary indexes the function queries; each is granted by name, never `index/*`. */
  readonly indexNames?: readonly string[];
}

export interface ApiFunctionProps {
  /** Handler file relative to the project root (e.g. `lambda/handlers/health.ts`); it exports `handler`. */
  readonly entry: string;
  /** The resolved configuration; every function receives it as APP_CONFIG. */
  readonly config: AppConfig;
  readonly description?: string;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds; at most 29 seconds (the API Gateway integration limit). */
  readonly timeout?: Duration;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Removal policy of the function's log group. @default DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * A Lambda function with the defaults every API function shares: arm64, current Node LTS, a
 * minified CJS bundle (AWS SDK included, so it is tree-shaken and minified too) with source maps,
 * X-Ray, and its own log group written through a role that may write only there.
 * Table and secret access is granted with `bindTable` / `bindSecret`, which set the environment
 * value and the least-privilege grant together.
 */
export class ApiFunction extends NodejsFunction {
  /** The execution role (created beside the function, since it must exist before it). */
  public readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    validateProps(id, props);
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole, which may create and write any log group.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${id} function`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: `${PROJECT_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'agent-memory-api',
        LOG_LEVEL: props.logLevel ?? 'INFO',
        [APP_CONFIG_ENVIRONMENT]: JSON.stringify(props.config),
      },
      bundling: {
        format: OutputFormat.CJS,
        target: BUNDLE_TARGET,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle @aws-sdk/* rather than load the runtime's copy: only the used commands are kept.
        externalModules: [],
        mainFields: ['module', 'main'],
      },
    });

    this.executionRole = role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) is granted on "*": X-Ray has no resource-level permissions. Tables, secrets and logs are granted by ARN.',
    });
  }

  /** Sets `envName` to the table name and grants exactly the read or read-write item actions. */
  public bindTable(binding: TableBinding): this {
    assertEnvName(binding.envName);
    const { table, accessMode, indexNames = [] } = binding;
    this.addEnvironment(binding.envName, table.tableName);
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...TABLE_ACTIONS[accessMode]],
        resources: [table.tableArn, ...indexNames.map((indexName) => `${table.tableArn}/index/${indexName}`)],
      }),
    );
    return this;
  }

  /** Sets `envName` to the secret's ARN (never its value) and grants reading it. */
  public bindSecret(secret: secretsmanager.ISecret, envName: string): this {
    assertEnvName(envName);
    this.addEnvironment(envName, secret.secretArn);
    secret.grantRead(this);
    return this;
  }
}

function validateProps(id: string, props: ApiFunctionProps): void {
  if (!/^lambda\/[\w/.-]+\.ts$/.test(props.entry) || props.entry.includes('..')) {
    throw new Error(`ApiFunction ${id}: entry must be a .ts file under lambda/, relative to the project root (got "${props.entry}")`);
  }
  const memorySize = props.memorySize ?? 512;
  if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10_240) {
    throw new Error(`ApiFunction ${id}: memorySize must be an integer from 128 to 10240 MB (got ${memorySize})`);
  }
  if (props.timeout && props.timeout.toSeconds() > MAX_TIMEOUT.toSeconds()) {
    throw new Error(`ApiFunction ${id}: timeout must be at most 29 seconds, the API Gateway integration limit`);
  }
}

function assertEnvName(envName: string): void {
  if (!ENV_NAME.test(envName)) throw new Error(`environment name must be UPPER_SNAKE_CASE (got "${envName}")`);
}
