import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from '../domain/errors';

/**
 * Every DynamoDB and Secrets Manager call of a request shares one time budget, so a stalled store
 * fails with an `unavailable` domain error (503 SERVICE_UNAVAILABLE) in seconds instead of holding it until the Lambda
 * times out. Inside the budget each call attempt has its own timeouts and the SDK retries it a
 * bounded number of times; whatever is left of the budget aborts the call that is still waiting.
 */
export const REQUEST_BUDGET_MS = {
  /** A handler: below the functions' 10 s timeout, with room to answer. */
  handler: 6_000,
  /** The authorizer fails closed (API Gateway answers 503) within this. */
  authorizer: 3_000,
} as const;

/** Per attempt: how long to wait for a connection, and for an answer once sent. */
export const CALL_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 2_000 } as const;
/** One call and two retries, each with the SDK's backoff, within the request's budget. */
export const CALL_ATTEMPTS = 3;
/** A call made outside any request (setup, operator scripts) gets a budget of its own. */
const UNBUDGETED_CALL_MS = 15_000;

const deadlines = new AsyncLocalStorage<number>();

/** Runs `work` with a budget of `ms` for every store and secret call it makes. */
export function withBudget<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run(Date.now() + ms, work);
}

/** Aborts a call when the current request's budget runs out. */
export function budgetSignal(): AbortSignal {
  const deadline = deadlines.getStore();
  const remaining = deadline === undefined ? UNBUDGETED_CALL_MS : deadline - Date.now();
  if (remaining <= 0) throw unavailable();
  return AbortSignal.timeout(remaining);
}

/** Runs one store or secret call within the budget; a call that did not get an answer is `unavailable`. */
export async function budgeted<T>(call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await call(budgetSignal());
  } catch (error) {
    throw isUnavailable(error) ? unavailable() : error;
  }
}

export function unavailable(): DomainError {
  return new DomainError('unavailable', 'A backing service did not answer in time; retry shortly');
}

/** Names of errors that mean "no answer" (a timeout, an abort, throttling after the SDK's retries, a 5xx), not "no". */
const UNAVAILABLE_NAMES = new Set([
  'AbortError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalServiceError',
  'InternalFailure',
  'ServiceUnavailable',
]);
/** Socket errors, by code, or in the message when an SDK layer wrapped the error it got. */
const SOCKET_FAILURE = /\b(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)\b|socket hang up/;

/** Read by shape, not `instanceof`: an abort's reason is a DOMException, and errors may come from another realm. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DomainError) return error.kind === 'unavailable';
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, code, $metadata } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  return (
    (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) ||
    (typeof code === 'string' && SOCKET_FAILURE.test(code)) ||
    (typeof message === 'string' && SOCKET_FAILURE.test(message)) ||
    ($metadata?.httpStatusCode ?? 0) >= 500
  );
}
