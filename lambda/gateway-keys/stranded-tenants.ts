import { OVER_LIMIT_POOL } from '../shared/tiers';
import type { GatewayKeysContext } from './gateway-keys-context';
import { repointToPool } from './tier-change';

/**
 * Tenants whose gateway key is gone (a stack re-created over its retained tables, a pooled key
 * deleted and replaced by the hourly check) would answer 500 on every route that needs one: each
 * is put back on its tier's current pooled key, and its API keys with it (see repointToPool). The
 * tenants are read with a Scan, so only when keys are known to be gone: pooled keys were replaced,
 * or the stack holds fewer dedicated keys than slots are taken. Returns how many tenants moved.
 */
export async function repointStrandedTenants(deps: GatewayKeysContext, pooledReplaced: number): Promise<number> {
  const stackKeys = await deps.gatewayKeys.listStackKeys();
  if (pooledReplaced === 0) {
    const pooled = new Set(
      (
        await Promise.all([...Object.keys(deps.config.tiers), OVER_LIMIT_POOL].map((tier) => deps.gatewayKeySlots.poolShards(tier)))
      ).flatMap((shards) => [...shards.values()].map((key) => key.id)),
    );
    const dedicated = stackKeys.filter((key) => !pooled.has(key.id)).length;
    if (dedicated >= (await deps.gatewayKeySlots.dedicatedKeysTaken())) return 0;
  }
  const existing = new Set(stackKeys.map((key) => key.id));
  let moved = 0;
  for (const tier of Object.keys(deps.config.tiers)) {
    for await (const tenantId of deps.tenants.tenantIdsOnTier(tier)) {
      const tenant = await deps.tenants.getTenant(tenantId);
      if (tenant && !existing.has(tenant.gatewayKeyId) && (await repointToPool(deps, tenant))) moved += 1;
    }
  }
  return moved;
}
