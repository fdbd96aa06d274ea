import * as z from 'zod/mini';

const positiveWhole = () => z.int().check(z.positive());

/**
 * One pricing tier, as configuration gives it. `null` means unlimited. Apart from tiers.ts so
 * that code which only reads tiers (the authorizer) does not build zod's schemas at cold start.
 */
export const TierSchema = z.strictObject({
  requestsPerMinute: positiveWhole(),
  burst: positiveWhole(),
  creditsPerMonth: z.nullable(positiveWhole()),
  activeKeys: z.nullable(positiveWhole()),
  /**
   * Tenants of this tier get an API Gateway key of their own (their own edge throttle and quota);
   * otherwise they share one of the tier's pooled keys. Keys are a scarce, account-wide resource
   * (10,000 a region), so the defaults give them to paid tiers only.
   */
  dedicatedGatewayKey: z._default(z.boolean(), false),
});
export type Tier = z.infer<typeof TierSchema>;
