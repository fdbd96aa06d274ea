import type { Services } from '../services/services';
import { ApiError, retryAfterHeaders } from '../shared/errors';
import type { CreationBudget } from '../store/api-keys-store';
import type { AuthenticatedRequest } from './request';

/** Key creation has a bounded rate of its own, per tenant and clock hour (rotations included), so keys cannot be churned without end. */
export function creationBudget(services: Services, request: AuthenticatedRequest): CreationBudget {
  return { perHour: services.config.keyCreationsPerHour, now: request.now };
}

export function creationRateReached(services: Services, request: AuthenticatedRequest): ApiError {
  const nextHour = (Math.floor(request.now / 3_600_000) + 1) * 3_600;
  return new ApiError(
    'RATE_LIMIT_EXCEEDED',
    `A tenant may create ${services.config.keyCreationsPerHour} API keys an hour, rotations included`,
    undefined,
    retryAfterHeaders(nextHour - Math.floor(request.now / 1000)),
  );
}
