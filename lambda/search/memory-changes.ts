import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Memory, Sandbox } from '../domain/memory';
import { isEnvironment } from '../domain/environments';
import type { MemoryChange } from './search-indexer';

/** The part of a DynamoDB stream record (NEW_AND_OLD_IMAGES) that indexing reads; Lambda's event and GetRecords both have it. */
export interface StreamRecord {
  readonly eventName?: string;
  readonly dynamodb?: {
    readonly Keys?: Record<string, unknown>;
    readonly NewImage?: Record<string, unknown>;
  };
}

export interface SandboxChanges {
  readonly scope: Sandbox;
  readonly changes: MemoryChange[];
}

/**
 * A stream image as plain values. The DynamoDB Streams client reads an empty map (`{"M": {}}`, a
 * memory without metadata) as `{}`, which unmarshall refuses: such a value is an empty map.
 */
function imageOf(image: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [
      name,
      typeof value === 'object' && value !== null && Object.keys(value).length === 0
        ? {}
        : unmarshall({ value } as Record<string, AttributeValue>).value,
    ]),
  );
}

const MEMORY_PARTITION = /^MEM#(.+)#([a-z]+)$/;

/** The sandbox whose memories a partition key holds; undefined for other items (idempotency records). */
export function sandboxOf(partitionKey: string): Sandbox | undefined {
  const match = MEMORY_PARTITION.exec(partitionKey);
  const environment = match?.[2];
  return match?.[1] && isEnvironment(environment) ? { tenantId: match[1], environment } : undefined;
}

/**
 * The memory changes in a batch of stream records, by sandbox, the last state of each memory only
 * (records of one item arrive in order). Items that are not memories (idempotency records) are
 * skipped.
 */
export function memoryChanges(records: readonly StreamRecord[]): SandboxChanges[] {
  const bySandbox = new Map<string, { scope: Sandbox; changes: Map<string, MemoryChange> }>();
  for (const record of records) {
    const keys = record.dynamodb?.Keys ? unmarshall(record.dynamodb.Keys as Record<string, AttributeValue>) : undefined;
    const partition = String(keys?.pk ?? '');
    const scope = sandboxOf(partition);
    if (!scope) continue;
    const id = String(keys?.sk);
    const entry = bySandbox.get(partition) ?? { scope, changes: new Map() };
    bySandbox.set(partition, entry);
    const image = record.dynamodb?.NewImage;
    if (record.eventName === 'REMOVE' || !image) entry.changes.set(id, { kind: 'delete', id });
    else {
      const { pk: _pk, sk: _sk, ...memory } = imageOf(image);
      entry.changes.set(id, { kind: 'upsert', memory: memory as unknown as Memory });
    }
  }
  return [...bySandbox.values()].map(({ scope, changes }) => ({ scope, changes: [...changes.values()] }));
}
