import type { TableName } from './table-schemas';

/** Environment values the stack sets on each function and the runtime code reads. Secrets arrive as ARNs only. */
export const TABLE_ENVIRONMENT = {
  accounts: 'ACCOUNTS_TABLE',
  apiKeys: 'API_KEYS_TABLE',
  memories: 'MEMORIES_TABLE',
  usage: 'USAGE_TABLE',
  audit: 'AUDIT_TABLE',
} as const satisfies Record<TableName, string>;

export const SECRET_ENVIRONMENT = {
  pepper: 'PEPPER_SECRET_ARN',
  jwt: 'JWT_SECRET_ARN',
} as const;

export const APP_CONFIG_ENVIRONMENT = 'APP_CONFIG';
/** Prefix of the usage plan names (`usagePlanName`); only the auth function gets it. */
export const USAGE_PLAN_PREFIX_ENVIRONMENT = 'USAGE_PLAN_PREFIX';
/** The function that creates identity-provider tenants; only the authorizer gets it, with the right to invoke it. */
export const TENANT_PROVISIONER_ENVIRONMENT = 'TENANT_PROVISIONER_FUNCTION';
