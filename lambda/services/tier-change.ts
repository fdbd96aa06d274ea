import type { Services } from './services';
import { pooledGatewayKey } from './gateway-key-assignment';
import { recordAudit } from './audit-trail';

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
  await recordAudit(services, {
    tenantId,
    type: 'tier.changed',
    actor: { type: 'operator', id: 'set-tier' },
    details: { from: tenant.tier, to: tier },
  });
  return { ok: true, tenantId, from: tenant.tier, to: tier, keysUpdated };
}
