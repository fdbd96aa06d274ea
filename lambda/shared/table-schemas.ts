/**
 * Key schemas of the tables. The local gateway creates DynamoDB Local tables from these; the
 * CDK tables use the same names.
 */
export interface TableSchema {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly ttlAttribute?: string;
  /** A change stream (the search indexer reads the memories table's: each item's new state and keys). */
  readonly stream?: 'NEW_IMAGE';
  readonly indexes?: readonly { readonly name: string; readonly partitionKey: string; readonly sortKey: string }[];
}

export const TABLE_SCHEMAS = {
  accounts: { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl' },
  /** Ended keys age out (ENDED_KEY_RETENTION_SECONDS in api-keys-store.ts). */
  apiKeys: { partitionKey: 'keyHash', ttlAttribute: 'ttl' },
  memories: { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', stream: 'NEW_IMAGE' },
  usage: { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl' },
  /** Partition per tenant, time-ordered event ids as sort key (newest first is one Query). */
  audit: { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl' },
} as const satisfies Record<string, TableSchema>;

/** The tables by the names the code gives them (the deployed names come from the environment). */
export type TableName = keyof typeof TABLE_SCHEMAS;
