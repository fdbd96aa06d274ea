/** One problem of a `VALIDATION_ERROR`: the field (`scopes[1]`, `metadata.source`) and what is wrong with it. */
export interface ErrorDetail {
  readonly field: string;
  readonly issue: string;
}

/** The API refused a request: its status, machine-readable code, message and request id (quote it to support). */
export class MemoryApiError extends Error {
  override readonly name: string = 'MemoryApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly details: readonly ErrorDetail[] = [],
    /** Seconds to wait before trying again, from `Retry-After` (429 and 503 answers). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Reads the API's error shape; an answer without it (a proxy's page, say) keeps its status and gets code `UNKNOWN_ERROR`. */
  static from(response: Response, body: unknown): MemoryApiError {
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    const requestId =
      (typeof error?.request_id === 'string' ? error.request_id : undefined) ??
      response.headers.get('x-request-id') ??
      response.headers.get('x-amzn-requestid') ??
      undefined;
    return new MemoryApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'UNKNOWN_ERROR',
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status} ${response.statusText}`.trim(),
      requestId,
      Array.isArray(error?.details) ? error.details.filter(isDetail) : [],
      retryAfter(response),
    );
  }
}

/**
 * No answer came: the connection was refused, the host name did not resolve, the connection broke,
 * or `timeoutMs` passed first (code `TIMEOUT`). Status 0, so one `instanceof MemoryApiError` check
 * catches every failure of a call; `cause` holds what fetch threw.
 */
export class MemoryNetworkError extends MemoryApiError {
  override readonly name: string = 'MemoryNetworkError';

  constructor(
    override readonly code: 'NETWORK_ERROR' | 'TIMEOUT',
    message: string,
    options: { cause: unknown },
  ) {
    super(0, code, message, undefined);
    this.cause = options.cause;
  }
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isDetail(value: unknown): value is ErrorDetail {
  return isRecord(value) && typeof value.field === 'string' && typeof value.issue === 'string';
}
