import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlansCommand,
  NotFoundException,
  UpdateUsagePlanCommand,
  type ApiKey,
} from '@aws-sdk/client-api-gateway';
import { STACK_TAG, usagePlanName, type GatewayKeyKind } from '../shared/tiers';
import { traceClient } from '../platform/tracing';

/** An API Gateway API key: `value` is what the authorizer returns as usageIdentifierKey. */
export interface GatewayKey {
  readonly id: string;
  readonly value: string;
}

export interface NamedGatewayKey extends GatewayKey {
  readonly name: string;
}

/** A usage plan as far as attaching API stages goes. */
export interface UsagePlanRef {
  readonly id: string;
  readonly name: string;
  readonly stages: readonly string[];
}

/**
 * The API Gateway control plane, as far as the stack's gateway keys need it. Every call is one
 * control-plane request (10 a second per account, CreateApiKey and DeleteApiKey 5): none of them
 * may run on a request path without a budget.
 */
export interface GatewayKeyProvisioner {
  /** The stack whose keys these are: it prefixes usage plan and key names and tags every key. */
  readonly stack: string;
  /** Creates an enabled key tagged with the stack. It is in no usage plan yet. */
  createKey(name: string): Promise<GatewayKey>;
  /** The stack's key of exactly this name (one whose CreateApiKey answer was lost), if any. */
  findKey(name: string): Promise<GatewayKey | undefined>;
  /** Puts a key in the tier's usage plan of that kind (ConflictException if a plan of the stage already holds it). */
  addToPlan(keyId: string, tier: string, kind: GatewayKeyKind): Promise<void>;
  isInPlan(keyId: string, tier: string, kind: GatewayKeyKind): Promise<boolean>;
  /** Deletes a key; a key that is already gone is fine. */
  deleteKey(keyId: string): Promise<void>;
  /** Every key tagged with this stack, with its value. */
  listStackKeys(): Promise<NamedGatewayKey[]>;
  /** Every key of the account in this region (the 10,000 quota counts them all). */
  countAccountKeys(): Promise<number>;
}

const PAGE = 500;

/**
 * Usage plans are found by name (`usagePlanName`) rather than id, so functions need no reference
 * to the deployment (that would be a dependency cycle). The default client retries throttling
 * adaptively, which can take tens of seconds: it is for operator commands and deploy-time work.
 */
export class ApiGatewayKeyProvisioner implements GatewayKeyProvisioner {
  private plans: Promise<Map<string, string>> | undefined;

  constructor(
    readonly stack: string,
    private readonly client = traceClient(new APIGatewayClient({ maxAttempts: 8, retryMode: 'adaptive' })),
  ) {}

  async createKey(name: string): Promise<GatewayKey> {
    const created = await this.client.send(new CreateApiKeyCommand({ name, enabled: true, tags: { [STACK_TAG]: this.stack } }));
    if (!created.id || !created.value) throw new Error('CreateApiKey returned no key');
    return { id: created.id, value: created.value };
  }

  async findKey(name: string): Promise<GatewayKey | undefined> {
    let position: string | undefined;
    do {
      const page = await this.client.send(new GetApiKeysCommand({ position, limit: PAGE, nameQuery: name, includeValues: true }));
      const key = page.items?.find((item) => item.name === name && item.tags?.[STACK_TAG] === this.stack);
      if (key?.id && key.value) return { id: key.id, value: key.value };
      position = page.position;
    } while (position);
    return undefined;
  }

  async addToPlan(keyId: string, tier: string, kind: GatewayKeyKind): Promise<void> {
    const usagePlanId = await this.planId(tier, kind);
    await this.client.send(new CreateUsagePlanKeyCommand({ usagePlanId, keyId, keyType: 'API_KEY' }));
  }

  async isInPlan(keyId: string, tier: string, kind: GatewayKeyKind): Promise<boolean> {
    const usagePlanId = await this.planId(tier, kind);
    try {
      await this.client.send(new GetUsagePlanKeyCommand({ usagePlanId, keyId }));
      return true;
    } catch (error) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  }

  async deleteKey(keyId: string): Promise<void> {
    await this.client.send(new DeleteApiKeyCommand({ apiKey: keyId })).catch((error: unknown) => {
      if (!(error instanceof NotFoundException)) throw error;
    });
  }

  async listStackKeys(): Promise<NamedGatewayKey[]> {
    const keys: NamedGatewayKey[] = [];
    for await (const key of this.allKeys(true)) {
      if (key.tags?.[STACK_TAG] === this.stack && key.id && key.value && key.name)
        keys.push({ id: key.id, value: key.value, name: key.name });
    }
    return keys;
  }

  async countAccountKeys(): Promise<number> {
    let count = 0;
    for await (const _key of this.allKeys(false)) count += 1;
    return count;
  }

  private async *allKeys(includeValues: boolean): AsyncGenerator<ApiKey> {
    let position: string | undefined;
    do {
      const page = await this.client.send(new GetApiKeysCommand({ position, limit: PAGE, includeValues }));
      yield* page.items ?? [];
      position = page.position;
    } while (position);
  }

  private async planId(tier: string, kind: GatewayKeyKind): Promise<string> {
    if (!this.plans) {
      this.plans = listUsagePlans(this.client).then((plans) => new Map(plans.map((plan) => [plan.name, plan.id])));
      this.plans.catch(() => (this.plans = undefined));
    }
    const name = usagePlanName(this.stack, tier, kind);
    const id = (await this.plans).get(name);
    if (!id) throw new Error(`no usage plan named ${name}`);
    return id;
  }
}

export async function listUsagePlans(client: APIGatewayClient): Promise<UsagePlanRef[]> {
  const plans: UsagePlanRef[] = [];
  let position: string | undefined;
  do {
    const page = await client.send(new GetUsagePlansCommand({ position, limit: PAGE }));
    for (const plan of page.items ?? []) {
      if (plan.name && plan.id) plans.push({ id: plan.id, name: plan.name, stages: (plan.apiStages ?? []).map(stageOf) });
    }
    position = page.position;
  } while (position);
  return plans;
}

/** Adds or removes one API stage (`<restApiId>:<stage>`) of a usage plan. */
export async function updatePlanStage(client: APIGatewayClient, planId: string, op: 'add' | 'remove', stage: string): Promise<void> {
  await client.send(new UpdateUsagePlanCommand({ usagePlanId: planId, patchOperations: [{ op, path: '/apiStages', value: stage }] }));
}

function stageOf(apiStage: { apiId?: string; stage?: string }): string {
  return `${apiStage.apiId ?? ''}:${apiStage.stage ?? ''}`;
}

/**
 * True when API Gateway refused a call outright (a 4xx: throttled, over quota, conflict), so it
 * made no change. A timeout or a 5xx may have been done anyway.
 */
export function refusedOutright(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 400 && status < 500;
}

/**
 * CreateApiKey answered LimitExceededException: the account holds as many API keys as API Gateway
 * allows, or it kept limiting us through every retry. Either way there is no key to be had now.
 */
export function isKeyQuotaExceeded(error: unknown): boolean {
  return error instanceof Error && error.name === 'LimitExceededException';
}
