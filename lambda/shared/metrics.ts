/**
 * The business and safety metrics the functions emit (CloudWatch embedded metric format), and
 * their dimensions. The dashboard and alarms in lib/ are built from this table, so a metric the
 * code emits and the one an alarm watches cannot drift apart. Dimensions stay low-cardinality:
 * routes, causes, reasons; never a tenant, key or user id.
 */
export const METRICS = {
  /** One per authorizer invocation: `allowed`, a refusal reason (lambda/authorizer/outcome.ts) or `error`. */
  AuthorizerDecisions: ['outcome'],
  /** One per request a handler answers, by route operation (e.g. `createMemory`). */
  Requests: ['operation'],
  /** 429s our own counters give, by cause. Edge 429s are counted from the access log (EDGE_METRICS). */
  RateLimited: ['cause'],
  KeysCreated: [],
  KeysRotated: [],
  KeysRevoked: [],
  SignUps: [],
  /** Logins refused because the email used up its attempts in the window. */
  LoginLockouts: [],
  /** DynamoDB or Secrets Manager calls that timed out. */
  StoreTimeouts: [],
  /**
   * Control-plane failures making the stack's gateway keys: the pooled keys (deploy, the hourly
   * check) or a tenant's dedicated key on a tier change (the tenant stays on a pooled key).
   */
  GatewayKeyProvisioningFailures: [],
  /**
   * A tenant joined a tier whose pooled keys were all full (sign-ups outran the keys the scheduled
   * check makes ahead): it shares the tier's first key past that key's size. Raise `pooledGatewayKeyShards`.
   */
  PooledKeyOverflow: ['tier'],
  /** Requests the authorizer sent to the over-limit key: the tenant was past its own edge rate or minute (no shard token spent). */
  EdgeGuardRefusals: ['tier'],
  /** A gauge: every API key of the account in the region, all workloads' (API Gateway allows 10,000), sent hourly (read its Maximum). */
  AccountGatewayKeys: [],
} as const satisfies Record<string, readonly string[]>;

export type MetricName = keyof typeof METRICS;
export type MetricDimensions<N extends MetricName> = { readonly [D in (typeof METRICS)[N][number]]: string };

/** `management`: a credential's own budget for key management and usage routes (they spend no credit). */
export type RateLimitCause = 'minute' | 'route_cap' | 'credits' | 'management';

/**
 * 429s that API Gateway gives before any function runs, counted by metric filters on the access
 * log by its `errorType` field (no dimensions).
 */
export const EDGE_METRICS = { EdgeThrottled: 'THROTTLED', EdgeQuotaExceeded: 'QUOTA_EXCEEDED' } as const;

/** The service dimension Powertools adds to every metric, and the service name in logs and traces. */
export const SERVICE_NAME = 'agent-memory-api';

/** One namespace per stage, so two stages in one account never mix their figures. */
export function metricsNamespace(stage: string): string {
  return `AgentMemoryApi/${stage}`;
}
