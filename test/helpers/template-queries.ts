import type { Template } from 'aws-cdk-lib/assertions';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string[];
}

export interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

type Resources = Record<string, CfnResource>;

function resources(template: Template): Resources {
  return (template.toJSON() as { Resources: Resources }).Resources;
}

export function resourcesOfType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(resources(template)).filter(([, resource]) => resource.Type === type);
}

/** The API's own functions (they all get APP_CONFIG), not CDK's deployment helpers (BucketDeployment, auto-delete). */
export function apiFunctionsOf(template: Template): [string, CfnResource][] {
  return resourcesOfType(template, 'AWS::Lambda::Function').filter(([, fn]) => {
    const environment = props(fn).Environment as { Variables?: Record<string, unknown> } | undefined;
    return environment?.Variables?.APP_CONFIG !== undefined;
  });
}

export function props(resource: CfnResource | undefined): Record<string, unknown> {
  return resource?.Properties ?? {};
}

/** Logical id referenced by `{ Ref }` or `{ Fn::GetAtt: [id, ...] }`. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

/** The resource a policy `Resource` entry points into: a table for `<table arn>/index/<name>` too. */
export function grantedResourceId(value: unknown): string | undefined {
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  return join ? referencedId(join[1][0]) : referencedId(value);
}

/**
 * Every API Gateway method keyed `METHOD /path`, with the path rebuilt from the Resource chain in
 * the template itself (not from the constructs that made it).
 */
export function methodsByRoute(template: Template): Map<string, Record<string, unknown>> {
  const all = resources(template);
  const pathOf = (resourceId: unknown): string => {
    const id = referencedId(resourceId);
    const resource = id ? all[id] : undefined;
    if (!resource || resource.Type !== 'AWS::ApiGateway::Resource') return '';
    const properties = props(resource);
    return `${pathOf(properties.ParentId)}/${String(properties.PathPart)}`;
  };
  const methods = new Map<string, Record<string, unknown>>();
  for (const [, method] of resourcesOfType(template, 'AWS::ApiGateway::Method')) {
    const properties = props(method);
    methods.set(`${String(properties.HttpMethod)} ${pathOf(properties.ResourceId) || '/'}`, properties);
  }
  return methods;
}

/** Statements of every IAM policy attached to the role of the given function. */
export function statementsOfFunction(template: Template, functionId: string): PolicyStatement[] {
  const all = resources(template);
  const roleId = referencedId(props(all[functionId]).Role);
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => ((props(policy).Roles as unknown[] | undefined) ?? []).some((role) => referencedId(role) === roleId))
    .flatMap(([, policy]) => (props(policy).PolicyDocument as { Statement: PolicyStatement[] }).Statement);
}

export function actionsOf(statement: PolicyStatement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

export function resourceListOf(statement: PolicyStatement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

export function environmentOf(template: Template, functionId: string): Record<string, unknown> {
  const environment = props(resources(template)[functionId]).Environment as { Variables?: Record<string, unknown> } | undefined;
  return environment?.Variables ?? {};
}

/** The Lambda function a REQUEST/TOKEN authorizer invokes. */
export function authorizerFunctionId(template: Template): string {
  const [authorizer] = resourcesOfType(template, 'AWS::ApiGateway::Authorizer');
  const uri = JSON.stringify(props(authorizer?.[1]).AuthorizerUri);
  const match = /"Fn::GetAtt":\["([^"]+)","Arn"\]/.exec(uri);
  if (!match?.[1]) throw new Error('no authorizer function found');
  return match[1];
}
