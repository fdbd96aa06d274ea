import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';

export interface ApiWebAclProps {
  readonly stage: apigateway.Stage;
  readonly limits: AppConfig['waf'];
  /** Prefix of the CloudWatch metric names of the web ACL and its rules (one per stack). */
  readonly metricPrefix: string;
  /** How requests that came through the stack's CloudFront distribution are told apart, and whose address they carry. */
  readonly viaCloudFront: ViaCloudFront;
}

/**
 * CloudFront reaches the stage from its own edge addresses. Its viewer-request function puts the
 * viewer's address in `viewerAddressHeader` (overwriting whatever the client sent), and the origin
 * adds `verifyHeader` with a secret value: only requests carrying that value are counted by the
 * viewer's address; any other request is counted by the address it came from, so a forged viewer
 * header sent straight to the stage gains nothing.
 */
export interface ViaCloudFront {
  readonly viewerAddressHeader: string;
  readonly verifyHeader: string;
  /** The secret value (a CloudFormation dynamic reference; never in the template as text). */
  readonly verifyValue: string;
}

/**
 * Makes the secret that marks requests as the stack's CloudFront distribution's (its origin sends
 * it in ORIGIN_VERIFY_HEADER), for the web ACL and the distribution alike.
 */
export function cloudFrontVerification(scope: Construct): { secret: secretsmanager.Secret; via: ViaCloudFront } {
  const secret = new secretsmanager.Secret(scope, 'OriginVerify', {
    description: 'Sent by the stack’s CloudFront distribution to the API stage, so the web ACL counts its requests by viewer address',
    generateSecretString: { excludePunctuation: true, passwordLength: 40 },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Not a credential: it only tells the web ACL which requests came through CloudFront (and so carry the viewer address). A new value takes a deploy of both the distribution and the web ACL, which rotation cannot do in step.',
  });
  return {
    secret,
    via: { viewerAddressHeader: VIEWER_ADDRESS_HEADER, verifyHeader: ORIGIN_VERIFY_HEADER, verifyValue: secret.secretValue.unsafeUnwrap() },
  };
}

/** Set by the distribution's viewer-request function to the viewer's address. */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Rules of the memory body a rule group inspects: memory content is the tenant's own text (often code), not markup. */
const BODY_RULES_COUNTED = {
  AWSManagedRulesCommonRuleSet: [
    'SizeRestrictions_BODY',
    'CrossSiteScripting_BODY',
    'GenericLFI_BODY',
    'GenericRFI_BODY',
    'EC2MetaDataSSRF_BODY',
  ],
  AWSManagedRulesKnownBadInputsRuleSet: ['JavaDeserializationRCE_BODY', 'Log4JRCE_BODY'],
} as const;

/**
 * An AWS WAF web ACL on the stage: per-client rate limits on the credential routes (register, login:
 * unauthenticated, each a slow password hash) and on the whole API, by the real client address
 * also for requests through CloudFront (ViaCloudFront), then AWS managed rule groups
 * that fit a JSON API. Their body rules only count, since a memory may legitimately hold script
 * tags, paths or long text; our own validation bounds bodies. A blocked request gets API Gateway's
 * WAF_FILTERED gateway response, in the API's error shape.
 */
export class ApiWebAcl extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  /** The web ACL's name, which is also its metric name (the WebACL dimension of AWS/WAFV2). */
  public readonly name: string;
  /** Rule names, for the dashboard's blocked-request graph. */
  public readonly ruleNames: readonly string[];

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      sampledRequestsEnabled: true,
      cloudWatchMetricsEnabled: true,
      metricName: `${props.metricPrefix}-${name}`,
    });
    const credentialRoutes: wafv2.CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'CONTAINS',
        searchString: '/v1/auth/',
        textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
      },
    };
    const fromCloudFront: wafv2.CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { singleHeader: { Name: props.viaCloudFront.verifyHeader } },
        positionalConstraint: 'EXACTLY',
        searchString: props.viaCloudFront.verifyValue,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const notFromCloudFront: wafv2.CfnWebACL.StatementProperty = { notStatement: { statement: fromCloudFront } };
    const both = (a: wafv2.CfnWebACL.StatementProperty, b: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.StatementProperty => ({
      andStatement: { statements: [a, b] },
    });
    /** One rate rule counting by the address a request came from, its twin counting CloudFront's requests by the viewer's. */
    const perClient = (name: string, priority: number, limit: number, scope?: wafv2.CfnWebACL.StatementProperty) => [
      rateRule(`${name}PerIp`, priority, visibility, {
        limit,
        evaluationWindowSec: 300,
        aggregateKeyType: 'IP',
        scopeDownStatement: scope ? both(scope, notFromCloudFront) : notFromCloudFront,
      }),
      rateRule(`${name}PerViewer`, priority + 1, visibility, {
        limit,
        evaluationWindowSec: 300,
        aggregateKeyType: 'FORWARDED_IP',
        // A request from CloudFront always has it; should it be missing, the request is counted as over.
        forwardedIpConfig: { headerName: props.viaCloudFront.viewerAddressHeader, fallbackBehavior: 'MATCH' },
        scopeDownStatement: scope ? both(scope, fromCloudFront) : fromCloudFront,
      }),
    ];
    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      ...perClient('CredentialRoutes', 0, props.limits.credentialRequestsPer5Minutes, credentialRoutes),
      ...perClient('AllRoutes', 2, props.limits.requestsPer5Minutes),
      managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 4, [], visibility),
      managedRuleGroup('AWSManagedRulesCommonRuleSet', 5, BODY_RULES_COUNTED.AWSManagedRulesCommonRuleSet, visibility),
      managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 6, BODY_RULES_COUNTED.AWSManagedRulesKnownBadInputsRuleSet, visibility),
    ];
    this.ruleNames = rules.map((rule) => rule.name);

    this.name = `${props.metricPrefix}-WebAcl`;
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: this.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: 'Per-IP rate limits and AWS managed rules in front of the memory API stage',
      visibilityConfig: visibility('WebAcl'),
      rules,
    });
    const association = new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The stage ARN is built from its name, not a reference: without this the association could come first.
    association.node.addDependency(props.stage);
  }
}

function rateRule(
  name: string,
  priority: number,
  visibility: (name: string) => wafv2.CfnWebACL.VisibilityConfigProperty,
  rateBasedStatement: wafv2.CfnWebACL.RateBasedStatementProperty,
): wafv2.CfnWebACL.RuleProperty {
  return { name, priority, action: { block: {} }, statement: { rateBasedStatement }, visibilityConfig: visibility(name) };
}

function managedRuleGroup(
  name: string,
  priority: number,
  countedRules: readonly string[],
  visibility: (name: string) => wafv2.CfnWebACL.VisibilityConfigProperty,
): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(countedRules.length > 0
          ? { ruleActionOverrides: countedRules.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
          : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}
