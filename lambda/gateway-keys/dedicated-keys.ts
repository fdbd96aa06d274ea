import { randomBytes } from 'node:crypto';
import type { PendingGatewayKey, Tenant } from '../domain/records';
import { isKeyQuotaExceeded, refusedOutright, type GatewayKey } from './gateway-key-provisioner';
import { logger } from '../platform/logger';
import type { GatewayKeysContext } from './gateway-keys-context';

export type DedicatedKeyOutcome = { readonly ok: true; readonly key: GatewayKey } | { readonly ok: false; readonly unavailable: string };

/**
 * A new dedicated gateway key for a tenant, already in the tier's dedicated usage plan. Its slot
 * (one of `dedicatedGatewayKeyLimit`) and its name are recorded on the tenant before the key is
 * created, so a crash at any step leaves a record the next run resolves: the key is found again
 * by name and used or deleted, never left behind. A refusal (no slot left, the account's key
 * quota) gives the slot back and says why; other failures throw.
 */
export async function newDedicatedKey(deps: GatewayKeysContext, tenant: Tenant, tier: string): Promise<DedicatedKeyOutcome> {
  const { gatewayKeySlots, gatewayKeys } = deps;
  let pending = tenant.pendingGatewayKey;
  if (pending) {
    const found = await gatewayKeys.findKey(pending.name);
    if (found && pending.tier === tier) {
      if (!(await gatewayKeys.isInPlan(found.id, tier, 'dedicated'))) await gatewayKeys.addToPlan(found.id, tier, 'dedicated');
      return { ok: true, key: found };
    }
    if (found) await gatewayKeys.deleteKey(found.id);
    if (pending.tier !== tier) {
      const next = pendingKey(deps, tenant.tenantId, tier);
      await gatewayKeySlots.replacePendingKey(tenant.tenantId, pending, next);
      pending = next;
    }
  } else {
    pending = pendingKey(deps, tenant.tenantId, tier);
    if (!(await gatewayKeySlots.reserveDedicatedKey(tenant.tenantId, pending, deps.config.dedicatedGatewayKeyLimit))) {
      return { ok: false, unavailable: `all ${deps.config.dedicatedGatewayKeyLimit} dedicated gateway keys of the stack are taken` };
    }
  }

  let key: GatewayKey;
  try {
    key = await gatewayKeys.createKey(pending.name);
  } catch (error) {
    deps.metrics.record('GatewayKeyProvisioningFailures', {});
    // A timeout or a 5xx may have created the key anyway: the pending record finds it on the next run.
    if (!refusedOutright(error)) throw error;
    await gatewayKeySlots.releasePendingKey(tenant.tenantId, pending);
    if (isKeyQuotaExceeded(error)) return { ok: false, unavailable: 'the account holds as many API keys as API Gateway allows' };
    throw error;
  }
  try {
    await gatewayKeys.addToPlan(key.id, tier, 'dedicated');
  } catch (error) {
    deps.metrics.record('GatewayKeyProvisioningFailures', {});
    await discardPendingKey(deps, tenant.tenantId, pending, key.id);
    throw error;
  }
  return { ok: true, key };
}

/** Deletes a pending key and gives its slot back; what fails here is left to the next run, which finds the key by name. */
export async function discardPendingKey(
  deps: GatewayKeysContext,
  tenantId: string,
  pending: PendingGatewayKey,
  keyId?: string,
): Promise<void> {
  try {
    const id = keyId ?? (await deps.gatewayKeys.findKey(pending.name))?.id;
    if (id) await deps.gatewayKeys.deleteKey(id);
    await deps.gatewayKeySlots.releasePendingKey(tenantId, pending);
  } catch (error) {
    logger.warn('pending gateway key left for the next tier change', { reason: error instanceof Error ? error.name : 'unknown' });
  }
}

function pendingKey(deps: GatewayKeysContext, tenantId: string, tier: string): PendingGatewayKey {
  return { name: `${deps.gatewayKeys.stack}-${tenantId}-${randomBytes(4).toString('hex')}`, tier };
}
