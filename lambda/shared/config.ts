import * as z from 'zod/mini';
import { describeIssue } from './schema-messages';
import { HANDLER_NAMES, type HandlerName } from './routes';
import { DEFAULT_TIER_NAME, DEFAULT_TIERS, TIER_NAME_PATTERN } from './tiers';
import { TierSchema } from './tier-schema';
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

/** CloudWatch alarm thresholds (docs/operating.md, "Alarms and what to do about each"); each alarm looks at 5-minute periods. */
const AlarmsSchema = z.strictObject({
  /** Subscribed to the alarm topic when given (AWS sends a confirmation mail first). */
  email: z.optional(z.email('must be an email address')),
  api5xxPercent: z._default(z.number().check(z.positive(), z.maximum(100)), 1),
  functionErrors: z._default(whole(1, 1_000_000), 5),
  authorizerP99Milliseconds: z._default(whole(1, 29_000), 1_000),
  dynamoThrottledRequests: z._default(whole(1, 1_000_000), 10),
  dynamoSystemErrors: z._default(whole(1, 1_000_000), 1),
  gatewayKeyProvisioningFailures: z._default(whole(1, 1_000_000), 1),
  /** API Gateway allows 10,000 API keys per region and account (every workload's); the alarm fires when the account holds this many. */
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
      ...(Object.fromEntries(HANDLER_NAMES.map((name) => [name, reservedConcurrency()])) as Record<
        HandlerName,
        ReturnType<typeof reservedConcurrency>
      >),
      jwtRotation: reservedConcurrency(),
      gatewayKeys: reservedConcurrency(),
      tenantProvisioner: reservedConcurrency(),
    }),
    {},
  ),
  authorizerProvisioned: z._default(whole(0, 10_000), 0),
});

/** API Gateway's API keys per account and region, shared with every other workload there (a hard limit). */
export const ACCOUNT_API_KEY_QUOTA = 10_000;

/** The stack of a stage; its name also prefixes the usage plans and gateway keys, locally too. */
export function stackNameFor(stage: string): string {
  return `MemoryApi-${stage}`;
}

/** The `iss` of our own access tokens; an identity provider may not claim it. */
export const ACCESS_TOKEN_ISSUER = 'agent-memory-api';

/** `http` is only for a provider on this machine (tests, a local stand-in); a real provider's keys travel over TLS. */
function isAllowedJwksUri(value: string): boolean {
  // A string that is no URL at all is reported by the URL check.
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return url.protocol === 'http:' && (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
}

/** An external identity provider whose tokens (asymmetric signatures only) act for a tenant of ours. */
export const IdentityProviderSchema = z.strictObject({
  /** The exact `iss` of its tokens. */
  issuer: z.string().check(
    z.minLength(1, 'must not be empty'),
    z.refine((value) => value !== ACCESS_TOKEN_ISSUER, 'is our own issuer'),
  ),
  jwksUri: z.url().check(z.refine(isAllowedJwksUri, 'must be https (http only for a loopback host)')),
  /** The `aud` its tokens must carry (one of them, when a list). */
  audience: z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]),
  /** The claim naming the organisation or tenant (a dotted path reaches into an object, e.g. `o.id`). */
  tenantClaim: z._default(z.string().check(z.minLength(1)), 'org_id'),
  /** When present in a token, it narrows the token to the scopes it names (ours, or their aliases). */
  scopeClaim: z._default(z.string().check(z.minLength(1)), 'scope'),
});
export type IdentityProvider = z.infer<typeof IdentityProviderSchema>;

