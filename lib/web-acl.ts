import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';

export interface ApiWebAclProps {
  readonly stage: apigateway.Stage;
  readonly limits: AppConfig['waf'];
  /** Prefix of the CloudWatch metric names of the web ACL and its rules (one per stack). */
  readonly metricPrefix: string;
}

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
 * An AWS WAF web ACL on the stage: per-IP rate limits on the credential routes (register, login:
 * unauthenticated, each a slow password hash) and on the whole API, then AWS managed rule groups
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
    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      {
        name: 'CredentialRoutesPerIp',
        priority: 0,
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            limit: props.limits.credentialRequestsPer5Minutes,
            evaluationWindowSec: 300,
            aggregateKeyType: 'IP',
            scopeDownStatement: {
              byteMatchStatement: {
                fieldToMatch: { uriPath: {} },
                positionalConstraint: 'CONTAINS',
                searchString: '/v1/auth/',
                textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
              },
            },
          },
        },
        visibilityConfig: visibility('CredentialRoutesPerIp'),
      },
      {
        name: 'AllRoutesPerIp',
        priority: 1,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: props.limits.requestsPer5Minutes, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
        visibilityConfig: visibility('AllRoutesPerIp'),
      },
      managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 2, [], visibility),
      managedRuleGroup('AWSManagedRulesCommonRuleSet', 3, BODY_RULES_COUNTED.AWSManagedRulesCommonRuleSet, visibility),
      managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 4, BODY_RULES_COUNTED.AWSManagedRulesKnownBadInputsRuleSet, visibility),
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
