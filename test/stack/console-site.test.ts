import { describe, expect, it } from '@jest/globals';
import { Template } from 'aws-cdk-lib/assertions';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../../lambda/shared/console-headers';
import { MemoryApiStack } from '../../lib/memory-api-stack';
import { testApp } from '../helpers/cdk-app';

function consoleTemplate() {
  const stack = new MemoryApiStack(testApp(), 'MemoryApi-test');
  return { stack, template: Template.fromStack(stack) };
}

describe('ConsoleSite', () => {
  const { stack, template } = consoleTemplate();
  const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
    Properties: {
      DistributionConfig: Record<string, unknown> & { CacheBehaviors: Record<string, unknown>[]; Origins: Record<string, unknown>[] };
    };
  };
  const config = distribution.Properties.DistributionConfig;

  it('keeps the console files in a private, encrypted, TLS-only bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    const policy = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('aws:SecureTransport');
    expect(policy).toContain('cloudfront.amazonaws.com');
  });

  it('reads the bucket through an origin access control, never a public website endpoint', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const s3Origin = config.Origins.find((origin) => 'S3OriginConfig' in origin);
    expect(s3Origin).toMatchObject({ OriginAccessControlId: expect.anything() });
    expect(config.DefaultRootObject).toBe('index.html');
  });

  it('routes /v1/* to the API stage uncached, with every method and the viewer headers but Host', () => {
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/v1/*',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        ViewerProtocolPolicy: 'https-only',
      }),
    ]);
    const apiOrigin = config.Origins.find((origin) => 'CustomOriginConfig' in origin);
    expect(apiOrigin).toMatchObject({ CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } });
    expect(JSON.stringify(apiOrigin)).toContain(stack.resolve(stack.getLogicalId(stack.restApi.api.node.defaultChild as never)));
  });

  it('adds the console security headers to every answer', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: CONSOLE_CONTENT_SECURITY_POLICY, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        },
      },
    });
    expect(CONSOLE_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
    const policyId = (config.DefaultCacheBehavior as { ResponseHeadersPolicyId: unknown }).ResponseHeadersPolicyId;
    expect(config.CacheBehaviors[0]?.ResponseHeadersPolicyId).toEqual(policyId);
  });

  it('caches no error answer at the edge, so one caller’s 503 or 404 is never served to another (CloudFront’s default is 10 s)', () => {
    // Act
    const errors = (config as { CustomErrorResponses?: { ErrorCode: number; ErrorCachingMinTTL: number }[] }).CustomErrorResponses ?? [];

    // Assess
    expect(errors.map((error) => error.ErrorCode).sort()).toEqual([400, 403, 404, 405, 414, 500, 501, 502, 503, 504]);
    expect(errors.every((error) => error.ErrorCachingMinTTL === 0)).toBe(true);
  });

  it('copies the bundled console into the bucket and outputs its URL under the stable name ConsoleUrl', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    const outputs = template.findOutputs('ConsoleUrl');
    expect(JSON.stringify(outputs.ConsoleUrl?.Value)).toContain('DomainName');
  });
});