/**
 * Deployment configuration. CDK context is validated with this schema at synth time and the
 * resolved value reaches every Lambda as the APP_CONFIG environment value (and the local gateway as
 * it is), read without the schema at cold start (deployed-config.ts).
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
    /** At most this many tenants hold a dedicated gateway key; later ones share their tier's pooled keys (a region holds 10,000 keys). */
    dedicatedGatewayKeyLimit: z._default(z.int().check(z.minimum(0), z.maximum(ACCOUNT_API_KEY_QUOTA)), 9_000),
    /**
     * Pooled gateway keys of each tier kept ready beyond those its tenants fill: sign-ups fill them
     * in turn while the gateway-keys function (at deploy and every hour) makes more (docs/edge-capacity.md).
     */
    pooledGatewayKeyShards: z._default(z.int().check(z.minimum(1), z.maximum(64)), 4),
    /** Tenants sharing one pooled gateway key; its usage plan is sized for them (fewer for tiers the account throttle would not allow). */
    pooledTenantsPerKey: z._default(z.int().check(z.minimum(1), z.maximum(1_000)), 100),
    /**
     * Sets API Gateway's account-level CloudWatch Logs role, which stage logging needs, where the
     * account/region has none (an existing one is left alone); false leaves the account setting to you.
     */
    apiGatewayCloudWatchRole: z._default(z.boolean(), true),
    identityProviders: z._default(z.array(IdentityProviderSchema).check(z.maxLength(10)), []),
    cors: z.prefault(CorsSchema, {}),
    /** Powertools Tracer (X-Ray) in every function, and X-Ray on the stage. */
    tracing: z._default(z.boolean(), true),
    waf: z.prefault(WafSchema, {}),
    alarms: z.prefault(AlarmsSchema, {}),
    /** Days between rotations of the JWT signing secret (tokens live an hour, so any interval keeps them valid). */
    jwtSecretRotationDays: z._default(whole(1, 365), 30),
    concurrency: z.prefault(ConcurrencySchema, {}),
    /** Requests per minute each credential may make to the management routes (`/v1/api-keys*`, `/v1/usage`), which spend no credits. */
    managementRequestsPerMinute: z._default(z.int().check(z.minimum(1), z.maximum(10_000)), 60),
    /** Search (docs/search.md): Titan Text Embeddings V2's output size, and how many S3 vector buckets hold the sandboxes' indexes (10,000 indexes a bucket, two a sandbox). */
    search: z.prefault(
      z.strictObject({
        embeddingDimension: z._default(z.union([z.literal(256), z.literal(512), z.literal(1024)]), 512),
        vectorBuckets: z._default(whole(1, 100), 1),
      }),
      {},
    ),
    /** API keys a tenant may create in one clock hour, rotations included (ended keys are kept 90 days, so churn is bounded). */
    keyCreationsPerHour: z._default(z.int().check(z.minimum(1), z.maximum(10_000)), 30),
    /** Login attempts one client address may make in 15 minutes, over all emails (raise it for many users behind one NAT). */
    loginAttemptsPerAddress: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 100),
  })
  .check(
    z.superRefine((config, ctx) => {
      if (Object.keys(config.tiers).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'at least one tier is needed' });
      }
      const issuers = config.identityProviders.map((provider) => provider.issuer);
      issuers.forEach((issuer, index) => {
        if (issuers.indexOf(issuer) !== index)
          ctx.addIssue({ code: 'custom', path: ['identityProviders', index, 'issuer'], message: `issuer "${issuer}" is configured twice` });
      });
      if (!Object.hasOwn(config.tiers, config.defaultTier)) {
        ctx.addIssue({ code: 'custom', path: ['defaultTier'], message: `unknown tier "${config.defaultTier}"` });
      }
      const pooledKeys = Object.keys(config.tiers).length * config.pooledGatewayKeyShards;
      if (config.dedicatedGatewayKeyLimit + pooledKeys > ACCOUNT_API_KEY_QUOTA) {
        ctx.addIssue({
          code: 'custom',
          path: ['dedicatedGatewayKeyLimit'],
          message: `with ${pooledKeys} pooled keys it must be at most ${ACCOUNT_API_KEY_QUOTA - pooledKeys} (a region holds ${ACCOUNT_API_KEY_QUOTA} API keys)`,
        });
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

/**
 * The one reading of operator input, for synth (CDK context `memoryApi`) and `npm start`
 * (`MEMORY_API_CONFIG`) alike: a JSON object or its text, partial tier overrides merged over the
 * default tiers, then validated. A resolved configuration (a stack's AppConfig output, APP_CONFIG) is
 * read with `parseAppConfig` or `readDeployedConfig` instead, so a tier the operator removed does
 * not come back.
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
