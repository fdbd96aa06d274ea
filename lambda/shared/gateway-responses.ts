import type { ErrorCode } from './errors';

/**
 * Responses API Gateway itself makes, customised to the API's error shape. The CDK stack turns
 * them into Gateway Responses; the local gateway answers with the same bodies.
 * `fromAuthorizer`: code and message come from the authorizer's Deny context.
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
  | 'AUTHORIZER_FAILURE'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

export interface GatewayResponseDef {
  readonly type: GatewayResponseType;
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly fromAuthorizer?: boolean;
  /** Seconds a client should wait; a gateway response cannot compute it, so it is a fixed hint. */
  readonly retryAfterSeconds?: number;
}

export const GATEWAY_RESPONSES: readonly GatewayResponseDef[] = [
  { type: 'UNAUTHORIZED', status: 401, code: 'AUTH_REQUIRED', message: 'A valid API key or access token is required' },
  {
    type: 'ACCESS_DENIED',
    status: 403,
    code: 'INSUFFICIENT_SCOPE',
    message: 'This credential may not call this route',
    fromAuthorizer: true,
  },
  { type: 'THROTTLED', status: 429, code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests; slow down', retryAfterSeconds: 1 },
  { type: 'QUOTA_EXCEEDED', status: 429, code: 'QUOTA_EXCEEDED', message: 'The monthly request quota is used up', retryAfterSeconds: 3600 },
  { type: 'MISSING_AUTHENTICATION_TOKEN', status: 404, code: 'NOT_FOUND', message: 'No such route' },
  // The authorizer accepted the credential but its tenant's gateway key is in no usage plan of this stage: our fault, not the client's.
  { type: 'INVALID_API_KEY', status: 500, code: 'INTERNAL_ERROR', message: 'This credential has no usage plan; please contact support' },
  { type: 'RESOURCE_NOT_FOUND', status: 404, code: 'NOT_FOUND', message: 'No such route' },
  { type: 'REQUEST_TOO_LARGE', status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  { type: 'BAD_REQUEST_BODY', status: 400, code: 'VALIDATION_ERROR', message: 'The request body is not valid' },
  // The authorizer failed closed: a store or secret did not answer within its budget.
  {
    type: 'AUTHORIZER_FAILURE',
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
    message: 'The credential could not be checked in time; retry shortly',
    retryAfterSeconds: 2,
  },
  // Every other gateway 4xx (unsupported media type, bad parameters, ...) is normalised to one 400.
  { type: 'DEFAULT_4XX', status: 400, code: 'VALIDATION_ERROR', message: 'The request could not be processed' },
  { type: 'DEFAULT_5XX', status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
];

export function gatewayResponse(type: GatewayResponseType): GatewayResponseDef {
  const found = GATEWAY_RESPONSES.find((response) => response.type === type);
  if (!found) throw new Error(`no gateway response ${type}`);
  return found;
}

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
