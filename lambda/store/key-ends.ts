import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../domain/errors';
import { isConditionFailure } from '../platform/dynamo';
import { counterKey } from './item-keys';
import type { CounterState } from './usage-counter-writes';

/** Concurrent ends of one tenant's keys race on the counter's version; the losers read again. */
const ATTEMPTS = 4;

/** A key's end as `UsageCounters.endKey` is told it; `cacheSeconds` is how long an authorizer may hold the key. */
export interface KeyEnd {
  readonly tenantId: string;
  readonly keyId: string;
  readonly endsAt: string;
  readonly now: number;
  readonly cacheSeconds: number;
}

/**
 * Puts the key's end on the tenant counter, where every charge of the key checks it. Ends that no
 * authorizer can still hold (older than the cache time) are dropped, so the item stays small.
 */
export async function markEndOnCounter(db: DynamoDBDocumentClient, table: string, end: KeyEnd): Promise<void> {
  const { tenantId, keyId, endsAt, now, cacheSeconds } = end;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await db.send(new GetCommand({ TableName: table, Key: counterKey(tenantId), ConsistentRead: true }));
    const state = (current.Item ?? {}) as CounterState & { endsVersion?: number };
    const earlier = state.ends?.[keyId];
    if (earlier !== undefined && earlier <= endsAt) return;
    const ends = Object.fromEntries(Object.entries(state.ends ?? {}).filter(([, end]) => Date.parse(end) + cacheSeconds * 1000 >= now));
    ends[keyId] = endsAt;
    try {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: counterKey(tenantId),
          UpdateExpression: 'SET #ends = :ends ADD #version :one',
          // Another end written since the read would be lost: read again.
          ConditionExpression: state.endsVersion === undefined ? 'attribute_not_exists(#version)' : '#version = :version',
          ExpressionAttributeNames: { '#ends': 'ends', '#version': 'endsVersion' },
          ExpressionAttributeValues: {
            ':ends': ends,
            ':one': 1,
            ...(state.endsVersion === undefined ? {} : { ':version': state.endsVersion }),
          },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new DomainError('contention', 'Too many concurrent changes to this account; retry shortly');
}
