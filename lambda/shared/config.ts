import { z } from 'zod';
import { DEFAULT_TIER_NAME, DEFAULT_TIERS, TIER_NAME_PATTERN, TierSchema } from './tiers';

/**
 * Deployment configuration. CDK context is validated with this schema at synth time and the
 * resolved value reaches every Lambda (and the local gateway) as the APP_CONFIG environment value,
 * parsed again with the same schema at cold start.
 */
export const AppConfigSchema = z
  .strictObject({
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'must be 1–16 lowercase letters, digits or dashes').default('dev'),
    keyPrefix: z.string().regex(/^[a-z]{2,8}$/, 'must be 2–8 lowercase letters').default('mem'),
    authorizerCacheTtlSeconds: z.number().int().min(0).max(300).default(10),
    tiers: z.record(z.string().regex(TIER_NAME_PATTERN, 'tier names are lowercase words'), TierSchema).default({ ...DEFAULT_TIERS }),
    defaultTier: z.string().default(DEFAULT_TIER_NAME),
    /** Tenants beyond this many own-gateway-keys share one pooled gateway key per tier (API Gateway caps keys at 10,000 a region). */
    dedicatedGatewayKeyLimit: z.number().int().min(0).max(10_000).default(9_000),
  })
  .superRefine((config, ctx) => {
    if (Object.keys(config.tiers).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'at least one tier is needed' });
    }
    if (!(config.defaultTier in config.tiers)) {
      ctx.addIssue({ code: 'custom', path: ['defaultTier'], message: `unknown tier "${config.defaultTier}"` });
    }
  });

export type AppConfig = z.infer<typeof AppConfigSchema>;
export type AppConfigInput = z.input<typeof AppConfigSchema>;

/** Parses configuration or throws one readable message listing every problem. */
export function parseAppConfig(input: unknown, source: string): AppConfig {
  const result = AppConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`Invalid configuration in ${source}: ${problems.join('; ')}`);
}

/** Partial tier overrides merge over the defaults, so `{"free": {"requestsPerMinute": 100}}` is enough. */
export function mergeTierOverrides(overrides: Record<string, unknown> | undefined): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...DEFAULT_TIERS };
  for (const [name, override] of Object.entries(overrides ?? {})) {
    const base = DEFAULT_TIERS[name];
    merged[name] = base && override && typeof override === 'object' ? { ...base, ...override } : override;
  }
  return merged;
}
