/**
 * Gateway keys: API Gateway's own keys that attach tenants to usage plans (pooled and dedicated), tier
 * changes, usage-plan stages, the provisioner adapter and both custom resources. Not to be confused with
 * API keys (ours, `mem_live_…`, lambda/api-keys/). What other folders may use is exported
 * here; the rest of the folder is its own business. The dependencies container (lambda/wiring/dependencies.ts)
 * imports the provisioner's interface and the slots store from their files, so a function loads no more
 * of the feature than it uses. The modules here take what they use of that container as
 * GatewayKeysContext (gateway-keys-context.ts), so the feature never imports it back.
 */
export { ApiGatewayKeyProvisioner } from './gateway-key-provisioner';
export { ensurePooledKeys, pooledKeyFor } from './gateway-pool';
export { changeTier, migrateTier, sweepTierChanges, type TierChangeResult, type TierMigrationResult } from './tier-change';
export { repointStrandedTenants } from './stranded-tenants';
export { deleteStackKeys, gatewayKeyReport } from './gateway-key-inventory';
export { checkGatewayKeys, gatewayKeysResource } from './gateway-keys-resource';
export { usagePlanStagesResource, type UsagePlanStagesProperties } from './usage-plan-stages-resource';
