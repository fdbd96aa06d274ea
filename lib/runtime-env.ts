import type { TableName } from './data-tables';

/**
 * Names of the environment values the runtime reads (lambda/platform/runtime.ts). Tables arrive
 * as names, secrets only as ARNs.
 */
export const TABLE_ENV: Readonly<Record<TableName, string>> = {
  accounts: 'ACCOUNTS_TABLE',
  apiKeys: 'API_KEYS_TABLE',
  memories: 'MEMORIES_TABLE',
  usage: 'USAGE_TABLE',
};

export const SECRET_ENV = {
  pepper: 'PEPPER_SECRET_ARN',
  jwt: 'JWT_SECRET_ARN',
} as const;

export type SecretRole = keyof typeof SECRET_ENV;

/** Prefix of the usage plan names (`usagePlanName` in lambda/shared/tiers.ts); the auth function finds plans by it. */
export const USAGE_PLAN_PREFIX_ENV = 'USAGE_PLAN_PREFIX';
