import * as z from 'zod/mini';
import { ApiError } from './errors';
import { describeIssue } from './validation';
import { DEFAULT_TIER_NAME, DEFAULT_TIERS, TIER_NAME_PATTERN, TierSchema, type Tier } from './tiers';

/**
 * Deployment configuration. CDK context is validated with this schema at synth time and the
 * resolved value reaches every Lambda (and the local gateway) as the APP_CONFIG environment value,
 * parsed again with the same schema at cold start.
 */
export const AppConfigSchema = z
  .strictObject({
    stage: z._default(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,15}$/, 'must be 1–16 lowercase letters, digits or dashes')), 'dev'),
    keyPrefix: z._default(z.string().check(z.regex(/^[a-z]{2,8}$/, 'must be 2–8 lowercase letters')), 'mem'),
    authorizerCacheTtlSeconds: z._default(z.int().check(z.minimum(0), z.maximum(300)), 10),
    tiers: z._default(z.record(z.string().check(z.regex(TIER_NAME_PATTERN, 'tier names are lowercase words')), TierSchema), {
      ...DEFAULT_TIERS,
    }),
    defaultTier: z._default(z.string(), DEFAULT_TIER_NAME),
    /** Tenants beyond this many own-gateway-keys share one pooled gateway key per tier (API Gateway caps keys at 10,000 a region). */
    dedicatedGatewayKeyLimit: z._default(z.int().check(z.minimum(0), z.maximum(10_000)), 9_000),
    /** Requests per minute each credential may make to the management routes (`/v1/api-keys*`, `/v1/usage`), which spend no credits. */
    managementRequestsPerMinute: z._default(z.int().check(z.minimum(1), z.maximum(10_000)), 60),
    /**
     * Bytes of memory content one search reads, newest memories first (plus at most one DynamoDB
     * page of 1 MB): past it the answer says `complete: false` instead of reading the whole sandbox.
     */
    searchReadBytes: z._default(z.int().check(z.minimum(16_384), z.maximum(64 * 1024 * 1024)), 8 * 1024 * 1024),
    /** Login attempts one client address may make in 15 minutes, over all emails (raise it for many users behind one NAT). */
    loginAttemptsPerAddress: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 100),
  })
  .check(
    z.superRefine((config, ctx) => {
      if (Object.keys(config.tiers).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'at least one tier is needed' });
      }
      if (!Object.hasOwn(config.tiers, config.defaultTier)) {
        ctx.addIssue({ code: 'custom', path: ['defaultTier'], message: `unknown tier "${config.defaultTier}"` });
      }
    }),
  );

export type AppConfig = z.infer<typeof AppConfigSchema>;
export type AppConfigInput = z.input<typeof AppConfigSchema>;

/** Parses configuration or throws one readable message listing every problem. */
export function parseAppConfig(input: unknown, source: string): AppConfig {
  const result = AppConfigSchema.safeParse(input ?? {}, { error: describeIssue });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`Invalid configuration in ${source}: ${problems.join('; ')}`);
}

/**
 * The one reading of operator input, for synth (CDK context `memoryApi`) and `npm start`
 * (`MEMORY_API_CONFIG`) alike: a JSON object or its text, partial tier overrides merged over the
 * default tiers, then validated. A resolved configuration (APP_CONFIG) is read with
 * `parseAppConfig` instead, so a tier the operator removed does not come back.
 */
export function resolveAppConfig(raw: unknown, source: string): AppConfig {
  const input = configObject(raw, source);
  const { tiers, ...rest } = input;
  // Only an object of tier overrides is merged; anything else goes to the schema, which names the problem.
  const mergedTiers = tiers === undefined || isPlainObject(tiers) ? mergeTierOverrides(tiers) : tiers;
  return parseAppConfig({ ...rest, tiers: mergedTiers }, source);
}

/**
 * Partial tier overrides merge over the defaults, so `{"free": {"requestsPerMinute": 100}}` is
 * enough; a new tier needs every field, and `null` removes a tier.
 */
export function mergeTierOverrides(overrides: Record<string, unknown> | undefined): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...DEFAULT_TIERS };
  for (const [name, override] of Object.entries(overrides ?? {})) {
    const base = DEFAULT_TIERS[name];
    if (override === null) delete merged[name];
    else merged[name] = base && isPlainObject(override) ? { ...base, ...override } : override;
  }
  return merged;
}

/** `-c memoryApi='{...}'` and MEMORY_API_CONFIG arrive as text, cdk.json gives an object. */
function configObject(raw: unknown, source: string): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === '') return {};
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error(`Invalid configuration in ${source}: (root): not valid JSON`);
    }
  }
  if (!isPlainObject(value)) throw new Error(`Invalid configuration in ${source}: (root): must be an object`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one rule for a tier name that is not configured (a tier renamed or removed while tenants
 * were on it): the tenant is refused with 403 TIER_UNAVAILABLE, never charged at another tier's
 * limits. The authorizer denies such a credential; a handler that reads a tier throws the same error.
 */
export function findTier(config: AppConfig, name: string): Tier | undefined {
  return Object.hasOwn(config.tiers, name) ? config.tiers[name] : undefined;
}

export function tierOf(config: AppConfig, name: string): Tier {
  const tier = findTier(config, name);
  if (!tier) throw new ApiError('TIER_UNAVAILABLE', tierUnavailableMessage(name));
  return tier;
}

export function tierUnavailableMessage(name: string): string {
  return `The plan "${name}" of this account is no longer offered; contact support to move to another plan`;
}
