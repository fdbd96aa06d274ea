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
  return runtime.accounts.putPooledGatewayKey(tier, created);
}

/** Tries to give a tenant its own gateway key; the tenant keeps the pooled key if that fails. */
export async function assignDedicatedGatewayKey(runtime: Runtime, tenantId: string, tier: string): Promise<boolean> {
  if (!(await runtime.accounts.reserveDedicatedGatewayKey(runtime.config.dedicatedGatewayKeyLimit))) return false;
  try {
    const key = await runtime.gatewayKeys.createKey(tenantId, tier, 'dedicated');
    await runtime.accounts.setGatewayKey(tenantId, key, 'dedicated');
    return true;
  } catch (error) {
    await runtime.accounts.releaseDedicatedGatewayKey();
    logger.warn('tenant stays on the pooled gateway key', { tier, reason: error instanceof Error ? error.name : 'unknown' });
    return false;
  }
}
