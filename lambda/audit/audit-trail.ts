import { logger } from '../platform/logger';
import type { AuditActorType, AuditEventType } from '../domain/audit-events';
import type { Environment } from '../domain/environments';
import { newId } from '../domain/ids';
import type { AuditDetail, AuditStore } from '../store/audit-store';

/** What recording needs: the audit store and the clock. */
export interface AuditTrail {
  readonly audit: AuditStore;
  readonly now: () => number;
}

export interface AuditEntry {
  readonly tenantId: string;
  readonly type: AuditEventType;
  readonly actor: { readonly type: AuditActorType; readonly id: string };
  readonly keyId?: string;
  readonly environment?: Environment;
  readonly details?: Readonly<Record<string, AuditDetail>>;
}

/** Where a request came from, as API Gateway saw it. */
export interface AuditOrigin {
  readonly sourceIp?: string | null;
  readonly userAgent?: string | null;
}

/**
 * Records an event after the action it describes succeeded. Best effort by design: a failed write
 * is logged (with the event, never a secret) and the request still succeeds, because an action the
 * client saw succeed must not be answered with an error, and refusals (failed logins, expired keys)
 * have no write of their own to share a transaction with.
 */
export async function recordAudit(deps: AuditTrail, entry: AuditEntry, origin: AuditOrigin = {}): Promise<void> {
  const now = deps.now();
  try {
    await deps.audit.record({
      tenantId: entry.tenantId,
      eventId: newId('evt', now),
      type: entry.type,
      occurredAt: new Date(now).toISOString(),
      actor: entry.actor,
      keyId: entry.keyId ?? null,
      environment: entry.environment ?? null,
      sourceIp: origin.sourceIp ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
      details: entry.details ?? {},
    });
  } catch (error) {
    logger.warn('audit event not recorded', {
      audit_type: entry.type,
      tenant_id: entry.tenantId,
      key_id: entry.keyId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

const REPEAT_WINDOW_MS = 5 * 60_000;
const MAX_REMEMBERED = 10_000;
const lastRecorded = new Map<string, number>();

/**
 * For events a client can repeat at will (an expired key sent again and again, logins against a
 * locked email): at most one event per subject per five minutes per process, so an attacker cannot
 * turn refusals into unbounded writes.
 */
export async function recordAuditOncePerWindow(
  deps: AuditTrail,
  subject: string,
  entry: AuditEntry,
  origin: AuditOrigin = {},
): Promise<void> {
  const now = deps.now();
  const key = `${entry.type}:${subject}`;
  const last = lastRecorded.get(key);
  if (last !== undefined && now - last < REPEAT_WINDOW_MS && now >= last) return;
  lastRecorded.delete(key);
  if (lastRecorded.size >= MAX_REMEMBERED) lastRecorded.delete(lastRecorded.keys().next().value as string);
  lastRecorded.set(key, now);
  await recordAudit(deps, entry, origin);
}
