import type { Dependencies } from '../wiring/dependencies';
import { ApiError, retryAfterHeaders } from '../http/errors';
import type { CreationBudget } from '../store/api-keys-store';
import type { AuthenticatedRequest } from './request';

/** Key creation has a bounded rate of its own, per tenant and clock hour (rotations included), so keys cannot be churned without end. */
export function creationBudget(deps: Dependencies, request: AuthenticatedRequest): CreationBudget {
  return { perHour: deps.config.keyCreationsPerHour, now: request.now };
}

export function creationRateReached(deps: Dependencies, request: AuthenticatedRequest): ApiError {
  const nextHour = (Math.floor(request.now / 3_600_000) + 1) * 3_600;
  return new ApiError(
    'RATE_LIMIT_EXCEEDED',
    `A tenant may create ${deps.config.keyCreationsPerHour} API keys an hour, rotations included`,
    undefined,
    retryAfterHeaders(nextHour - Math.floor(request.now / 1000)),
  );
}
