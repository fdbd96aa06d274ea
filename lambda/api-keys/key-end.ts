import type { ApiKeyRecord } from '../domain/records';
import type { Dependencies } from '../wiring/dependencies';

/** The earlier of two expiry times; null (never) only when both are. */
export function earliestExpiry(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** When a rotated key ends: after its grace period, which never lengthens the key's life. */
export function rotationEnd(old: ApiKeyRecord, graceSeconds: number, now: number): string {
  const graceEndsAt = new Date(now + graceSeconds * 1000).toISOString();
  return earliestExpiry(old.expiresAt, graceEndsAt) ?? graceEndsAt;
}

/**
 * The exact-end mark: from `endsAt` the key is refused at once by every charge, though an
 * authorizer may still hold its record for its cache time.
 */
export async function markKeyEnd(
  deps: Pick<Dependencies, 'config' | 'usage'>,
  key: ApiKeyRecord,
  endsAt: string,
  now: number,
): Promise<void> {
  await deps.usage.endKey(key.tenantId, key.keyId, endsAt, now, deps.config.authorizerCacheTtlSeconds);
}

/**
 * Revokes a key (giving its slot back) and marks its end; returns the key as stored. A key revoked
 * already is marked again: a retry after a failed first attempt still ends it. `onRevoked` runs
 * once, when this call revoked the key, before the mark: what the revocation records.
 */
export async function revokeAndMarkEnd(
  deps: Pick<Dependencies, 'config' | 'usage' | 'apiKeys'>,
  key: ApiKeyRecord,
  now: number,
  onRevoked: () => Promise<void>,
): Promise<ApiKeyRecord> {
  if (!key.revokedAt) {
    await deps.apiKeys.revoke(key, now);
    await onRevoked();
  }
  const revoked = (await deps.apiKeys.getByHash(key.keyHash)) ?? key;
  await markKeyEnd(deps, revoked, revoked.revokedAt ?? new Date(now).toISOString(), now);
  return revoked;
}
