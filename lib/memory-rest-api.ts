import { RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ApiGatewayAccount } from './api-gateway-account';
import { wafEnabled, type AppConfig } from '../lambda/shared/config';
import { addCorsPreflight, gatewayResponseCorsHeaders } from './cors';
import {
  AUTH_CONTEXT,
  GATEWAY_RESPONSES,
  gatewayResponseHeaders,
  gatewayResponseTemplate,
  type GatewayResponseDef,
} from '../lambda/shared/gateway-responses';
import { ROUTES, type HandlerName, type RouteDef } from '../lambda/shared/routes';
import { CREDENTIAL_ROUTE_THROTTLE, isCredentialRoute } from '../lambda/shared/stage-throttles';
import { OVER_LIMIT_POOL, type GatewayKeyKind } from '../lambda/shared/tiers';
import { usagePlanDefinitions, type UsagePlanDefinition } from '../lambda/shared/usage-plans';

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
   * @default CREDENTIAL_ROUTE_THROTTLE (10 requests/s, burst 20)
   */
  readonly credentialRouteThrottle?: MethodThrottle;
  /** Removal policy of the access log group. @default DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** The RestApi's name, which API Gateway's metrics carry as ApiName: one per stage. @default the construct path */
  readonly restApiName?: string;
}

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
  /** The plan of the key the authorizer gives a tenant it knows to be over its edge limits (OVER_LIMIT_POOL). */
  public readonly overLimitPlan: apigateway.UsagePlan;
  /** By route key, e.g. `POST /v1/memories/search`. */
  public readonly methods: Readonly<Record<string, apigateway.Method>>;
  /** The CORS preflight methods (none unless origins are configured). */
  public readonly preflightMethods: readonly apigateway.Method[];
  /** Sets API Gateway's account CloudWatch Logs role where none is (unless configuration `apiGatewayCloudWatchRole` is off). */
  public readonly account?: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: MemoryRestApiProps) {
    super(scope, id);
    const routes = props.routes ?? ROUTES;
    validateProps(props, routes);
    const credentialThrottle = props.credentialRouteThrottle ?? CREDENTIAL_ROUTE_THROTTLE;

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: 'Memory API for AI agents',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER,
      // JSON answers (a page of memories runs to megabytes) go gzip-compressed to clients that accept it.
      minCompressionSize: Size.kibibytes(1),
      // CDK's own role would overwrite the account's setting; ApiGatewayAccount sets one only where none is.
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.config.stage,
        tracingEnabled: props.config.tracing,
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
    this.preflightMethods = addCorsPreflight(this.api, props.config.cors);
    const corsHeaders = gatewayResponseCorsHeaders(props.config.cors);
    for (const response of GATEWAY_RESPONSES) addGatewayResponse(this.api, response, corsHeaders);
    const plans: Record<string, Partial<Record<GatewayKeyKind, apigateway.UsagePlan>>> = {};
    let overLimitPlan: apigateway.UsagePlan | undefined;
    for (const definition of usagePlanDefinitions(props.usagePlanNamePrefix, props.config, routes)) {
      const plan = this.addTierPlan(definition);
      if (definition.tier === OVER_LIMIT_POOL) overLimitPlan = plan;
      else (plans[definition.tier] ??= {})[definition.kind] = plan;
    }
    this.usagePlans = plans as Record<string, Record<GatewayKeyKind, apigateway.UsagePlan>>;
    this.overLimitPlan = overLimitPlan as apigateway.UsagePlan;
    if (props.config.apiGatewayCloudWatchRole) {
      // Access and execution logging need API Gateway's account-level CloudWatch Logs role: without it the stage fails to deploy.
      this.account = new ApiGatewayAccount(this, 'Account', { config: props.config, logRemovalPolicy: props.logRemovalPolicy });
      this.api.deploymentStage.node.addDependency(this.account.resource);
    }
    this.acknowledgeNagFindings(routes, props.config);
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
   * limits come from the runtime's own counters. The definitions are the ones the local gateway
   * enforces, so both edges agree.
   */
  private addTierPlan(definition: UsagePlanDefinition): apigateway.UsagePlan {
    const { throttle, quota } = definition;
    return this.api.addUsagePlan(`UsagePlan-${definition.tier}-${definition.kind}`, {
      name: definition.name,
      description: `Edge limits of ${definition.tier} ${definition.kind} gateway keys: ${throttle.rateLimit.toFixed(2)} req/s, burst ${throttle.burstLimit}, monthly quota ${quota ?? 'none (credits are enforced by the API)'}`,
      throttle,
      ...(quota === null ? {} : { quota: { limit: quota, period: apigateway.Period.MONTH } }),
      apiStages: [
        {
          api: this.api,
          stage: this.api.deploymentStage,
          throttle: Object.entries(definition.methodThrottles).map(([route, methodThrottle]) => ({
            method: this.methods[route] as apigateway.Method,
            throttle: methodThrottle,
          })),
        },
      ],
    });
  }

  private acknowledgeNagFindings(routes: readonly RouteDef[], config: AppConfig): void {
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
    if (!wafEnabled(config)) {
      Validations.of(this.api.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'The web ACL is configured off for this stage (configuration waf.enabled; on by default for prod): AWS WAF bills per web ACL, rule and request. The stage still limits with usage plans per tier, stage throttles on the public credential routes and the authorizer.',
      });
    }
    for (const method of this.preflightMethods) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'A CORS preflight (OPTIONS) carries no credential by the Fetch standard; this mock integration only answers which headers a configured origin may send.',
      });
    }
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

/**
 * API Gateway's own answers, in the API's error shape (API.md), from the templates the local
 * gateway renders too, with the CORS headers a browser needs to read them. A status is set only
 * where the API's differs from API Gateway's.
 */
function addGatewayResponse(api: apigateway.RestApi, response: GatewayResponseDef, corsHeaders: Record<string, string>): void {
  const headers = { ...gatewayResponseHeaders(response), ...corsHeaders };
  api.addGatewayResponse(`Response-${response.type}`, {
    type: apigateway.ResponseType.of(response.type),
    ...(response.status === undefined ? {} : { statusCode: String(response.status) }),
    ...(Object.keys(headers).length ? { responseHeaders: headers } : {}),
    templates: { 'application/json': gatewayResponseTemplate(response) },
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
