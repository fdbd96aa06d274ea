import { ACCOUNT_API_KEY_QUOTA } from '../shared/config';
import { OVER_LIMIT_POOL } from '../shared/tiers';
import type { GatewayKeysContext } from './gateway-keys-context';

export interface GatewayKeyReport {
  /** Keys tagged with this stack. */
  readonly stackKeys: { readonly pooled: number; readonly dedicated: number };
  /** Dedicated key slots taken (pending, current and retiring keys) of `dedicatedGatewayKeyLimit`. */
  readonly dedicatedSlots: { readonly taken: number; readonly limit: number };
  /** Every API key of the account in this region, against API Gateway's hard quota. */
  readonly account: { readonly keys: number; readonly quota: number };
  readonly unsettledTierChanges: number;
}

/** How many API Gateway keys the stack and the account hold (`npm run gateway-keys -- report`). */
export async function gatewayKeyReport(deps: GatewayKeysContext): Promise<GatewayKeyReport> {
  const [stackKeys, taken, accountKeys, unsettled] = await Promise.all([
    deps.gatewayKeys.listStackKeys(),
    deps.gatewayKeySlots.dedicatedKeysTaken(),
    deps.gatewayKeys.countAccountKeys(),
    deps.gatewayKeySlots.unsettledTenants(),
  ]);
  const pools = await Promise.all(
    [...Object.keys(deps.config.tiers), OVER_LIMIT_POOL].map((tier) => deps.gatewayKeySlots.poolShards(tier)),
  );
  const pooledIds = new Set(pools.flatMap((shards) => [...shards.values()].map((key) => key.id)));
  const pooled = stackKeys.filter((key) => pooledIds.has(key.id)).length;
  return {
    stackKeys: { pooled, dedicated: stackKeys.length - pooled },
    dedicatedSlots: { taken, limit: deps.config.dedicatedGatewayKeyLimit },
    account: { keys: accountKeys, quota: ACCOUNT_API_KEY_QUOTA },
    unsettledTierChanges: unsettled.length,
  };
}

/** DeleteApiKey allows 5 calls a second per account. */
export const DELETE_API_KEY_INTERVAL_MS = 200;

export interface DeleteStackKeysOptions {
  /** Stops before this instant (epoch ms) and reports what is left, so a caller with a time limit is not cut off. */
  readonly deadline?: number;
  /** Waits between deletions, at the pace API Gateway allows. */
  readonly pause?: (ms: number) => Promise<void>;
}

/**
 * Deletes every API Gateway key tagged with the stack and forgets the pooled ones: what the
 * stack's custom resource does when the stack is deleted.
 */
export async function deleteStackKeys(
  deps: GatewayKeysContext,
  options: DeleteStackKeysOptions = {},
): Promise<{ deleted: number; left: number }> {
  const { deadline = Number.POSITIVE_INFINITY, pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = options;
  const keys = await deps.gatewayKeys.listStackKeys();
  let deleted = 0;
  for (const key of keys) {
    if (Date.now() >= deadline) break;
    if (deleted > 0) await pause(DELETE_API_KEY_INTERVAL_MS);
    await deps.gatewayKeys.deleteKey(key.id);
    deleted += 1;
  }
  if (deleted === keys.length) {
    for (const tier of [...Object.keys(deps.config.tiers), OVER_LIMIT_POOL]) {
      for (const shard of (await deps.gatewayKeySlots.poolShards(tier)).keys()) await deps.gatewayKeySlots.deletePoolShard(tier, shard);
    }
  }
  return { deleted, left: keys.length - deleted };
}
