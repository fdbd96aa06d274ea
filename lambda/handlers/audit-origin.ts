import type { AuditEntry, AuditOrigin } from '../audit/audit-trail';
import type { Principal, Request } from './request';

/** The source address and user agent of a request, for its audit events. */
export function originOf(request: Request): AuditOrigin {
  return { sourceIp: request.sourceIp ?? null, userAgent: request.headers['user-agent'] ?? null };
}

/** Who acted: the API key, else the owner behind the access token. */
export function actorOf(principal: Principal): AuditEntry['actor'] {
  if (principal.keyId) return { type: 'key', id: principal.keyId };
  return { type: 'user', id: principal.userId ?? 'unknown' };
}
