import { createHash } from 'node:crypto';
import type { GatewayKey, NamedGatewayKey } from '../platform/gateway-keys';
import { pooledGatewayKeyName } from '../shared/tiers';
import type { Services } from './services';

/**
 * Tenants without a dedicated gateway key share their tier's pooled keys: `pooledGatewayKeyShards`
 * keys per tier, the tenant hashed to one. Each shard has its own edge bucket (the tier's, times
 * POOLED_THROTTLE_FACTOR), so a noisy tenant can only slow the tenants of its shard at the edge;
 * every tenant's exact limits come from our own counters.
 */
export function poolShardOf(tenantId: string, shards: number): number {
  return createHash('sha256').update(tenantId).digest().readUInt32BE(0) % shards;
}

/** The pooled key of the tenant's shard in a tier (another shard of the tier if that one is missing), read from DynamoDB only. */
export async function pooledKeyFor(services: Services, tier: string, tenantId: string): Promise<GatewayKey | undefined> {
  const shards = await services.gatewayKeySlots.poolShards(tier);
  return shards.get(poolShardOf(tenantId, services.config.pooledGatewayKeyShards)) ?? [...shards.values()][0];
}

/**
 * Makes every pooled key of the given tiers exist, sit in its tier's pooled usage plan and be
 * recorded. Deploy-time work (the stack's custom resource; `npm start` on start): it calls the
 * control plane and may take a while. Safe to re-run after a crash at any step: keys are found
 * again by name. Returns how many recorded pooled keys were gone and replaced.
 */
export async function ensurePooledKeys(services: Services, tiers = Object.keys(services.config.tiers)): Promise<number> {
  const gatewayKeys = services.gatewayKeys;
  let replaced = 0;
  const byName = new Map<string, NamedGatewayKey[]>();
  for (const key of await gatewayKeys.listStackKeys()) byName.set(key.name, [...(byName.get(key.name) ?? []), key]);
  for (const tier of tiers) {
    const recorded = await services.gatewayKeySlots.poolShards(tier);
    for (let shard = 0; shard < services.config.pooledGatewayKeyShards; shard++) {
      const name = pooledGatewayKeyName(gatewayKeys.stack, tier, shard);
      // Two checks that overlapped (a deploy and the hourly one) may each have made the key: API Gateway
      // names are not unique. The recorded one stays (else the first); the others are deleted.
      const named = byName.get(name) ?? [];
      const found = named.find((key) => key.id === recorded.get(shard)?.id) ?? named[0];
      for (const duplicate of named) if (duplicate !== found) await gatewayKeys.deleteKey(duplicate.id);
      const key = found ?? (await gatewayKeys.createKey(name));
      if (!found || !(await gatewayKeys.isInPlan(key.id, tier, 'pooled'))) await gatewayKeys.addToPlan(key.id, tier, 'pooled');
      if (recorded.get(shard)?.id === key.id) continue;
      if (recorded.has(shard)) replaced += 1;
      await services.gatewayKeySlots.putPoolShard(tier, shard, key);
    }
  }
  return replaced;
}
