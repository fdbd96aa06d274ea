import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AUDIT_RETENTION_DAYS, type AuditActorType, type AuditEventType } from '../domain/audit-events';
import type { Environment } from '../domain/environments';
import { queryPage, type Page, type PageRequest } from './pagination';

/** A detail value: names, ids, tiers, counts. Never a key, hash, password or token. */
export type AuditDetail = string | number | string[] | null;

export interface AuditEvent {
  readonly tenantId: string;
  /** Time-ordered (`evt_...`), so the sort key orders the trail. */
  readonly eventId: string;
  readonly type: AuditEventType;
  readonly occurredAt: string;
  readonly actor: { readonly type: AuditActorType; readonly id: string };
  /** The API key the event is about, if any. */
  readonly keyId: string | null;
  /** The sandbox of that key; null for account events (logins, tier changes). */
  readonly environment: Environment | null;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  readonly details: Readonly<Record<string, AuditDetail>>;
}

export interface AuditFilter {
  readonly type?: AuditEventType;
  readonly keyId?: string;
  readonly environment?: Environment;
  /** With `environment`: also the events of no sandbox (account events, stored with a null environment). */
  readonly withAccountEvents?: boolean;
}

const RETENTION_SECONDS = AUDIT_RETENTION_DAYS * 86_400;

/** The audit trail: one partition per tenant, newest first, deleted by TTL after the retention period. */
export class AuditStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(event: AuditEvent): Promise<void> {
    const { tenantId, eventId, ...fields } = event;
    const ttl = Math.floor(Date.parse(event.occurredAt) / 1000) + RETENTION_SECONDS;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: tenantId, sk: eventId, ...fields, ttl } }));
  }

  async list(tenantId: string, filter: AuditFilter, page: PageRequest, now: number): Promise<Page<AuditEvent>> {
    const names: Record<string, string> = { '#ttl': 'ttl' };
    // TTL deletes lazily (within days): an event past its retention is hidden until it is gone.
    const values: Record<string, unknown> = { ':tenant': tenantId, ':now': Math.floor(now / 1000) };
    const conditions = ['#ttl > :now'];
    const equal = { type: filter.type, keyId: filter.keyId, environment: filter.environment };
    for (const [attribute, value] of Object.entries(equal)) {
      if (value === undefined) continue;
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      conditions.push(`#${attribute} = :${attribute}`);
    }
    if (filter.environment !== undefined && filter.withAccountEvents) {
      values[':null'] = 'NULL';
      conditions.splice(
        conditions.indexOf('#environment = :environment'),
        1,
        '(#environment = :environment OR attribute_type(#environment, :null))',
      );
    }
    const found = await queryPage(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: page.before ? 'pk = :tenant AND sk < :before' : 'pk = :tenant',
        FilterExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ...(page.before ? { ':before': page.before } : {}) },
        ScanIndexForward: false,
      },
      page,
    );
    return { ...found, items: found.items.map(fromItem) };
  }
}

function fromItem(item: Record<string, unknown>): AuditEvent {
  const { pk, sk, ttl: _ttl, ...fields } = item;
  return { ...(fields as Omit<AuditEvent, 'tenantId' | 'eventId'>), tenantId: String(pk), eventId: String(sk) };
}
