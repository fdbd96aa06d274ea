import { ExternalTokenVerifier, externalTenantId, providerOf, type ExternalRefusal } from '../auth/external-tokens';
import type { Tenant } from '../domain/records';
import { logger } from '../platform/logger';
import { pooledKeyFor } from '../gateway-keys/gateway-pool';
import type { Dependencies } from '../wiring/dependencies';

export type ProvisionResult = { ok: true; tenant: Tenant } | { ok: false; reason: ExternalRefusal | 'unknown_issuer' };

/**
 * Creates the tenant of an identity provider's organisation on first use. It runs with the rights
 * to write tenants, which the authorizer does not hold: the authorizer
 * asks for it with the token, and the token is verified again here, so this path creates tenants
 * only for valid tokens whoever calls it.
 */
export interface TenantProvisioner {
  provision(token: string): Promise<ProvisionResult>;
}

/**
 * Verifies the token, then makes sure the tenant of (issuer, tenant claim) exists: on the default
 * tier, on its shard of the tier's pooled gateway keys, exactly like a sign-up (no control-plane
 * call: a dedicated key comes with a tier that gives one). Concurrent first
 * requests race on one conditional write of the tenant item; one creates it, the others read it.
 */
export async function provisionFromToken(deps: Dependencies, verifier: ExternalTokenVerifier, token: string): Promise<ProvisionResult> {
  const provider = providerOf(token, deps.config.identityProviders);
  if (!provider) return { ok: false, reason: 'unknown_issuer' };
  const verified = await verifier.verify(token, provider);
  if (!verified.ok) return verified;
  const { issuer, tenant: claim } = verified.identity;
  const tenantId = externalTenantId(issuer, claim);
  const existing = await deps.tenants.getTenant(tenantId);
  if (existing) return { ok: true, tenant: existing };
  const tier = deps.config.defaultTier;
  const pooled = await pooledKeyFor(deps, tier);
  // The pooled keys are created at deploy (and by npm start); without them no tenant can be served yet.
  if (!pooled) throw new Error(`no pooled gateway key for tier ${tier} yet`);
  const created = await deps.tenants.createTenant({
    tenantId,
    tier,
    identityProvider: { issuer, tenant: claim },
    createdAt: new Date(deps.now()).toISOString(),
    activeKeys: 0,
    gatewayKeyId: pooled.id,
    gatewayKeyValue: pooled.value,
    gatewayKeyKind: 'pooled',
  });
  if (created) logger.info('tenant created for an identity provider', { tenant_id: tenantId, issuer });
  const tenant = await deps.tenants.getTenant(tenantId);
  if (!tenant) throw new Error('provisioned tenant vanished');
  return { ok: true, tenant };
}

/** The provisioner in the same process (the local gateway, which holds every right). */
export function inProcessProvisioner(deps: Dependencies): TenantProvisioner {
  const verifier = new ExternalTokenVerifier(deps.now);
  return { provision: (token) => provisionFromToken(deps, verifier, token) };
}
