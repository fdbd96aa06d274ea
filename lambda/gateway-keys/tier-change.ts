import type { Tenant } from '../domain/records';
import type { GatewayKey } from './gateway-key-provisioner';
import { findTier } from '../shared/deployed-config';
import type { GatewayKeyKind } from '../shared/tiers';
import { discardPendingKey, newDedicatedKey } from './dedicated-keys';
import { ensurePooledKeys, pooledKeyFor } from './gateway-pool';
import type { GatewayKeysContext } from './gateway-keys-context';
import { recordAudit } from '../audit/audit-trail';

/**
 * Time after the authorizer cache TTL before a tier change settles: a key write that read the
 * tenant before the switch may still be in flight (a request runs at most the functions' 10 s).
 */
export const IN_FLIGHT_SECONDS = 10;

export type TierChangeResult =
  | {
      readonly ok: true;
      readonly tenantId: string;
      readonly from: string;
      readonly to: string;
      readonly gatewayKey: GatewayKeyKind;
      /** Why the tenant shares a pooled key although its tier gives dedicated ones. */
      readonly note?: string;
      readonly keysUpdated: number;
      /** When to run the change again to settle it (delete the keys it left); absent once settled. */
      readonly settlesAt?: string;
    }
  | { readonly ok: false; readonly reason: string };

interface KeyChoice {
  readonly key: GatewayKey;
  readonly kind: GatewayKeyKind;
  readonly note?: string;
}

/**
 * An operator's tier change. API Gateway keeps a key in at most one usage plan per stage, so a
 * key is never moved between plans: the tenant switches to a key that already sits in the new
 * tier's plan (a pooled shard, or a new dedicated key), and a dedicated key it leaves keeps
 * working in its old plan until the change settles (authorizer caches expired, key writes that
 * read the old plan done), when it is deleted. The tenant is never without a plan. Every step is safe to
 * re-run after a crash: running the same change again finishes it, and once it is due, settles it.
 */
export async function changeTier(deps: GatewayKeysContext, tenantId: string, tier: string): Promise<TierChangeResult> {
  if (!findTier(deps.config, tier))
    return { ok: false, reason: `unknown tier "${tier}"; configured: ${Object.keys(deps.config.tiers).join(', ')}` };
  let tenant = await deps.tenants.getTenant(tenantId);
  if (!tenant) return { ok: false, reason: `no tenant ${tenantId}` };
  // A key that is gone (the stack re-created over its tables) is never kept: the tenant starts again from its pooled key.
  if (!(await deps.gatewayKeys.isInPlan(tenant.gatewayKeyId, tenant.tier, tenant.gatewayKeyKind).catch(() => true))) {
    await repointToPool(deps, tenant);
    tenant = (await deps.tenants.getTenant(tenantId)) ?? tenant;
  }
  const choice = await keyForTier(deps, tenant, tier);
  if (tenant.tier !== tier || tenant.gatewayKeyId !== choice.key.id) {
    const leaves = tenant.gatewayKeyKind === 'dedicated' && tenant.gatewayKeyId !== choice.key.id;
    await deps.gatewayKeySlots.switchGatewayKey(tenant, {
      tier,
      key: choice.key,
      kind: choice.kind,
      ...(leaves ? { retiring: tenant.gatewayKeyId } : {}),
      settlesAt: new Date(deps.now() + settleDelayMs(deps)).toISOString(),
    });
  }
  const keysUpdated = await deps.apiKeys.copyTenantPlan(tenantId, tier, choice.key.value);
  if (tenant.tier !== tier) {
    const details = { from: tenant.tier, to: tier };
    await recordAudit(deps, { tenantId, type: 'tier.changed', actor: { type: 'operator', id: 'set-tier' }, details });
  }
  const pending = await settleTierChange(deps, tenantId);
  return {
    ok: true,
    tenantId,
    from: tenant.tier,
    to: tier,
    gatewayKey: choice.kind,
    ...(choice.note ? { note: choice.note } : {}),
    keysUpdated,
    ...(pending ? { settlesAt: pending } : {}),
  };
}

/**
 * Finishes a tier change whose time has come: copies the plan again (onto keys written by requests
 * that read the old plan), then deletes the dedicated keys the tenant left and gives their slots
 * back. Returns when it settles instead, if that is still ahead.
 */
export async function settleTierChange(deps: GatewayKeysContext, tenantId: string): Promise<string | undefined> {
  const tenant = await deps.tenants.getTenant(tenantId);
  if (!tenant?.settlesAt) return undefined;
  if (Date.parse(tenant.settlesAt) > deps.now()) return tenant.settlesAt;
  await deps.apiKeys.copyTenantPlan(tenantId, tenant.tier, tenant.gatewayKeyValue);
  for (const keyId of tenant.retiringGatewayKeys ?? []) {
    await deps.gatewayKeys.deleteKey(keyId);
    await deps.gatewayKeySlots.dropRetiringKey(tenantId, keyId);
  }
  await deps.gatewayKeySlots.markSettled(tenantId, tenant.settlesAt);
  return undefined;
}

