import type { Sandbox } from '../domain/memory';

/**
 * Every item's partition and sort key, in one place (docs/architecture.md, "Data model", is the
 * table of them). A store builds keys only through these.
 */

// Accounts table.
/** The tenant item; the API key store updates the same item's `activeKeys` counter. */
export const tenantKey = (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' });
/** The owner, found by email at login. */
export const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'USER' });
/** What login attempts are counted against: an email from one client address, an email from anywhere, or an address. */
export type LoginCounter = { readonly email: string; readonly address: string } | { readonly email: string } | { readonly address: string };
/**
 * Each counter kind has its own key shape, the email and the address in key parts of their own
 * (never joined into one string), so no email, however written, can name another counter.
 */
export const loginKey = (counter: LoginCounter) => {
  if (!('email' in counter)) return { pk: `LOGIN_ADDRESS#${counter.address}`, sk: 'ATTEMPTS' };
  const pk = loginEmailPartition(counter.email);
  return 'address' in counter ? { pk, sk: `ADDRESS#${counter.address}` } : { pk, sk: 'ATTEMPTS' };
};
const loginEmailPartition = (email: string) => `LOGIN_EMAIL#${email.toLowerCase()}`;
/** An address the email's owner logged in from: the email-wide counter does not slow it down. */
export const knownAddressKey = (email: string, address: string) => ({ pk: loginEmailPartition(email), sk: `KNOWN#${address}` });
export const poolPartition = (tier: string) => `GATEWAY_POOL#${tier}`;
export const poolKey = (tier: string, shard: number) => ({ pk: poolPartition(tier), sk: `SHARD#${String(shard).padStart(3, '0')}` });
/** How many tenants have taken a place on a tier's pooled keys (lambda/gateway-keys/gateway-pool.ts). */
export const poolPlacesKey = (tier: string) => ({ pk: poolPartition(tier), sk: 'PLACES' });
/** Dedicated gateway key slots taken: pending, current and retiring keys alike. */
export const DEDICATED_COUNTER = { pk: 'GATEWAY_KEYS', sk: 'DEDICATED' };
/** One item per tenant whose tier change has not settled yet, so a sweep can finish them all. */
export const UNSETTLED_PARTITION = 'TIER_CHANGES';
export const unsettledKey = (tenantId: string) => ({ pk: UNSETTLED_PARTITION, sk: tenantId });
/**
 * A key's entry in its tenant's partition, pointing at the key's hash. Keys are found by id and
 * listed through these entries with consistent reads, so a key created or changed a moment ago is
 * always seen (an index would lag behind). Key ids sort by creation.
 */
export const KEY_ENTRY = 'KEY#';
export const keyEntryKey = (tenantId: string, keyId: string) => ({ pk: tenantKey(tenantId).pk, sk: `${KEY_ENTRY}${keyId}` });
/** A tenant's key creations in one clock hour (sorts after every key entry: `_` > `#`). */
export const keyCreationsKey = (tenantId: string, hour: number) => ({ pk: tenantKey(tenantId).pk, sk: `KEYS_CREATED#${hour}` });

// Memories table.
export const memoryPartition = (scope: Sandbox) => `MEM#${scope.tenantId}#${scope.environment}`;
export const idempotencyKey = (scope: Sandbox, key: string) => ({ pk: `IDEMPOTENCY#${scope.tenantId}#${scope.environment}`, sk: key });

// Usage table.
export const counterKey = (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'COUNTER' });
export const keyUsagePartition = (tenantId: string, keyId: string) => `TENANT#${tenantId}#KEY#${keyId}`;
/** Each keyless credential (the owner's user, each identity provider subject) has a management budget of its own. */
export const ownerUsagePartition = (tenantId: string, principalId = '') => `TENANT#${tenantId}#OWNER#${principalId}`;
export const dayKey = (day: string) => `DAY#${day}`;
