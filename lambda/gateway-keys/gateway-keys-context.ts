import type { MetricsRecorder } from '../platform/metrics';
import type { AppConfig } from '../shared/config';
import type { ApiKeysStore } from '../store/api-keys-store';
import type { AuditStore } from '../store/audit-store';
import type { TenantsStore } from '../store/tenants-store';
import type { GatewayKeyProvisioner } from './gateway-key-provisioner';
import type { GatewayKeySlotsStore } from './gateway-key-slots-store';

/**
 * What the gateway-key feature uses of a function's dependencies. The container
 * (wiring/dependencies.ts) holds this feature's store and provisioner and satisfies this type, so
 * the feature names what it needs here rather than importing the container back.
 */
export interface GatewayKeysContext {
  readonly config: AppConfig;
  readonly gatewayKeys: GatewayKeyProvisioner;
  readonly gatewayKeySlots: GatewayKeySlotsStore;
  readonly tenants: TenantsStore;
  readonly apiKeys: ApiKeysStore;
  readonly audit: AuditStore;
  readonly metrics: MetricsRecorder;
  readonly now: () => number;
}
