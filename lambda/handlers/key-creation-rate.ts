import type { Dependencies } from '../wiring/dependencies';
import { ApiError } from '../http/errors';
import { retryAfterHeaders } from '../shared/error-codes';
import type { AuthenticatedRequest } from './request';

/** The answer when the tenant's hourly key creations are spent (api-keys/key-issue.ts), until the next clock hour. */
export function creationRateReached(deps: Dependencies, request: AuthenticatedRequest): ApiError {
  const nextHour = (Math.floor(request.now / 3_600_000) + 1) * 3_600;
  return new ApiError(
    'RATE_LIMIT_EXCEEDED',
    `A tenant may create ${deps.config.keyCreationsPerHour} API keys an hour, rotations included`,
    undefined,
    retryAfterHeaders(nextHour - Math.floor(request.now / 1000)),
  );
}
