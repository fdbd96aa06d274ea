import { DomainError, type DomainErrorKind } from '../domain/errors';
import { ApiError } from '../http/errors';
import { retryAfterHeaders, type ErrorCode } from '../shared/error-codes';

/** The one table from a domain error to the API's answer: its code (hence status) and how long a client should wait. */
const ANSWERS: Readonly<Record<DomainErrorKind, { readonly code: ErrorCode; readonly retryAfterSeconds?: number }>> = {
  contention: { code: 'RATE_LIMIT_EXCEEDED', retryAfterSeconds: 1 },
  unavailable: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 },
  tier_unavailable: { code: 'TIER_UNAVAILABLE' },
};

/** An error as the API answers it: ApiErrors as they are, domain errors by the table; anything else is not a client's to see. */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (!(error instanceof DomainError)) return undefined;
  const { code, retryAfterSeconds } = ANSWERS[error.kind];
  return new ApiError(code, error.message, undefined, retryAfterSeconds === undefined ? {} : retryAfterHeaders(retryAfterSeconds));
}
