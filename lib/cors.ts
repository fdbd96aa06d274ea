import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { corsEnabled, gatewayCorsHeaders, preflightHeaders, preflightResources, type CorsConfig } from '../lambda/shared/cors';

/** Headers a preflight answer may carry; the template sets them only for an allowed origin. */
const PREFLIGHT_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Max-Age',
];

/**
 * An OPTIONS method on every resource of the route table when origins are configured: a mock
 * integration, no authorizer and no API key, so a browser's preflight needs no credential. The
 * response template names the origin back only when it is one of the configured ones, exactly
 * (CDK's own CORS option matches origins as regular expressions and answers others with the first).
 */
export function addCorsPreflight(api: apigateway.RestApi, cors: CorsConfig): apigateway.Method[] {
  if (!corsEnabled(cors)) return [];
  return [...preflightResources()].map(([path, methods]) =>
    api.root.resourceForPath(path).addMethod('OPTIONS', preflightIntegration(cors, methods), {
      authorizationType: apigateway.AuthorizationType.NONE,
      apiKeyRequired: false,
      methodResponses: [
        {
          statusCode: '204',
          responseParameters: Object.fromEntries(['Vary', ...PREFLIGHT_HEADERS].map((name) => [`method.response.header.${name}`, true])),
        },
      ],
    }),
  );
}

function preflightIntegration(cors: CorsConfig, methods: readonly string[]): apigateway.MockIntegration {
  return new apigateway.MockIntegration({
    requestTemplates: { 'application/json': '{"statusCode": 204}' },
    integrationResponses: [
      {
        statusCode: '204',
        responseParameters: { 'method.response.header.Vary': "'Origin'" },
        responseTemplates: { 'application/json': preflightTemplate(cors, methods) },
      },
    ],
  });
}

/**
 * VTL: reads the Origin header (HTTP/2 sends it lower case) and, for a configured origin, sets the
 * headers `preflightHeaders` gives, which the local gateway sends too.
 */
function preflightTemplate(cors: CorsConfig, methods: readonly string[]): string {
  const [example] = cors.allowedOrigins;
  const allowed = preflightHeaders(cors, example, methods);
  const overrides = PREFLIGHT_HEADERS.map((name) =>
    name === 'Access-Control-Allow-Origin'
      ? `#set($context.responseOverride.header.${name} = $origin)`
      : `#set($context.responseOverride.header.${name} = "${allowed[name] ?? ''}")`,
  );
  const matches = cors.allowedOrigins.map((origin) => `$origin == "${origin}"`).join(' || ');
  return [
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
    `#if(${matches})`,
    ...overrides,
    '#end',
  ].join('\n');
}

/** CORS headers of every gateway response, as the mappings API Gateway accepts: a quoted literal or a request header. */
export function gatewayResponseCorsHeaders(cors: CorsConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(gatewayCorsHeaders(cors)).map(([name, value]) => [
      name,
      'literal' in value ? `'${value.literal}'` : `method.request.header.${value.requestHeader}`,
    ]),
  );
}
