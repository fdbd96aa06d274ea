import type { ApiKeyRecord } from '../domain/records';
import { keyCreationsKey, keyEntryKey } from './item-keys';

/**
 * A key that ended (revoked, expired, or replaced by a rotation) is deleted this long after its end
 * by DynamoDB's TTL (within a few days after that), its record and its entry alike: kept as long
 * as its per-key usage days, so its history can still be read.
 */
export const ENDED_KEY_RETENTION_SECONDS = 90 * 86_400;
export const ttlAfter = (endsAt: string) => Math.floor(Date.parse(endsAt) / 1000) + ENDED_KEY_RETENTION_SECONDS;

/** How many keys a tenant may create (rotations included) in one clock hour. */
export interface CreationBudget {
  readonly perHour: number;
  readonly now: number;
}

/** One of the tenant's key creations of the clock hour (a transaction item), on an item that ages out with it. */
export function takeCreation(accountsTable: string, tenantId: string, budget: CreationBudget) {
  const hour = Math.floor(budget.now / 3_600_000);
  return {
    Update: {
      TableName: accountsTable,
      Key: keyCreationsKey(tenantId, hour),
      UpdateExpression: 'ADD created :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(created) OR created < :max',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':max': budget.perHour, ':ttl': (hour + 2) * 3_600 },
    },
  };
}

/** Sets the age-out of a key's entry in its tenant's partition (its end plus the retention time). */
export function endEntry(accountsTable: string, key: ApiKeyRecord, endsAt: string) {
  return {
    Update: {
      TableName: accountsTable,
      Key: keyEntryKey(key.tenantId, key.keyId),
      UpdateExpression: 'SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':ttl': ttlAfter(endsAt) },
    },
  };
}
