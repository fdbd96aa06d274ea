import type { GatewayKey } from '../platform/gateway-keys';
import { logger } from '../platform/logger';
import type { Runtime } from '../platform/runtime';

/**
 * API Gateway allows 10,000 API keys a region and 5 CreateApiKey calls a second. Tenants get a
 * dedicated gateway key (their own edge throttle) while fewer than `dedicatedGatewayKeyLimit` are
 * taken; after that, or when the control plane refuses, they share their tier's pooled key, and
 * our own counters keep every tenant's limits exact either way.
 */
export async function pooledGatewayKey(runtime: Runtime, tier: string): Promise<GatewayKey> {
  const existing = await runtime.accounts.getPooledGatewayKey(tier);
  if (existing) return existing;
  const created = await runtime.gatewayKeys.createKey(`pool-${tier}`, tier, 'pooled');
  const winner = await runtime.accounts.putPooledGatewayKey(tier, created);
  // Another sign-up created the tier's pooled key at the same time: ours is not needed.
  if (winner.id !== created.id) await runtime.gatewayKeys.deleteKey(created.id).catch(() => undefined);
  return winner;
}

/** Tries to give a tenant its own gateway key; the tenant keeps the pooled key if that fails. */
export async function assignDedicatedGatewayKey(runtime: Runtime, tenantId: string, tier: string): Promise<boolean> {
  if (!(await runtime.accounts.reserveDedicatedGatewayKey(runtime.config.dedicatedGatewayKeyLimit))) return false;
  let created: GatewayKey | undefined;
  try {
    created = await runtime.gatewayKeys.createKey(tenantId, tier, 'dedicated');
    await runtime.accounts.setGatewayKey(tenantId, created, 'dedicated');
    return true;
  } catch (error) {
    if (created) await runtime.gatewayKeys.deleteKey(created.id).catch(() => undefined);
    await runtime.accounts.releaseDedicatedGatewayKey();
    logger.warn('tenant stays on the pooled gateway key', { tier, reason: error instanceof Error ? error.name : 'unknown' });
    return false;
  }
}
