import type { GatewayKey } from '../platform/gateway-keys';
import { logger } from '../platform/logger';
import type { Services } from './services';

/**
 * API Gateway allows 10,000 API keys a region and 5 CreateApiKey calls a second. Tenants get a
 * dedicated gateway key (their own edge throttle) while fewer than `dedicatedGatewayKeyLimit` are
 * taken; after that, or when the control plane refuses, they share their tier's pooled key, and
 * our own counters keep every tenant's limits exact either way.
 */
export async function pooledGatewayKey(services: Services, tier: string): Promise<GatewayKey> {
  const existing = await services.accounts.getPooledGatewayKey(tier);
  if (existing) return existing;
  const created = await services.gatewayKeys.createKey(`pool-${tier}`, tier, 'pooled').catch((error: unknown) => {
    services.metrics.record('GatewayKeyProvisioningFailures', {});
    throw error;
  });
  const winner = await services.accounts.putPooledGatewayKey(tier, created);
  // Another sign-up created the tier's pooled key at the same time: ours is not needed.
  if (winner.id !== created.id) await services.gatewayKeys.deleteKey(created.id).catch(() => undefined);
  return winner;
}

/** Tries to give a tenant its own gateway key; the tenant keeps the pooled key if that fails. */
export async function assignDedicatedGatewayKey(services: Services, tenantId: string, tier: string): Promise<boolean> {
  const limit = services.config.dedicatedGatewayKeyLimit;
  const taken = await services.accounts.reserveDedicatedGatewayKey(limit);
  services.metrics.record('DedicatedGatewayKeys', {}, taken ?? limit);
  if (taken === undefined) return false;
  let created: GatewayKey | undefined;
  try {
    created = await services.gatewayKeys.createKey(tenantId, tier, 'dedicated');
    await services.accounts.setGatewayKey(tenantId, created, 'dedicated');
    return true;
  } catch (error) {
    if (created) await services.gatewayKeys.deleteKey(created.id).catch(() => undefined);
    await services.accounts.releaseDedicatedGatewayKey();
    services.metrics.record('GatewayKeyProvisioningFailures', {});
    logger.warn('tenant stays on the pooled gateway key', { tier, reason: error instanceof Error ? error.name : 'unknown' });
    return false;
  }
}
