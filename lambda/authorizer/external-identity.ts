import { ExternalTokenVerifier, externalTenantId, providerOf, type ExternalRefusal } from '../auth/external-tokens';
import type { Tenant } from '../domain/records';
import type { TenantProvisioner } from '../provisioning/external-tenants';
import type { Dependencies } from '../wiring/dependencies';
import type { Scope } from '../domain/scopes';
import { TtlCache } from '../platform/ttl-cache';

export type ExternalIdentification =
  | { readonly ok: true; readonly tenant: Tenant; readonly subject: string; readonly scopes: readonly Scope[] }
  | { readonly ok: false; readonly reason: ExternalRefusal };

/**
 * Tokens of the identity providers the deployment trusts: verified against the provider's keys,
 * mapped to the tenant of (issuer, tenant claim), which the provisioner creates on first use.
 * A known tenant costs what an owner token costs: a cache hit, or one read.
 */
export class ExternalIdentities {
  private readonly verifier: ExternalTokenVerifier;
  private readonly tenants: TtlCache<Tenant>;

  constructor(
    private readonly deps: Dependencies,
    private readonly provisioner: TenantProvisioner | undefined,
    cache: { readonly ttlMs: number; readonly entries: number },
  ) {
    this.verifier = new ExternalTokenVerifier(deps.now);
    this.tenants = new TtlCache(cache.ttlMs, cache.entries);
  }

  /** Whether the token claims to come from a configured provider (its issuer; the signature is checked by `identify`). */
  handles(token: string): boolean {
    return providerOf(token, this.deps.config.identityProviders) !== undefined;
  }

  async identify(token: string, now: number): Promise<ExternalIdentification> {
    const provider = providerOf(token, this.deps.config.identityProviders);
    if (!provider) return { ok: false, reason: 'external_token_invalid' };
    const verified = await this.verifier.verify(token, provider);
    if (!verified.ok) return verified;
    const tenantId = externalTenantId(verified.identity.issuer, verified.identity.tenant);
    let tenant = this.tenants.get(tenantId, now) ?? (await this.deps.tenants.getTenant(tenantId));
    if (!tenant) {
      if (!this.provisioner) throw new Error('identity providers are configured but no tenant provisioner is');
      const provisioned = await this.provisioner.provision(token);
      if (!provisioned.ok)
        return { ok: false, reason: provisioned.reason === 'unknown_issuer' ? 'external_token_invalid' : provisioned.reason };
      tenant = provisioned.tenant;
    }
    this.tenants.set(tenantId, tenant, now);
    return { ok: true, tenant, subject: verified.identity.subject, scopes: verified.identity.scopes };
  }
}
