import { DomainError } from '../domain/errors';
import type { AppConfig } from './config';
import type { Tier } from './tiers';

/** Every key of a resolved configuration: the compiler keeps this list whole. */
const CONFIG_KEYS = {
  stage: true,
  keyPrefix: true,
  authorizerCacheTtlSeconds: true,
  tiers: true,
  defaultTier: true,
  dedicatedGatewayKeyLimit: true,
  pooledGatewayKeyShards: true,
  pooledTenantsPerKey: true,
  apiGatewayCloudWatchRole: true,
  identityProviders: true,
  cors: true,
  tracing: true,
  waf: true,
  alarms: true,
  jwtSecretRotationDays: true,
  concurrency: true,
  managementRequestsPerMinute: true,
  search: true,
  keyCreationsPerHour: true,
  loginAttemptsPerAddress: true,
} as const satisfies Record<keyof AppConfig, true>;

/**
 * The configuration a function runs with: APP_CONFIG, which the stack writes from the
 * configuration it resolved and validated with AppConfigSchema at synth (lib/config.ts). It is
 * read as written, not parsed with the schema again: building zod's schemas would cost the
 * authorizer's cold start more than all of its own code. A value that is not a whole resolved
 * configuration (unset, edited by hand) fails the cold start, naming what is wrong.
 */
export function readDeployedConfig(text: string | undefined, source: string): AppConfig {
  const invalid = (problem: string) => new Error(`Invalid configuration in ${source}: ${problem}`);
  if (text === undefined) throw invalid('(root): not set');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('(root): not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('(root): must be an object');
  const missing = Object.keys(CONFIG_KEYS).filter((key) => !Object.hasOwn(value, key));
  if (missing.length > 0) throw invalid(`missing ${missing.join(', ')} (the stack writes it resolved, every key present)`);
  return value as AppConfig;
}

/**
 * The one rule for a tier name that is not configured (a tier renamed or removed while tenants
 * were on it): the tenant is refused with 403 TIER_UNAVAILABLE, never charged at another tier's
 * limits. The authorizer denies such a credential; a handler that reads a tier throws the same error.
 */
export function findTier(config: AppConfig, name: string): Tier | undefined {
  return Object.hasOwn(config.tiers, name) ? config.tiers[name] : undefined;
}

/** The configured tier of a tenant; a tier no longer configured is `tier_unavailable` (see findTier). */
export function tierOf(config: AppConfig, name: string): Tier {
  const tier = findTier(config, name);
  if (!tier) throw new DomainError('tier_unavailable', tierUnavailableMessage(name));
  return tier;
}

export function tierUnavailableMessage(name: string): string {
  return `The plan "${name}" of this account is no longer offered; contact support to move to another plan`;
}
