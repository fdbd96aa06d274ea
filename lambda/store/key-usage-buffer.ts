import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dayKey, keyUsagePartition } from './item-keys';

/**
 * How long a function instance holds a key's requests before writing them: the first request
 * that finds the oldest held count this old carries the writes, in parallel with its own calls.
 */
export const KEY_USAGE_FLUSH_MS = 10_000;

interface Held {
  readonly tenantId: string;
  readonly keyId: string;
  readonly day: string;
  requests: number;
  lastUsedAt: string;
}

/**
 * Per-key usage (requests per UTC day and the last use) summed in this function instance and
 * written in batches: one UpdateItem per key and day per flush instead of one per request, so a
 * metered request writes only its tenant counter. What it holds is written when due (see
 * `KEY_USAGE_FLUSH_MS`) or on shutdown; an instance that ends without a shutdown signal loses what
 * it held (at most the requests since its last flush). A count whose write fails is held again.
 * Nothing exact depends on it: limits, credits and a key's end live on the tenant counter.
 */
export class KeyUsageBuffer {
  private readonly held = new Map<string, Held>();
  /** When the oldest held count was taken (undefined: nothing held). */
  private oldest: number | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly dayItemTtl: (now: number) => number,
  ) {}

  add(tenantId: string, keyId: string, now: number): void {
    const day = new Date(now).toISOString().slice(0, 10);
    const id = `${tenantId}#${keyId}#${day}`;
    const lastUsedAt = new Date(now).toISOString();
    const entry = this.held.get(id);
    if (entry) {
      entry.requests += 1;
      if (lastUsedAt > entry.lastUsedAt) entry.lastUsedAt = lastUsedAt;
    } else this.held.set(id, { tenantId, keyId, day, requests: 1, lastUsedAt });
    this.oldest ??= now;
  }

  /** Writes what is held once the oldest count is due; otherwise nothing (no call). */
  flushIfDue(now: number): Promise<void> {
    if (this.oldest === undefined || now - this.oldest < KEY_USAGE_FLUSH_MS) return Promise.resolve();
    return this.flush(now);
  }

  /** Writes everything held, after any flush already under way (it never fails: a failed count is held again). */
  flush(now: number): Promise<void> {
    const next = (this.flushing ?? Promise.resolve()).then(() => this.write(now));
    this.flushing = next;
    void next.finally(() => {
      if (this.flushing === next) this.flushing = undefined;
    });
    return next;
  }

  private async write(now: number): Promise<void> {
    const batch = [...this.held.values()];
    this.held.clear();
    this.oldest = undefined;
    const results = await Promise.allSettled(batch.map((entry) => this.writeOne(entry, now)));
    results.forEach((result, index) => {
      if (result.status === 'rejected') this.holdAgain(batch[index] as Held, now);
    });
  }

  private async writeOne(entry: Held, now: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: keyUsagePartition(entry.tenantId, entry.keyId), sk: dayKey(entry.day) },
        UpdateExpression: 'ADD requests :requests SET lastUsedAt = :lastUsedAt, #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':requests': entry.requests, ':lastUsedAt': entry.lastUsedAt, ':ttl': this.dayItemTtl(now) },
      }),
    );
  }

  private holdAgain(entry: Held, now: number): void {
    const id = `${entry.tenantId}#${entry.keyId}#${entry.day}`;
    const current = this.held.get(id);
    if (current) {
      current.requests += entry.requests;
      if (entry.lastUsedAt > current.lastUsedAt) current.lastUsedAt = entry.lastUsedAt;
    } else this.held.set(id, { ...entry });
    this.oldest = Math.min(this.oldest ?? now, now);
  }
}
