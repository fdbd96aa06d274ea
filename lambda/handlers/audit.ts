import * as z from 'zod/mini';
import type { Dependencies } from '../wiring/dependencies';
import { AUDIT_EVENT_TYPES } from '../domain/audit-events';
import { ENVIRONMENTS } from '../domain/environments';
import { idPattern } from '../domain/ids';
import { parseWith, QUERY } from '../http/validation';
import type { AuditEvent } from '../store/audit-store';
import type { Operations } from './pipeline';
import type { AuthenticatedRequest } from './request';
import { pageBody, pageQueryFields, pageRequest } from './page-params';
import type { AuditEventView } from './response-bodies';
import { tenantFields } from './tenant-guard';

const EVENT_ID_PATTERN = idPattern('evt');

export const AuditQuery = z.strictObject({
  ...pageQueryFields,
  type: z.optional(z.enum(AUDIT_EVENT_TYPES)),
  key_id: z.optional(z.string().check(z.regex(idPattern('key'), 'must be an API key id'))),
  environment: z.optional(z.enum(ENVIRONMENTS)),
  ...tenantFields,
});

function eventView(event: AuditEvent): AuditEventView {
  return {
    id: event.eventId,
    type: event.type,
    occurred_at: event.occurredAt,
    actor: event.actor,
    key_id: event.keyId,
    environment: event.environment,
    source_ip: event.sourceIp,
    user_agent: event.userAgent,
    details: event.details,
  };
}

/** Newest first. A test key sees the events of test keys only, as it sees test keys only. */
async function listAuditEvents(request: AuthenticatedRequest, deps: Dependencies) {
  const query = parseWith(AuditQuery, request.query, QUERY);
  const { principal } = request;
  const sandboxOnly = principal.keyId !== undefined && principal.environment === 'test';
  // An owner picks a sandbox's key events, and sees the account's events (sign-ins, tiers) with either.
  const environment = sandboxOnly ? 'test' : query.environment;
  const withAccountEvents = !sandboxOnly && environment !== undefined;
  const list = `audit:${principal.tenantId}:${environment ?? 'all'}${withAccountEvents ? '+account' : ''}:${query.type ?? ''}:${query.key_id ?? ''}`;
  const page = await deps.audit.list(
    principal.tenantId,
    { type: query.type, keyId: query.key_id, environment, withAccountEvents },
    pageRequest(query, list, EVENT_ID_PATTERN),
    request.now,
  );
  return { status: 200, body: pageBody(page, list, (event) => event.eventId, eventView) };
}

export const auditOperations: Operations<'audit'> = { listAuditEvents };
