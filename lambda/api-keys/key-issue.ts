import { newId } from '../domain/ids';
import type { ApiKeyRecord } from '../domain/records';
import { tierOf } from '../shared/deployed-config';
import type { CreationBudget, KeyWriteOutcome, KeyWriteRefusal } from '../store/api-keys-store';
import type { Dependencies } from '../wiring/dependencies';
import { markKeyEnd } from './key-end';
import { generateApiKey, keyStart } from './key-format';
import { hashApiKey } from './key-hash';
import { pepperVersions } from './pepper';

/** What the caller chooses of a new key; the rest (id, hash, tier, gateway key) comes from the tenant. */
export type KeyFields = Pick<ApiKeyRecord, 'tenantId' | 'name' | 'environment' | 'scopes' | 'expiresAt' | 'replaces'>;

/** The key a new one replaces, and when the old one ends (its rotation grace, see rotationEnd). */
export interface Replacing {
  readonly old: ApiKeyRecord;
  readonly endsAt: string;
}

export type KeyIssue =
  | { readonly ok: true; readonly key: ApiKeyRecord; readonly plaintext: string }
  | { readonly ok: false; readonly reason: 'limit'; readonly tier: string; readonly limit: number | null }
  | { readonly ok: false; readonly reason: Exclude<KeyWriteRefusal, 'limit'> | 'tenant_gone' };

/**
 * Issues an API key: generated, hashed with the current pepper, stored within the tier's key limit
 * and the tenant's hourly creations. A replacement also ends the key it replaces at
 * `replacing.endsAt`, exactly (the end mark). The plaintext exists only in the answer.
 */
export async function issueKey(
  deps: Pick<Dependencies, 'config' | 'secrets' | 'tenants' | 'apiKeys' | 'usage'>,
  fields: KeyFields,
  now: number,
  replacing?: Replacing,
): Promise<KeyIssue> {
  const tenant = await deps.tenants.getTenant(fields.tenantId);
  if (!tenant) return { ok: false, reason: 'tenant_gone' };
  const plaintext = generateApiKey(deps.config.keyPrefix, fields.environment);
  const pepper = (await pepperVersions(deps.secrets)).current;
  const key: ApiKeyRecord = {
    ...fields,
    keyHash: hashApiKey(plaintext, pepper.value),
    pepperVersion: pepper.version,
    keyId: newId('key', now),
    start: keyStart(plaintext),
    createdAt: new Date(now).toISOString(),
    revokedAt: null,
    tier: tenant.tier,
    gatewayKeyValue: tenant.gatewayKeyValue,
  };
  const limit = tierOf(deps.config, tenant.tier).activeKeys;
  // Key creation has a bounded rate of its own, per tenant and clock hour (rotations included), so keys cannot be churned without end.
  const budget: CreationBudget = { perHour: deps.config.keyCreationsPerHour, now };
  const outcome = await withinLimit(deps, tenant.tenantId, now, () =>
    replacing
      ? deps.apiKeys.createReplacement(key, replacing.old, replacing.endsAt, limit, budget)
      : deps.apiKeys.create(key, limit, budget),
  );
  if (!outcome.ok) {
    const { reason } = outcome;
    return reason === 'limit' ? { ok: false, reason, tier: tenant.tier, limit } : { ok: false, reason };
  }
  if (replacing) await markKeyEnd(deps, replacing.old, replacing.endsAt, now);
  return { ok: true, key, plaintext };
}

/** Runs a key write; when the tier's limit stops it, expired keys give their slots back and it runs once more. */
async function withinLimit(
  deps: Pick<Dependencies, 'apiKeys'>,
  tenantId: string,
  now: number,
  write: () => Promise<KeyWriteOutcome>,
): Promise<KeyWriteOutcome> {
  const outcome = await write();
  if (outcome.ok || outcome.reason !== 'limit') return outcome;
  const expired = await deps.apiKeys.unreleasedExpired(tenantId, now);
  const released = await Promise.all(expired.map((key) => deps.apiKeys.release(key)));
  return released.some(Boolean) ? write() : outcome;
}
