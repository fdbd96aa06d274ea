import { keyStatus, type ApiKeyRecord } from '../domain/records';
import { earliestExpiry, revokeAndMarkEnd, rotationEnd } from '../api-keys/key-end';
import { issueKey, type KeyFields, type KeyIssue, type Replacing } from '../api-keys/key-issue';
import type { Dependencies } from '../wiring/dependencies';
import { ApiError } from '../http/errors';
import { creationRateReached } from './key-creation-rate';
import { idPattern } from '../domain/ids';
import { DEFAULT_KEY_SCOPES, missingScopes, type Scope } from '../domain/scopes';
import { QUERY, parseWith } from '../http/validation';
import { CreateKeyBody, ListQuery, RotateBody, UsageQuery } from './api-key-bodies';
import type { Operations } from './pipeline';
import { readTenantBody } from './request-body';
import type { AuthenticatedRequest, Principal } from './request';
import { pageBody, pageRequest } from './page-params';
import type { ApiKeyView, KeyUsageView } from './response-bodies';
import { recordAudit } from '../audit/audit-trail';
import type { AuditDetail } from '../store/audit-store';
import { actorOf, originOf } from './audit-origin';

const DAY_MS = 86_400_000;
const KEY_ID_PATTERN = idPattern('key');

function keyView(key: ApiKeyRecord, now: number, lastUsedAt: string | null): ApiKeyView {
  return {
    id: key.keyId,
    name: key.name,
    environment: key.environment,
    scopes: key.scopes,
    start: key.start,
    status: keyStatus(key, now),
    created_at: key.createdAt,
    expires_at: key.expiresAt,
    last_used_at: lastUsedAt,
    revoked_at: key.revokedAt,
    replaces: key.replaces,
    replaced_by: key.replacedBy ?? null,
  };
}

/** A key may only hand out what it holds: no wider scopes, no live key from a test key. */
function assertMayIssue(principal: Principal, scopes: readonly Scope[], environment: 'live' | 'test'): void {
  const missing = missingScopes(scopes, principal.scopes);
  if (missing.length > 0) throw new ApiError('INSUFFICIENT_SCOPE', `A key cannot grant scope ${missing.join(', ')} that it does not hold`);
  if (principal.keyId && principal.environment === 'test' && environment === 'live') {
    throw new ApiError('ENVIRONMENT_FORBIDDEN', 'A test key cannot create or rotate a live key');
  }
}

/** A test key manages the test sandbox only: live keys are invisible to it. */
function sandboxOnly(principal: Principal): boolean {
  return principal.keyId !== undefined && principal.environment === 'test';
}

async function findKey(request: AuthenticatedRequest, deps: Dependencies): Promise<ApiKeyRecord> {
  const id = request.pathParameters.id ?? '';
  const key = KEY_ID_PATTERN.test(id) ? await deps.apiKeys.getById(request.principal.tenantId, id) : undefined;
  if (!key || (sandboxOnly(request.principal) && key.environment === 'live')) throw new ApiError('NOT_FOUND', 'No API key with this id');
  return key;
}

async function lastUsedOf(request: AuthenticatedRequest, deps: Dependencies, keys: readonly ApiKeyRecord[]): Promise<Map<string, string>> {
  return deps.usage.lastUsed(
    request.principal.tenantId,
    keys.map((key) => key.keyId),
  );
}

function keyLimitReached(tier: string, limit: number | null): ApiError {
  return new ApiError('KEY_LIMIT_REACHED', `The ${tier} tier allows ${limit} active ${limit === 1 ? 'key' : 'keys'}; revoke one first`);
}

/** Issues the key, or answers why not. */
async function issued(
  deps: Dependencies,
  request: AuthenticatedRequest,
  fields: Omit<KeyFields, 'tenantId'>,
  replacing?: Replacing,
): Promise<Extract<KeyIssue, { ok: true }>> {
  const issue = await issueKey(deps, { ...fields, tenantId: request.principal.tenantId }, request.now, replacing);
  if (issue.ok) return issue;
  switch (issue.reason) {
    case 'tenant_gone':
      throw new ApiError('AUTH_REQUIRED', 'The tenant of this credential no longer exists');
    case 'limit':
      throw keyLimitReached(issue.tier, issue.limit);
    case 'rate':
      throw creationRateReached(deps, request);
    case 'gone':
      throw new ApiError('VALIDATION_ERROR', 'The key was revoked or rotated meanwhile', [
        { field: 'id', issue: 'key was already rotated or revoked' },
      ]);
  }
}

async function createKey(request: AuthenticatedRequest, deps: Dependencies) {
  const body = parseWith(CreateKeyBody, readTenantBody(request));
  const scopes = body.scopes ?? [...DEFAULT_KEY_SCOPES];
  // A test key that names no environment means its own sandbox, as an owner token means the one it acts in.
  const environment = body.environment ?? request.principal.environment;
  assertMayIssue(request.principal, scopes, environment);
  const requested = body.expires_in_days ? new Date(request.now + body.expires_in_days * DAY_MS).toISOString() : null;
  const { key: record, plaintext } = await issued(deps, request, {
    name: body.name,
    environment,
    scopes,
    // A key never creates a key that outlives it.
    expiresAt: earliestExpiry(requested, request.principal.expiresAt ?? null),
    replaces: null,
  });
  deps.metrics.record('KeysCreated', {});
  await auditKeyEvent(request, deps, 'key.created', record, {
    name: record.name,
    scopes: [...record.scopes],
    expires_at: record.expiresAt,
  });
  return { status: 201, body: { ...keyView(record, request.now, null), key: plaintext } };
}

