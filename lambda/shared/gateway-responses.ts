import { retryAfterHeaders, type ErrorCode } from './error-codes';

/**
 * Responses API Gateway itself makes, customised to the API's error shape. The CDK stack deploys
 * these templates and headers; the local gateway renders the very same templates with a VTL
 * engine, so local and deployed bodies cannot drift apart.
 */
export type GatewayResponseType =
  | 'UNAUTHORIZED'
  | 'ACCESS_DENIED'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'INVALID_API_KEY'
  | 'RESOURCE_NOT_FOUND'
  | 'REQUEST_TOO_LARGE'
  | 'BAD_REQUEST_BODY'
  | 'INTEGRATION_TIMEOUT'
  | 'WAF_FILTERED'
  | 'AUTHORIZER_FAILURE'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

export interface GatewayResponseDef {
  readonly type: GatewayResponseType;
  /**
   * Only where the API answers with another status than API Gateway's for this type. Never on
   * DEFAULT_4XX/DEFAULT_5XX: a status there would replace the status of every response of the
   * class (a 504 integration timeout would become a 500).
   */
  readonly status?: number;
  readonly code: ErrorCode;
  readonly message: string;
  /** Code and message come from the authorizer's Deny context, with `code` and `message` as fallbacks. */
  readonly fromAuthorizer?: boolean;
  /** Seconds a client should wait; a gateway response cannot compute it, so it is a fixed hint. */
  readonly retryAfterSeconds?: number;
}

export const GATEWAY_RESPONSES: readonly GatewayResponseDef[] = [
  { type: 'UNAUTHORIZED', code: 'AUTH_REQUIRED', message: 'A valid API key or access token is required' },
  { type: 'ACCESS_DENIED', code: 'INSUFFICIENT_SCOPE', message: 'This credential may not call this route', fromAuthorizer: true },
  { type: 'THROTTLED', code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests; slow down', retryAfterSeconds: 1 },
  { type: 'QUOTA_EXCEEDED', code: 'QUOTA_EXCEEDED', message: 'The monthly request quota is used up', retryAfterSeconds: 3600 },
  { type: 'MISSING_AUTHENTICATION_TOKEN', status: 404, code: 'NOT_FOUND', message: 'No such route' },
  // The authorizer accepted the credential but its tenant's gateway key is in no usage plan of this stage: our fault, not the client's.
  { type: 'INVALID_API_KEY', status: 500, code: 'INTERNAL_ERROR', message: 'This credential has no usage plan; please contact support' },
  { type: 'RESOURCE_NOT_FOUND', code: 'NOT_FOUND', message: 'No such route' },
  { type: 'REQUEST_TOO_LARGE', code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  { type: 'BAD_REQUEST_BODY', code: 'VALIDATION_ERROR', message: 'The request body is not valid' },
  { type: 'INTEGRATION_TIMEOUT', code: 'GATEWAY_TIMEOUT', message: 'The request took too long; it may or may not have been done' },
  { type: 'WAF_FILTERED', code: 'REQUEST_BLOCKED', message: 'The request was blocked by the firewall' },
  // The authorizer failed closed: a store or secret did not answer within its budget.
  {
    type: 'AUTHORIZER_FAILURE',
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
    message: 'The credential could not be checked in time; retry shortly',
    retryAfterSeconds: 2,
  },
  // Every other gateway 4xx and 5xx, each keeping its own status.
  { type: 'DEFAULT_4XX', code: 'VALIDATION_ERROR', message: 'The request could not be processed' },
  { type: 'DEFAULT_5XX', code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
];

/** Names of the authorizer context values the handlers and gateway responses read. */
export const AUTH_CONTEXT = {
  tenantId: 'tenantId',
  principalId: 'principalId',
  keyId: 'keyId',
  scopes: 'scopes',
  environment: 'environment',
  tier: 'tier',
  expiresAt: 'expiresAt',
  errorCode: 'errorCode',
  errorMessage: 'errorMessage',
} as const;

/**
 * A value interpolated into JSON. `$util.escapeJavaScript` escapes single quotes as `\'`, which
 * JSON does not allow, so they are turned back (AWS's documented idiom).
 */
const escaped = (reference: string): string => `$util.escapeJavaScript(${reference}).replaceAll("\\\\'","'")`;

/** The body template (VTL) of a gateway response: the API's error shape, ending with a newline like every JSON body. */
export function gatewayResponseTemplate(response: GatewayResponseDef): string {
  const fields = response.fromAuthorizer
    ? [fromContext('code', AUTH_CONTEXT.errorCode, response.code), fromContext('message', AUTH_CONTEXT.errorMessage, response.message)]
    : [];
  const code = response.fromAuthorizer ? escaped('$code') : literal(response.code);
  const message = response.fromAuthorizer ? escaped('$message') : literal(response.message);
  return `${fields.join('')}{"error":{"code":"${code}","message":"${message}","request_id":"${escaped('$context.requestId')}"}}\n`;
}

/** Response header mappings as API Gateway takes them: literal values in single quotes. */
export function gatewayResponseHeaders(response: GatewayResponseDef): Record<string, string> {
  if (response.retryAfterSeconds === undefined) return {};
  return Object.fromEntries(Object.entries(retryAfterHeaders(response.retryAfterSeconds)).map(([name, value]) => [name, `'${value}'`]));
}

/** `$name` = the authorizer context value, or `otherwise` when the authorizer set none (a Deny of another API's authorizer). */
function fromContext(name: string, contextKey: string, otherwise: string): string {
  return `#set($${name} = "$!context.authorizer.${contextKey}")#if($${name} == "")#set($${name} = "${literal(otherwise)}")#{end}`;
}

/** Fixed text placed in a template: it must need no escaping, in JSON or in VTL. */
function literal(text: string): string {
  if (/["\\$#\p{Cc}]/u.test(text))
    throw new Error(`gateway response text must not contain quotes, backslashes, $, # or control characters: ${text}`);
  return text;
}
