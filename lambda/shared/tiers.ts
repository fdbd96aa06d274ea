import { z } from 'zod';

/** One pricing tier. `null` means unlimited. */
export const TierSchema = z.strictObject({
  requestsPerMinute: z.number().int().positive(),
  burst: z.number().int().positive(),
  creditsPerMonth: z.number().int().positive().nullable(),
  activeKeys: z.number().int().positive().nullable(),
});
export type Tier = z.infer<typeof TierSchema>;

export const TIER_NAME_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

export const DEFAULT_TIERS: Readonly<Record<string, Tier>> = {
  free: { requestsPerMinute: 60, burst: 20, creditsPerMonth: 1_000, activeKeys: 2 },
  starter: { requestsPerMinute: 300, burst: 100, creditsPerMonth: 25_000, activeKeys: 5 },
  pro: { requestsPerMinute: 1_200, burst: 200, creditsPerMonth: 200_000, activeKeys: 20 },
  scale: { requestsPerMinute: 2_000, burst: 400, creditsPerMonth: 1_000_000, activeKeys: 50 },
  enterprise: { requestsPerMinute: 3_000, burst: 1_000, creditsPerMonth: null, activeKeys: null },
};

export const DEFAULT_TIER_NAME = 'free';
