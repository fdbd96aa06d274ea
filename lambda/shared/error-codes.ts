/** Every error code the API answers with, and its HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  AUTH_REQUIRED: 401,
  INVALID_CREDENTIALS: 401,
  INSUFFICIENT_SCOPE: 403,
  TENANT_MISMATCH: 403,
  KEY_LIMIT_REACHED: 403,
  ENVIRONMENT_FORBIDDEN: 403,
  TIER_UNAVAILABLE: 403,
  REQUEST_BLOCKED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  EMAIL_TAKEN: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_HEADERS_TOO_LARGE: 431,
  RATE_LIMIT_EXCEEDED: 429,
  QUOTA_EXCEEDED: 429,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  readonly field: string;
  readonly issue: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; request_id: string; details?: ErrorDetail[] };
}

export function errorBody(code: ErrorCode, message: string, requestId: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, request_id: requestId, ...(details ? { details } : {}) } };
}

/** `Retry-After` and its `X-RateLimit-Retry-After` twin, which every 429 and 503 carries with the same value. */
export function retryAfterHeaders(seconds: number): { 'Retry-After': string; 'X-RateLimit-Retry-After': string } {
  const value = String(Math.max(1, Math.ceil(seconds)));
  return { 'Retry-After': value, 'X-RateLimit-Retry-After': value };
}
