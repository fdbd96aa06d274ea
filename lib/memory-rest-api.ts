import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { AppConfig } from '../lambda/shared/config';
import { retryAfterHeaders } from '../lambda/shared/errors';
import { AUTH_CONTEXT, GATEWAY_RESPONSES, type GatewayResponseDef } from '../lambda/shared/gateway-responses';
import { ROUTES, type HandlerName, type RouteDef } from '../lambda/shared/routes';
import {
  routeCapEdgeThrottle,
  tierEdgeQuota,
  tierEdgeThrottle,
  usagePlanName,
  type GatewayKeyKind,
  type Tier,
} from '../lambda/shared/tiers';

export interface MethodThrottle {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface MemoryRestApiProps {
  readonly config: AppConfig;
  /** The function behind each handler name the routes use. */
  readonly handlers: Readonly<Record<HandlerName, lambda.IFunction>>;
  /** Guards every route whose access is not `public`. */
  readonly authorizer: apigateway.IAuthorizer;
  /** Usage plans are named by `usagePlanName(prefix, tier, kind)`; the runtime looks them up by name. */
  readonly usagePlanNamePrefix: string;
  /** @default ROUTES */
  readonly routes?: readonly RouteDef[];
  /**
   * Stage-wide throttle on the public credential routes (register, login). No usage plan covers an
   * unauthenticated call and each one runs a slow password hash, so they get an edge limit of their own.
   * @default 10 requests/s, burst 20
   */
  readonly credentialRouteThrottle?: MethodThrottle;
  /** Removal policy of the access log group. @default DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
}

const DEFAULT_CREDENTIAL_ROUTE_THROTTLE: MethodThrottle = { rateLimit: 10, burstLimit: 20 };

/**
 * The REST API generated from the route table: one Lambda proxy method per route, the custom
 * authorizer on every non-public route and `apiKeyRequired` on those that spend credits (the
 * authorizer supplies the usage identifier key), a dedicated-key and a pooled-key usage plan per
 * tier, and Gateway Responses in the API's error shape.
 */
export class MemoryRestApi extends Construct {
  public readonly api: apigateway.RestApi;
  public readonly accessLogGroup: logs.LogGroup;
  /** By tier name: the plan of tenants' own gateway keys and the plan of the tier's shared pooled key. */
  public readonly usagePlans: Readonly<Record<string, Readonly<Record<GatewayKeyKind, apigateway.UsagePlan>>>>;
  /** By route key, e.g. `POST /v1/memories/search`. */
  public readonly methods: Readonly<Record<string, apigateway.Method>>;

  constructor(scope: Construct, id: string, props: MemoryRestApiProps) {
    super(scope, id);
    const routes = props.routes ?? ROUTES;
    validateProps(props, routes);
    const credentialThrottle = props.credentialRouteThrottle ?? DEFAULT_CREDENTIAL_ROUTE_THROTTLE;

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    // Access and execution logging need the account-level API Gateway CloudWatch role
    // (AWS::ApiGateway::Account, one per account and region). It is an account-wide setting, so
    // this stack does not own it: the operator sets it once, e.g. from the API Gateway console's
    // Settings page or a separate bootstrap stack, before the first deploy.
    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'Memory API for AI agents',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER,
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.config.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        // Request and response bodies carry keys, tokens and passwords: never log them.
        dataTraceEnabled: false,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: accessLogFormat(),
        methodOptions: Object.fromEntries(
          routes
            .filter(isCredentialRoute)
            .map((route) => [
              `${route.path}/${route.method}`,
              { throttlingRateLimit: credentialThrottle.rateLimit, throttlingBurstLimit: credentialThrottle.burstLimit },
            ]),
        ),
      },
    });

