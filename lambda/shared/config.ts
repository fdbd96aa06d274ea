import * as z from 'zod/mini';
import { ApiError } from './errors';
import { describeIssue } from './validation';
import { DEFAULT_TIER_NAME, DEFAULT_TIERS, TIER_NAME_PATTERN, TierSchema, type Tier } from './tiers';
const whole = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/** Browsers send an origin as scheme://host[:port], lower case, nothing after it: only exact origins are allowed. */
const OriginSchema = z
  .string()
  .check(
    z.refine(isOrigin, 'must be an origin such as https://app.example.com: http(s), lower-case host, optional port, no path and no "*"'),
  );

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Origins of browser apps that may call the API (none by default: CORS off), and how long a preflight answer is cached. */
const CorsSchema = z.strictObject({
  allowedOrigins: z._default(z.array(OriginSchema).check(z.maxLength(20)), []),
  maxAgeSeconds: z._default(whole(0, 7_200), 600),
});

/**
 * The AWS WAF web ACL on the stage. `enabled` defaults to on for the `prod` stage (`wafEnabled`).
 * Rate limits count requests per client IP over five minutes (AWS WAF's minimum is 10).
 */
const WafSchema = z.strictObject({
  enabled: z.optional(z.boolean()),
  credentialRequestsPer5Minutes: z._default(whole(10, 2_000_000_000), 100),
  requestsPer5Minutes: z._default(whole(10, 2_000_000_000), 20_000),
});

/** CloudWatch alarm thresholds (README, "Operating it"); each alarm looks at 5-minute periods. */
const AlarmsSchema = z.strictObject({
  /** Subscribed to the alarm topic when given (AWS sends a confirmation mail first). */
  email: z.optional(z.email('must be an email address')),
  api5xxPercent: z._default(z.number().check(z.positive(), z.maximum(100)), 1),
  functionErrors: z._default(whole(1, 1_000_000), 5),
  authorizerP99Milliseconds: z._default(whole(1, 29_000), 1_000),
  dynamoThrottledRequests: z._default(whole(1, 1_000_000), 10),
  dynamoSystemErrors: z._default(whole(1, 1_000_000), 1),
  gatewayKeyProvisioningFailures: z._default(whole(1, 1_000_000), 1),
  /** API Gateway allows 10,000 API keys per region and account; the alarm fires when this stack holds this many dedicated ones. */
  gatewayKeysInUse: z._default(whole(1, 10_000), 8_000),
});

/**
 * Reserved concurrency per function (none by default: a new account may have 10 concurrent
 * executions in all, and AWS keeps 10 unreserved) and provisioned concurrency for the authorizer.
 */
const reservedConcurrency = () => z.optional(whole(1, 10_000));
const ConcurrencySchema = z.strictObject({
  /** By function: the authorizer, each handler of the route table, and the JWT secret's rotation function. */
  reserved: z._default(
    z.strictObject({
      authorizer: reservedConcurrency(),
      health: reservedConcurrency(),
      auth: reservedConcurrency(),
      apiKeys: reservedConcurrency(),
      memories: reservedConcurrency(),
      usage: reservedConcurrency(),
      jwtRotation: reservedConcurrency(),
    }),
    {},
  ),
  authorizerProvisioned: z._default(whole(0, 10_000), 0),
});

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
    cors: z.prefault(CorsSchema, {}),
    /** Powertools Tracer (X-Ray) in every function, and X-Ray on the stage. */
    tracing: z._default(z.boolean(), true),
    waf: z.prefault(WafSchema, {}),
    alarms: z.prefault(AlarmsSchema, {}),
    /** Days between rotations of the JWT signing secret (tokens live an hour, so any interval keeps them valid). */
    jwtSecretRotationDays: z._default(whole(1, 365), 30),
    concurrency: z.prefault(ConcurrencySchema, {}),
  })
  .check(
    z.superRefine((config, ctx) => {
      if (Object.keys(config.tiers).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'at least one tier is needed' });
      }
      if (!Object.hasOwn(config.tiers, config.defaultTier)) {
        ctx.addIssue({ code: 'custom', path: ['defaultTier'], message: `unknown tier "${config.defaultTier}"` });
      }
      const { reserved, authorizerProvisioned } = config.concurrency;
      if (reserved.authorizer !== undefined && authorizerProvisioned > reserved.authorizer) {
        ctx.addIssue({
          code: 'custom',
          path: ['concurrency', 'authorizerProvisioned'],
          message: `must not exceed the authorizer's reserved concurrency (${reserved.authorizer})`,
        });
      }
    }),
  );

export type AppConfig = z.infer<typeof AppConfigSchema>;
export type AppConfigInput = z.input<typeof AppConfigSchema>;
/** Every Lambda function of the stack, by the name configuration gives it. */
export type FunctionName = keyof AppConfig['concurrency']['reserved'];

/** The web ACL is on for `prod` unless configured off, and off elsewhere unless configured on. */
export function wafEnabled(config: AppConfig): boolean {
  return config.waf.enabled ?? config.stage === 'prod';
}

/** Parses configuration or throws one readable message listing every problem. */
export function parseAppConfig(input: unknown, source: string): AppConfig {
  const result = AppConfigSchema.safeParse(input ?? {}, { error: describeIssue });
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
