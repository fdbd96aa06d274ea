import type { GatewayKey, NamedGatewayKey } from './gateway-key-provisioner';
import { findTier } from '../shared/deployed-config';
import { OVER_LIMIT_POOL, pooledGatewayKeyName, tenantsPerPooledKey } from '../shared/tiers';
import type { GatewayKeysContext } from './gateway-keys-context';

/**
 * Tenants without a dedicated gateway key share their tier's pooled keys, `tenantsPerPooledKey`
 * to a key, filled in turn: the n-th tenant placed on the tier goes to key ⌊(n − 1) / N⌋. Each
 * key's plan is sized for N tenants and the authorizer holds every tenant to its own share, so the
 * edge capacity of a tier grows with its tenants (docs/edge-capacity.md).
 */
function poolShardOfPlace(place: number, tenantsPerKey: number): number {
  return Math.floor((place - 1) / tenantsPerKey);
}

/**
 * A place on the tier's pooled keys for a tenant joining the tier (sign-up, a tier change, an
 * identity provider's first token): one counter update and one read, no control-plane call. When
 * sign-ups outran the keys made ahead, the tenant shares the tier's first key, past its size.
 */
export async function pooledKeyFor(deps: GatewayKeysContext, tier: string): Promise<GatewayKey | undefined> {
  const place = await deps.gatewayKeySlots.takePoolPlace(tier);
  const shard = poolShardOfPlace(place, tenantsPerKey(deps, tier));
  const key = await deps.gatewayKeySlots.poolShard(tier, shard);
  if (key || shard === 0) return key;
  const first = await deps.gatewayKeySlots.poolShard(tier, 0);
  if (first) deps.metrics.record('PooledKeyOverflow', { tier });
  return first;
}

/**
 * Makes every pooled key the given tiers need exist, sit in its tier's pooled usage plan and be
 * recorded (the keys its placed tenants filled, then `pooledGatewayKeyShards` more from the one
 * being filled), and the over-limit key. Deploy-time and scheduled work (the stack's custom resource and its check,
 * `npm start` on start): it calls the control plane and may take a while. Safe to re-run after a
 * crash at any step: keys are found again by name. Returns how many recorded pooled keys were gone
 * and replaced.
 */
export async function ensurePooledKeys(
  deps: GatewayKeysContext,
  tiers = [...Object.keys(deps.config.tiers), OVER_LIMIT_POOL],
): Promise<number> {
  const gatewayKeys = deps.gatewayKeys;
  let replaced = 0;
  const byName = new Map<string, NamedGatewayKey[]>();
  for (const key of await gatewayKeys.listStackKeys()) byName.set(key.name, [...(byName.get(key.name) ?? []), key]);
  for (const tier of tiers) {
    const [recorded, wanted] = await Promise.all([deps.gatewayKeySlots.poolShards(tier), pooledKeysWanted(deps, tier)]);
    for (let shard = 0; shard < wanted; shard++) {
      const name = pooledGatewayKeyName(gatewayKeys.stack, tier, shard);
      // Two checks that overlapped (a deploy and the scheduled one) may each have made the key: API
      // Gateway names are not unique. The recorded one stays (else the first); the others are deleted.
      const named = byName.get(name) ?? [];
      const found = named.find((key) => key.id === recorded.get(shard)?.id) ?? named[0];
      for (const duplicate of named) if (duplicate !== found) await gatewayKeys.deleteKey(duplicate.id);
      // A key is recorded only once it is in its plan: the scheduled check looks again only at keys not recorded.
      if (found && recorded.get(shard)?.id === found.id) continue;
      const key = found ?? (await gatewayKeys.createKey(name));
      if (!found || !(await gatewayKeys.isInPlan(key.id, tier, 'pooled'))) await gatewayKeys.addToPlan(key.id, tier, 'pooled');
      if (recorded.has(shard)) replaced += 1;
      await deps.gatewayKeySlots.putPoolShard(tier, shard, key);
    }
  }
  return replaced;
}

/** The pooled keys a tier needs now: those its placed tenants filled, the one the next tenant takes, and more up to the configured number ahead. */
async function pooledKeysWanted(deps: GatewayKeysContext, tier: string): Promise<number> {
  if (tier === OVER_LIMIT_POOL) return 1;
  const placed = await deps.gatewayKeySlots.poolPlacesTaken(tier);
  return Math.floor(placed / tenantsPerKey(deps, tier)) + deps.config.pooledGatewayKeyShards;
}

function tenantsPerKey(deps: GatewayKeysContext, tier: string): number {
  const definition = findTier(deps.config, tier);
  return definition ? tenantsPerPooledKey(definition, deps.config.pooledTenantsPerKey) : deps.config.pooledTenantsPerKey;
}