    this.methods = this.addRoutes(routes, props);
    for (const response of GATEWAY_RESPONSES) addGatewayResponse(this.api, response);
    const plan = (tierName: string, tier: Tier, kind: GatewayKeyKind): apigateway.UsagePlan =>
      this.addTierPlan(`UsagePlan-${tierName}-${kind}`, usagePlanName(props.usagePlanNamePrefix, tierName, kind), tier, kind, routes);
    this.usagePlans = Object.fromEntries(
      Object.entries(props.config.tiers).map(([tierName, tier]) => [
        tierName,
        { dedicated: plan(tierName, tier, 'dedicated'), pooled: plan(tierName, tier, 'pooled') },
      ]),
    );
    this.acknowledgeNagFindings(routes);
  }

  private addRoutes(routes: readonly RouteDef[], props: MemoryRestApiProps): Record<string, apigateway.Method> {
    const integrations = new Map<HandlerName, apigateway.LambdaIntegration>();
    const integrationFor = (handler: HandlerName): apigateway.LambdaIntegration => {
      let integration = integrations.get(handler);
      if (!integration) {
        integration = new apigateway.LambdaIntegration(props.handlers[handler], { allowTestInvoke: false });
        integrations.set(handler, integration);
      }
      return integration;
    };

    const methods: Record<string, apigateway.Method> = {};
    for (const route of routes) {
      // A usage plan's quota counts every request of a method that requires the gateway key: management
      // routes require none, so a leaked key that used up the quota cannot keep the owner from revoking it.
      const options: apigateway.MethodOptions =
        route.access === 'public'
          ? { operationName: route.operation, authorizationType: apigateway.AuthorizationType.NONE }
          : { operationName: route.operation, authorizer: props.authorizer, apiKeyRequired: !route.management };
      methods[routeKey(route)] = this.api.root.resourceForPath(route.path).addMethod(route.method, integrationFor(route.handler), options);
    }
    return methods;
  }

  /**
   * Usage plans are the cheap, best-effort first line at the edge; exact credits and per-minute
   * limits come from the runtime's own counters. The limits come from the same functions the
   * local gateway enforces, so both edges agree.
   */
  private addTierPlan(id: string, name: string, tier: Tier, kind: GatewayKeyKind, routes: readonly RouteDef[]): apigateway.UsagePlan {
    const quota = tierEdgeQuota(tier, kind);
    const throttle = tierEdgeThrottle(tier, kind);
    return this.api.addUsagePlan(id, {
      name,
      description: `Edge limits of ${kind} gateway keys: ${throttle.rateLimit.toFixed(2)} req/s, burst ${throttle.burstLimit}, monthly quota ${quota ?? 'none'}`,
      throttle,
      ...(quota === null ? {} : { quota: { limit: quota, period: apigateway.Period.MONTH } }),
      apiStages: [
        {
          api: this.api,
          stage: this.api.deploymentStage,
          throttle: routes
            .filter((route): route is RouteDef & { perMinuteCap: number } => route.perMinuteCap !== undefined)
            .map((route) => ({
              method: this.methods[routeKey(route)] as apigateway.Method,
              throttle: routeCapEdgeThrottle(route.perMinuteCap, kind),
            })),
        },
      ],
    });
  }

  private acknowledgeNagFindings(routes: readonly RouteDef[]): void {
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Requests are validated by the handlers with the same schemas the local gateway uses, so a bad request gets the API error shape with field-level details; a gateway request validator could only answer a generic 400.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'Callers are API clients holding API keys or access tokens, not Cognito users: every non-public route uses the custom Lambda authorizer (ApiKeyAuthorizer) with apiKeyRequired.',
      },
    );
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'AWS WAF is an account-level, per-request-billed choice left to the operator (attach a web ACL to the stage where required); this stack limits at the edge with usage plans per tier, stage throttles on the public credential routes and the authorizer.',
    });
    for (const route of routes.filter((candidate) => candidate.access === 'public')) {
      Validations.of(this.methods[routeKey(route)] as apigateway.Method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${routeKey(route)} is public by design (API.md: health check, register and login issue the first credential).`,
      });
    }
  }
}

export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** Unauthenticated routes that issue credentials (register, login). */
function isCredentialRoute(route: RouteDef): boolean {
  return route.access === 'public' && route.handler === 'auth';
}

/** API Gateway's own answers, in the API's error shape (API.md). Header values are quoted literals. */
function addGatewayResponse(api: apigateway.RestApi, response: GatewayResponseDef): void {
  const code = response.fromAuthorizer ? `$context.authorizer.${AUTH_CONTEXT.errorCode}` : response.code;
  const message = response.fromAuthorizer ? `$context.authorizer.${AUTH_CONTEXT.errorMessage}` : response.message;
  const retry = response.retryAfterSeconds === undefined ? undefined : retryAfterHeaders(response.retryAfterSeconds);
  api.addGatewayResponse(`Response-${response.type}`, {
    type: apigateway.ResponseType.of(response.type),
    statusCode: String(response.status),
    responseHeaders: retry ? Object.fromEntries(Object.entries(retry).map(([name, value]) => [name, `'${value}'`])) : undefined,
    templates: {
      // Ends with a newline like every JSON body of the API.
      'application/json': `${JSON.stringify({ error: { code, message, request_id: '$context.requestId' } })}\n`,
    },
  });
}

function accessLogFormat(): apigateway.AccessLogFormat {
  const field = apigateway.AccessLogField;
  return apigateway.AccessLogFormat.custom(
    JSON.stringify({
      requestId: field.contextRequestId(),
      requestTime: field.contextRequestTimeEpoch(),
      ip: field.contextIdentitySourceIp(),
      userAgent: field.contextIdentityUserAgent(),
      method: field.contextHttpMethod(),
      path: field.contextPath(),
      resource: field.contextResourcePath(),
      status: field.contextStatus(),
      responseLength: field.contextResponseLength(),
      latencyMs: field.contextResponseLatency(),
      integrationLatencyMs: field.contextIntegrationLatency(),
      authorizerLatencyMs: field.contextAuthorizeLatency(),
      principalId: field.contextAuthorizerPrincipalId(),
      tenantId: field.contextAuthorizer(AUTH_CONTEXT.tenantId),
      keyId: field.contextAuthorizer(AUTH_CONTEXT.keyId),
      errorType: field.contextErrorResponseType(),
      error: field.contextErrorMessage(),
    }),
  );
}

function validateProps(props: MemoryRestApiProps, routes: readonly RouteDef[]): void {
  if (routes.length === 0) throw new Error('MemoryRestApi: at least one route is needed');
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(props.usagePlanNamePrefix)) {
    throw new Error(`MemoryRestApi: usagePlanNamePrefix must be letters, digits and dashes (got "${props.usagePlanNamePrefix}")`);
  }
  if (Object.keys(props.config.tiers).length === 0) throw new Error('MemoryRestApi: at least one tier is needed');
  const seen = new Set<string>();
  for (const route of routes) {
    const key = routeKey(route);
    if (seen.has(key)) throw new Error(`MemoryRestApi: route ${key} is defined twice`);
    seen.add(key);
    if (!route.path.startsWith('/')) throw new Error(`MemoryRestApi: route ${key} must start with "/"`);
    if (!props.handlers[route.handler]) throw new Error(`MemoryRestApi: no function for handler "${route.handler}" (route ${key})`);
    if (route.perMinuteCap !== undefined && !(route.perMinuteCap > 0)) {
      throw new Error(`MemoryRestApi: route ${key} perMinuteCap must be positive`);
    }
  }
}
