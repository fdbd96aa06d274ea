import * as z from 'zod/mini';
import { ApiError } from '../http/errors';
import type { Principal } from './request';

/** `tenant_id` / `tenantId` may appear in a body or query, and then must name the caller's tenant. */
export const tenantFields = { tenant_id: z.optional(z.string()), tenantId: z.optional(z.string()) };

/** A tenant id named in a body or query must be the caller's own; the caller's comes from the credential. */
export function assertOwnTenant(principal: Principal, source: Record<string, unknown>): void {
  for (const field of Object.keys(tenantFields)) {
    const value = source[field];
    if (value !== undefined && value !== principal.tenantId) {
      throw new ApiError('TENANT_MISMATCH', `${field} does not match the tenant of this credential`);
    }
  }
}
