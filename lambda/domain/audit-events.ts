/** What the audit trail records. The OpenAPI document, the handler's filter and the console read this list. */
export const AUDIT_EVENT_TYPES = [
  'key.created',
  'key.rotated',
  'key.revoked',
  'key.expired_used',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'tier.changed',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Who acted: an owner (user id), an API key (key id), or an operator's script. */
export const AUDIT_ACTOR_TYPES = ['user', 'key', 'operator'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** Events are deleted by DynamoDB's TTL this long after they happened. */
export const AUDIT_RETENTION_DAYS = 90;