/** Settles every tier change that is due (`npm run gateway-keys -- sweep`). */
export async function sweepTierChanges(deps: GatewayKeysContext): Promise<{ settled: number; waiting: number; settlesAt?: string }> {
  let settled = 0;
  let waiting = 0;
  let settlesAt: string | undefined;
  for (const { tenantId } of await deps.gatewayKeySlots.unsettledTenants()) {
    const pending = await settleTierChange(deps, tenantId);
    if (!pending) settled += 1;
    else {
      waiting += 1;
      if (!settlesAt || pending > settlesAt) settlesAt = pending;
    }
  }
  return { settled, waiting, ...(settlesAt ? { settlesAt } : {}) };
}

/**
 * Puts a tenant whose gateway key is gone on its tier's pooled key, and its API keys with it; false
 * when that is its key already or the tier has none yet. A dedicated key that is gone becomes a
 * retiring key, so its slot is given back when the change settles.
 */
export async function repointToPool(deps: GatewayKeysContext, tenant: Tenant): Promise<boolean> {
  const pooled = await pooledKeyFor(deps, tenant.tier);
  if (!pooled || pooled.id === tenant.gatewayKeyId) return false;
  await deps.gatewayKeySlots.switchGatewayKey(tenant, {
    tier: tenant.tier,
    key: pooled,
    kind: 'pooled',
    ...(tenant.gatewayKeyKind === 'dedicated' ? { retiring: tenant.gatewayKeyId } : {}),
    settlesAt: new Date(deps.now() + settleDelayMs(deps)).toISOString(),
  });
  await deps.apiKeys.copyTenantPlan(tenant.tenantId, tenant.tier, pooled.value);
  return true;
}

/** How long a switched tenant's old dedicated key stays: a cached authorizer answer may still name it. */
export function settleDelayMs(deps: GatewayKeysContext): number {
  return (deps.config.authorizerCacheTtlSeconds + IN_FLIGHT_SECONDS) * 1000;
}

/** The key a tenant should use in `tier`: its own where the tier gives dedicated keys and one is to be had, else its pooled shard. */
async function keyForTier(deps: GatewayKeysContext, tenant: Tenant, tier: string): Promise<KeyChoice> {
  const wantsDedicated = findTier(deps.config, tier)?.dedicatedGatewayKey === true;
  const current = { id: tenant.gatewayKeyId, value: tenant.gatewayKeyValue };
  const keeps = tenant.tier === tier && tenant.gatewayKeyKind === (wantsDedicated ? 'dedicated' : 'pooled');
  let note: string | undefined;
  if (wantsDedicated && !keeps) {
    const outcome = await newDedicatedKey(deps, tenant, tier);
    if (outcome.ok) return { key: outcome.key, kind: 'dedicated' };
    note = outcome.unavailable;
  } else if (tenant.pendingGatewayKey) {
    // Left by a crashed change towards another tier: that key is not needed now.
    await discardPendingKey(deps, tenant.tenantId, tenant.pendingGatewayKey);
  }
  if (keeps) return { key: current, kind: tenant.gatewayKeyKind };
  if (tenant.gatewayKeyKind === 'pooled' && tenant.tier === tier) {
    return { key: current, kind: 'pooled', ...(note ? { note } : {}) };
  }
  let pooled = await pooledKeyFor(deps, tier);
  if (!pooled) {
    await ensurePooledKeys(deps, [tier]);
    pooled = await pooledKeyFor(deps, tier);
  }
  if (!pooled) throw new Error(`the ${tier} tier has no pooled gateway key`);
  return { key: pooled, kind: 'pooled', ...(note ? { note } : {}) };
}

export type TierMigrationResult =
  | {
      readonly ok: true;
      readonly from: string;
      readonly to: string;
      readonly tenantsMoved: number;
      /** When to run the migration again to settle the moved tenants' changes; absent once every change is settled. */
      readonly settlesAt?: string;
    }
  | { readonly ok: false; readonly reason: string; readonly tenantsMoved?: number };

/**
 * Renaming or removing a tier without stranding anyone: moves every tenant on `from` to `to` (a
 * configured tier), one tier change each. Run it while `from` is still configured (its usage plans
 * still hold the keys being moved), then remove `from` from the configuration and deploy; docs/operating.md,
 * "Renaming or removing a tier". Running it again after a failure moves the tenants still left.
 */
export async function migrateTier(deps: GatewayKeysContext, from: string, to: string): Promise<TierMigrationResult> {
  if (from === to) return { ok: false, reason: 'the two tiers are the same' };
  if (!Object.hasOwn(deps.config.tiers, from)) {
    return { ok: false, reason: `tier "${from}" is not configured: migrate its tenants before removing it, while its usage plans exist` };
  }
  let tenantsMoved = 0;
  for await (const tenantId of deps.tenants.tenantIdsOnTier(from)) {
    const changed = await changeTier(deps, tenantId, to);
    if (!changed.ok) return { ok: false, reason: `${tenantId}: ${changed.reason}`, tenantsMoved };
    tenantsMoved += 1;
  }
  // The dedicated keys the moved tenants left go when their changes settle; running the migration again settles them.
  const { settlesAt } = await sweepTierChanges(deps);
  return { ok: true, from, to, tenantsMoved, ...(settlesAt ? { settlesAt } : {}) };
}
