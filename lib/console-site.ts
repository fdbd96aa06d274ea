import { CfnOutput, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildConsoleInto } from '../console/build';
import { CONSOLE_SECURITY_HEADERS } from '../lambda/shared/console-headers';
import { PROJECT_ROOT } from './api-function';
import type { ViaCloudFront } from './web-acl';

/** The 4xx and 5xx answers CloudFront caches (416 it never does). */
export const CACHED_ERROR_STATUSES = [400, 403, 404, 405, 414, 500, 501, 502, 503, 504] as const;

export interface ConsoleSiteProps {
  /** The API the console calls; CloudFront routes `/v1/*` to it, so the browser talks to one origin. */
  readonly api: apigateway.RestApi;
  /** @default DESTROY (with the objects) */
  readonly removalPolicy?: RemovalPolicy;
  /** With the stage's web ACL: `/v1/*` requests carry the viewer's address and the origin's secret header. */
  readonly viaCloudFront?: ViaCloudFront;
}

/**
 * The web console: its files in a private bucket that only this distribution may read (origin
 * access control), `/v1/*` forwarded to the API uncached, and the console's security headers on
 * every answer. The console is bundled by esbuild at synth time, like the functions.
 */
export class ConsoleSite extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const destroy = (props.removalPolicy ?? RemovalPolicy.DESTROY) === RemovalPolicy.DESTROY;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      autoDeleteObjects: destroy,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Console security headers (lambda/shared/console-headers.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONSOLE_SECURITY_HEADERS['Content-Security-Policy'], override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    const via = props.viaCloudFront;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName} web console and API`,
      defaultRootObject: 'index.html',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      // CloudFront caches these error answers for 10 s by default, whatever the cache policy (error
      // caching is set per distribution, not per behavior): one caller's 503 or 404 would reach another.
      errorResponses: CACHED_ERROR_STATUSES.map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
      additionalBehaviors: {
        '/v1/*': {
          origin: new origins.RestApiOrigin(props.api, {
            ...(via ? { customHeaders: { [via.verifyHeader]: via.verifyValue } } : {}),
          }),
          ...(via
            ? {
                functionAssociations: [
                  { function: this.viewerAddressFunction(via), eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
                ],
              }
            : {}),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // Answers depend on credentials and change with every request: never cached at the edge.
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // API Gateway routes by its own Host header, so the viewer's is not forwarded.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });

    const deployment = new s3deploy.BucketDeployment(this, 'Files', {
      destinationBucket: this.bucket,
      distribution: this.distribution,
      sources: [
        s3deploy.Source.asset(`${PROJECT_ROOT}console`, {
          bundling: {
            // Never pulled: local bundling (esbuild in this process) always succeeds.
            image: DockerImage.fromRegistry('node:24-slim'),
            local: { tryBundle: (outputDir) => (buildConsoleInto(outputDir), true) },
          },
        }),
      ],
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;
    // A stable output name, so `jq -r '.[].ConsoleUrl' cdk-outputs.json` finds it (docs/deploying.md).
    const output = new CfnOutput(this, 'Url', {
      value: this.url,
      description: 'The web console (and the API under /v1 on the same origin)',
    });
    output.overrideLogicalId('ConsoleUrl');
    this.acknowledgeFindings(deployment);
  }

  /** Overwrites the viewer-address header with the address CloudFront saw, so a client cannot choose what the web ACL counts it as. */
  private viewerAddressFunction(via: ViaCloudFront): cloudfront.Function {
    const header = JSON.stringify(via.viewerAddressHeader);
    return new cloudfront.Function(this, 'ViewerAddress', {
      comment: 'Puts the viewer address in a header for the API stage web ACL',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        `function handler(event) { event.request.headers[${header}] = { value: event.viewer.ip }; return event.request; }`,
      ),
    });
  }

  private acknowledgeFindings(deployment: s3deploy.BucketDeployment): void {
    const acknowledge = (scope: Construct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'The bucket holds the console’s public static files only, read by CloudFront alone; who fetched them is not worth a log bucket. API calls are logged by the stage’s access log.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The console and API serve customers anywhere; no country is excluded by product decision.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'The API behind /v1 has its own limits (usage plans and exact counters); with waf enabled, the stage’s regional web ACL counts requests through this distribution by the viewer address (a CLOUDFRONT-scope web ACL would have to live in us-east-1).',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'Console files are static and public; API requests through /v1 are logged by the API stage access log with the request id.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The distribution uses the default cloudfront.net certificate, which CloudFront serves with TLSv1 allowed; a custom domain with a TLSv1.2_2021 policy is the deployer’s choice.',
    );
    // CDK's BucketDeployment: one singleton function per stack that copies the bundle in at deploy time.
    const stack = Stack.of(this);
    const copier = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment')) ?? deployment;
    const bucketId = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)) as string;
    acknowledge(
      copier,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK’s BucketDeployment function logs through the AWS managed AWSLambdaBasicExecutionRole; it runs only during deployments.',
    );
    const wildcards = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      `Resource::<${bucketId}.Arn>/*`,
      'Resource::*',
    ];
    for (const wildcard of wildcards) {
      acknowledge(
        copier,
        `AwsSolutions-IAM5[${wildcard}]`,
        'CDK’s BucketDeployment copies every console file from the CDK asset bucket and prunes old ones in this bucket (object wildcards on those two buckets only), and invalidates the distribution (CloudFront invalidation has no resource-level permission).',
      );
    }
    acknowledge(copier, 'AwsSolutions-L1', 'The BucketDeployment function’s runtime is chosen and kept current by aws-cdk-lib.');
  }
}
