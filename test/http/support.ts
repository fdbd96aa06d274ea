import { mergeTierOverrides } from '../../lambda/shared/config';
import type { ApiResponse } from '../helpers/local-api';

/**
 * Configuration for files that send many requests per tenant: the free tier keeps its key limit
 * but gets room enough that the per-minute limit, the edge burst and the credits never interfere.
 */
export const roomyFreeTier = (extra: Record<string, unknown> = {}, freeTier: Record<string, unknown> = {}) => ({
  // Tests that make many keys for one tenant: the hourly creation rate has a test of its own (key-churn).
  keyCreationsPerHour: 10_000,
  ...extra,
  tiers: mergeTierOverrides({ free: { requestsPerMinute: 100_000, burst: 100_000, creditsPerMonth: 1_000_000, ...freeTier } }),
});

/** The `details` of a VALIDATION_ERROR body, as `field` names. */
export const detailFields = (response: ApiResponse): string[] =>
  (response.json?.error?.details ?? []).map((detail: { field: string }) => detail.field);

export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
