import { APP_CONFIG_ENVIRONMENT } from '../lambda/shared/environment-names';
import { SERVICE_NAME } from '../lambda/shared/metrics';
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
import { FUNCTION_BUNDLE, lazyPartCommand, lazyPartExternals } from './bundle-options';

/** Entries and the lockfile are resolved from here, so synth works from any working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Node 24 is the current LTS and the newest Lambda Node runtime this CDK version knows. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** API Gateway gives up on an integration after 29 s; a function that runs longer only costs money. */
const MAX_TIMEOUT = Duration.seconds(29);
/** Lambda's own limit, for functions no API waits for (CloudFormation custom resources). */
const MAX_LAMBDA_TIMEOUT = Duration.minutes(15);

/**
 * The DynamoDB item actions the code calls. A transaction needs no action of its own: IAM
 * authorizes each of its items as the PutItem, UpdateItem or DeleteItem it is.
 */
/** `Scan` is for the gateway-keys function only (never a request path): see StackGatewayKeys. */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem';

/** Memory of a function that names none (the cost figures of `npm run bench` read it too). */
export const DEFAULT_MEMORY_MB = 512;

export interface TableBinding {
  readonly table: dynamodb.ITable;
  /** Exactly the actions the function calls on the table itself (an index is only ever queried). */
  readonly actions: readonly TableAction[];
  /** Environment value that receives the table name. */
  readonly envName: string;
  /** Global secondary indexes the function queries; each is granted Query by name, never `index/*`. */
  readonly indexNames?: readonly string[];
}

/** Lambda allows 4 KB of environment values in all; the configuration must leave room for table names and ARNs. */
const MAX_APP_CONFIG_BYTES = 3_000;

export interface ApiFunctionProps {
  /** Handler file relative to the project root (e.g. `lambda/functions/health.ts`); it exports `handler`. */
  readonly entry: string;
  /** The resolved configuration; every function receives it as APP_CONFIG. */
  readonly config: AppConfig;
  readonly description?: string;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds; at most 29 seconds (the API Gateway integration limit) when the function serves the API. */
  readonly timeout?: Duration;
  /** False for a function nothing waits on synchronously (a custom resource): it may run up to 15 minutes. @default true */
  readonly servesApi?: boolean;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Removal policy of the function's log group. @default DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Executions reserved for this function (and the most it may run at once). @default none: the account's unreserved pool */
  readonly reservedConcurrency?: number;
  /** Modules built into files of their own beside index.js, loaded only when needed (see lib/bundle-options.ts). @default none */
  readonly lazyParts?: readonly string[];
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * A Lambda function with the defaults every API function shares: arm64, current Node LTS, a
 * minified CJS bundle (AWS SDK included, so it is tree-shaken and minified too) with source maps,
 * X-Ray and Powertools Tracer unless configuration `tracing` is off, and its own log group written
 * through a role that may write only there.
 * Table and secret access is granted with `bindTable` / `bindSecret`, which set the environment
 * value and the least-privilege grant together.
 */
export class ApiFunction extends NodejsFunction {
  /** The execution role (created beside the function, since it must exist before it). */
  public readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    validateProps(id, props);
    const lazyParts = props.lazyParts ?? [];
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
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: props.config.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      reservedConcurrentExecutions: props.reservedConcurrency,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        // Powertools Tracer reads its switch from here; configuration `tracing` sets it.
        POWERTOOLS_TRACE_ENABLED: String(props.config.tracing),
        LOG_LEVEL: props.logLevel ?? 'INFO',
        [APP_CONFIG_ENVIRONMENT]: JSON.stringify(props.config),
      },
      bundling: {
        format: FUNCTION_BUNDLE.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
        target: FUNCTION_BUNDLE.target,
        minify: FUNCTION_BUNDLE.minify,
        sourceMap: FUNCTION_BUNDLE.sourcemap,
        sourcesContent: FUNCTION_BUNDLE.sourcesContent,
        // Bundle @aws-sdk/* rather than load the runtime's copy: only the used commands are kept.
        externalModules: lazyPartExternals(lazyParts),
        mainFields: [...FUNCTION_BUNDLE.mainFields],
        ...(lazyParts.length > 0
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => lazyParts.map((part) => lazyPartCommand(inputDir, outputDir, part)),
              },
            }
          : {}),
      },
    });

    this.executionRole = role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions without resource-level permissions are granted on "*": X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) and, for the JWT rotation function, secretsmanager:GetRandomPassword. Tables, secrets and logs are granted by ARN.',
    });
  }

  /** Sets `envName` to the table name and grants exactly the given item actions, and Query on the named indexes. */
  public bindTable(binding: TableBinding): this {
    assertEnvName(binding.envName);
    const { table, actions, indexNames = [] } = binding;
    if (actions.length === 0 && indexNames.length === 0) throw new Error(`${this.node.id}: bindTable needs at least one action or index`);
    this.addEnvironment(binding.envName, table.tableName);
    if (actions.length > 0) {
      this.addToRolePolicy(
        new iam.PolicyStatement({ actions: actions.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }),
      );
    }
    if (indexNames.length > 0) {
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: indexNames.map((indexName) => `${table.tableArn}/index/${indexName}`),
        }),
      );
    }
    return this;
  }

  /**
   * Sets `envName` to the secret's ARN (never its value) and grants GetSecretValue on it, the one
   * call the functions make (`grantRead` would add DescribeSecret).
   */
  public bindSecret(secret: secretsmanager.ISecret, envName: string): this {
    assertEnvName(envName);
    this.addEnvironment(envName, secret.secretArn);
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        // A secret's ARN ends in six random characters that a partial ARN leaves out.
        resources: [secret.secretFullArn ?? `${secret.secretArn}-??????`],
      }),
    );
    return this;
  }
}

function validateProps(id: string, props: ApiFunctionProps): void {
  if (!/^lambda\/functions\/[\w-]+\.ts$/.test(props.entry)) {
    throw new Error(
      `ApiFunction ${id}: entry must be a .ts file in lambda/functions/, relative to the project root (got "${props.entry}")`,
    );
  }
  const memorySize = props.memorySize ?? DEFAULT_MEMORY_MB;
  if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10_240) {
    throw new Error(`ApiFunction ${id}: memorySize must be an integer from 128 to 10240 MB (got ${memorySize})`);
  }
  if (JSON.stringify(props.config).length > MAX_APP_CONFIG_BYTES) {
    throw new Error(
      `ApiFunction ${id}: the configuration is over ${MAX_APP_CONFIG_BYTES} bytes as JSON, too large for the function environment`,
    );
  }
  if (props.servesApi !== false && props.timeout && props.timeout.toSeconds() > MAX_TIMEOUT.toSeconds()) {
    throw new Error(`ApiFunction ${id}: timeout must be at most 29 seconds, the API Gateway integration limit`);
  }
  if (props.timeout && props.timeout.toSeconds() > MAX_LAMBDA_TIMEOUT.toSeconds()) {
    throw new Error(`ApiFunction ${id}: timeout must be at most 15 minutes, Lambda's limit`);
  }
}

function assertEnvName(envName: string): void {
  if (!ENV_NAME.test(envName)) throw new Error(`environment name must be UPPER_SNAKE_CASE (got "${envName}")`);
}