/** Names, ids and scopes only: the plaintext and hash never reach the trail. */
function auditKeyEvent(
  request: AuthenticatedRequest,
  deps: Dependencies,
  type: 'key.created' | 'key.rotated' | 'key.revoked',
  key: ApiKeyRecord,
  details: Record<string, AuditDetail> = {},
): Promise<void> {
  const entry = {
    tenantId: key.tenantId,
    type,
    actor: actorOf(request.principal),
    keyId: key.keyId,
    environment: key.environment,
    details,
  };
  return recordAudit(deps, entry, originOf(request));
}

async function listKeys(request: AuthenticatedRequest, deps: Dependencies) {
  const query = parseWith(ListQuery, request.query, QUERY);
  if (sandboxOnly(request.principal) && query.environment === 'live')
    throw new ApiError('ENVIRONMENT_FORBIDDEN', 'A test key cannot list live keys');
  const environment = sandboxOnly(request.principal) ? 'test' : query.environment;
  // A cursor is bound to the list and its filters: one from another filter would skip or repeat keys.
  const list = `keys:${request.principal.tenantId}:${environment ?? 'all'}:${query.status ?? 'any'}`;
  const page = await deps.apiKeys.list(
    request.principal.tenantId,
    { environment, status: query.status },
    pageRequest(query, list, KEY_ID_PATTERN),
    request.now,
  );
  const lastUsed = await lastUsedOf(request, deps, page.items);
  return {
    status: 200,
    body: pageBody(
      page,
      list,
      (key) => key.keyId,
      (key) => keyView(key, request.now, lastUsed.get(key.keyId) ?? null),
    ),
  };
}

async function getKey(request: AuthenticatedRequest, deps: Dependencies) {
  const key = await findKey(request, deps);
  const lastUsed = await lastUsedOf(request, deps, [key]);
  return { status: 200, body: keyView(key, request.now, lastUsed.get(key.keyId) ?? null) };
}

async function revokeKey(request: AuthenticatedRequest, deps: Dependencies) {
  const key = await findKey(request, deps);
  const revoked = await revokeAndMarkEnd(deps, key, request.now, async () => {
    deps.metrics.record('KeysRevoked', {});
    await auditKeyEvent(request, deps, 'key.revoked', key, { name: key.name });
  });
  const lastUsed = await lastUsedOf(request, deps, [revoked]);
  return { status: 200, body: keyView(revoked, request.now, lastUsed.get(key.keyId) ?? null) };
}

async function rotateKey(request: AuthenticatedRequest, deps: Dependencies) {
  const body = parseWith(RotateBody, readTenantBody(request, false));
  const old = await findKey(request, deps);
  if (keyStatus(old, request.now) !== 'active') {
    throw new ApiError('VALIDATION_ERROR', 'Only an active key can be rotated', [
      { field: 'id', issue: `key is ${keyStatus(old, request.now)}` },
    ]);
  }
  if (old.replacedBy)
    throw new ApiError('VALIDATION_ERROR', 'A key is rotated once; rotate its replacement', [
      { field: 'id', issue: 'key was already rotated' },
    ]);
  assertMayIssue(request.principal, old.scopes, old.environment);
  const { key: record, plaintext } = await issued(
    deps,
    request,
    {
      name: old.name,
      environment: old.environment,
      scopes: old.scopes,
      // Rotation replaces the secret, not the lifetime: the new key ends when the old one would have, or before its creator.
      expiresAt: earliestExpiry(old.expiresAt, request.principal.expiresAt ?? null),
      replaces: old.keyId,
    },
    { old, endsAt: rotationEnd(old, body.grace_period_seconds, request.now) },
  );
  deps.metrics.record('KeysRotated', {});
  await auditKeyEvent(request, deps, 'key.rotated', old, {
    name: old.name,
    new_key_id: record.keyId,
    grace_period_seconds: body.grace_period_seconds,
  });
  return { status: 201, body: { ...keyView(record, request.now, null), key: plaintext } };
}

async function keyUsage(request: AuthenticatedRequest, deps: Dependencies) {
  const query = parseWith(UsageQuery, request.query, QUERY);
  const key = await findKey(request, deps);
  const counts = await deps.usage.keyRequestsByDay(request.principal.tenantId, key.keyId, query.days, request.now);
  const days = Array.from({ length: query.days }, (_, index) => {
    const date = new Date(request.now - (query.days - 1 - index) * DAY_MS).toISOString().slice(0, 10);
    return { date, requests: counts.get(date) ?? 0 };
  });
  const body: KeyUsageView = { key_id: key.keyId, days, total: days.reduce((sum, day) => sum + day.requests, 0) };
  return { status: 200, body };
}

export const apiKeyOperations: Operations<'apiKeys'> = { createKey, listKeys, getKey, revokeKey, rotateKey, keyUsage };
