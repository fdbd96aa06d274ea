import {
  APIGatewayClient,
  ConflictException,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsagePlansCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import { GATEWAY_KEY_OWNER_TAG, usagePlanName, type GatewayKeyKind } from '../shared/tiers';
import { traceClient } from './tracing';

/** An API Gateway API key: `value` is what the authorizer returns as usageIdentifierKey. */
export interface GatewayKey {
  readonly id: string;
  readonly value: string;
}

/** The API Gateway control plane, as far as tenants' usage plans need it. */
export interface GatewayKeyProvisioner {
  /** Creates an enabled key and attaches it to the tier's usage plan (dedicated or pooled). */
  createKey(name: string, tier: string, kind: GatewayKeyKind): Promise<GatewayKey>;
  /** Moves a dedicated key from one tier's usage plan to another's. */
  moveKey(keyId: string, fromTier: string, toTier: string): Promise<void>;
  /** Deletes a key nobody uses (it would count toward the region's 10,000 keys). */
  deleteKey(keyId: string): Promise<void>;
}

/**
 * Usage plans are found by name (`usagePlanName`) rather than id, so functions need no reference
 * to the deployment (that would be a dependency cycle). CreateApiKey is limited to 5 requests a
 * second: the client retries throttling with adaptive backoff.
 */
export class ApiGatewayKeyProvisioner implements GatewayKeyProvisioner {
  private plans: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly planPrefix: string,
    private readonly client = traceClient(new APIGatewayClient({ maxAttempts: 8, retryMode: 'adaptive' })),
  ) {}

  async createKey(name: string, tier: string, kind: GatewayKeyKind): Promise<GatewayKey> {
    const planId = await this.planId(usagePlanName(this.planPrefix, tier, kind));
    const created = await this.client.send(
      new CreateApiKeyCommand({ name, enabled: true, tags: { [GATEWAY_KEY_OWNER_TAG]: this.planPrefix } }),
    );
    if (!created.id || !created.value) throw new Error('CreateApiKey returned no key');
    try {
      await this.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: created.id, keyType: 'API_KEY' }));
    } catch (error) {
      // Best effort: the caller should hear why attaching failed, not why cleaning up failed.
      await this.deleteKey(created.id).catch(() => undefined);
      throw error;
    }
    return { id: created.id, value: created.value };
  }

  async moveKey(keyId: string, fromTier: string, toTier: string): Promise<void> {
    if (fromTier === toTier) return;
    const [fromPlan, toPlan] = await Promise.all([
      this.planId(usagePlanName(this.planPrefix, fromTier, 'dedicated')),
      this.planId(usagePlanName(this.planPrefix, toTier, 'dedicated')),
    ]);
    // Both steps tolerate having been done already, so a move that failed halfway can be retried.
    await this.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: toPlan, keyId, keyType: 'API_KEY' })).catch((error: unknown) => {
      if (!(error instanceof ConflictException)) throw error;
    });
    await this.client.send(new DeleteUsagePlanKeyCommand({ usagePlanId: fromPlan, keyId })).catch((error: unknown) => {
      if (!(error instanceof NotFoundException)) throw error;
    });
  }

  async deleteKey(keyId: string): Promise<void> {
    await this.client.send(new DeleteApiKeyCommand({ apiKey: keyId }));
  }

  private async planId(name: string): Promise<string> {
    if (!this.plans) {
      this.plans = this.loadPlans();
      this.plans.catch(() => (this.plans = undefined));
    }
    const id = (await this.plans).get(name);
    if (!id) throw new Error(`no usage plan named ${name}`);
    return id;
  }

  private async loadPlans(): Promise<Map<string, string>> {
    const plans = new Map<string, string>();
    let position: string | undefined;
    do {
      const page = await this.client.send(new GetUsagePlansCommand({ position, limit: 500 }));
      for (const plan of page.items ?? []) if (plan.name && plan.id) plans.set(plan.name, plan.id);
      position = page.position;
    } while (position);
    return plans;
  }
}
