import type { Services } from './services';
import { pooledGatewayKey } from './gateway-key-assignment';

export type TierChangeResult =
  | { readonly ok: true; readonly tenantId: string; readonly from: string; readonly to: string; readonly keysUpdated: number }
  | { readonly ok: false; readonly reason: string };

/**
 * An operator's tier change: the tenant's gateway key moves to the new tier's usage plan (a pooled
 * tenant takes the new tier's pooled key), the tenant item and the copies on its API keys get the
 * new tier. Limits change for a credential once the authorizer's cache entry for it expires.
 */
export async function changeTier(services: Services, tenantId: string, tier: string): Promise<TierChangeResult> {
  if (!Object.hasOwn(services.config.tiers, tier))
    return { ok: false, reason: `unknown tier "${tier}"; configured: ${Object.keys(services.config.tiers).join(', ')}` };
  const tenant = await services.accounts.getTenant(tenantId, true);
  if (!tenant) return { ok: false, reason: `no tenant ${tenantId}` };
  let gatewayKeyValue = tenant.gatewayKeyValue;
  if (tenant.gatewayKeyKind === 'dedicated') {
    await services.gatewayKeys.moveKey(tenant.gatewayKeyId, tenant.tier, tier);
  } else {
    const pooled = await pooledGatewayKey(services, tier);
    await services.accounts.setGatewayKey(tenantId, pooled, 'pooled');
    gatewayKeyValue = pooled.value;
  }
  await services.accounts.setTier(tenantId, tier);
  const keysUpdated = await services.apiKeys.copyTenantPlan(tenantId, tier, gatewayKeyValue);
  return { ok: true, tenantId, from: tenant.tier, to: tier, keysUpdated };
}

export type TierMigrationResult =
  | { readonly ok: true; readonly from: string; readonly to: string; readonly tenantsMoved: number }
  | { readonly ok: false; readonly reason: string; readonly tenantsMoved?: number };

/**
 * Renaming or removing a tier without stranding anyone: moves every tenant on `from` to `to` (a
 * configured tier), one tier change each. Run it while `from` is still configured (its usage plans
 * still hold the keys being moved), then remove `from` from the configuration and deploy; README
 * "Renaming or removing a tier". Running it again after a failure moves the tenants still left.
 */
export async function migrateTier(services: Services, from: string, to: string): Promise<TierMigrationResult> {
  if (from === to) return { ok: false, reason: 'the two tiers are the same' };
  if (!Object.hasOwn(services.config.tiers, from)) {
    return { ok: false, reason: `tier "${from}" is not configured: migrate its tenants before removing it, while its usage plans exist` };
  }
  let tenantsMoved = 0;
  for await (const tenantId of services.accounts.tenantIdsOnTier(from)) {
    const changed = await changeTier(services, tenantId, to);
    if (!changed.ok) return { ok: false, reason: `${tenantId}: ${changed.reason}`, tenantsMoved };
    tenantsMoved += 1;
  }
  return { ok: true, from, to, tenantsMoved };
}
