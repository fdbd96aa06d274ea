import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from '../shared/error-codes';

/** An error a client caused or may see; anything else becomes INTERNAL_ERROR. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}
