import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APIGatewayClient,
  BadRequestException,
  ConflictException,
  LimitExceededException,
  NotFoundException,
  TooManyRequestsException,
  type ApiKey,
  type UsagePlan,
} from '@aws-sdk/client-api-gateway';
import { ACCOUNT_API_KEY_QUOTA } from '../lambda/shared/config';
import type { UsagePlanDefinition } from '../lambda/shared/usage-plans';
import { TokenBucket } from '../lambda/domain/token-bucket';

/** What a usage plan enforces at the edge. */
export type PlanLimits = Pick<UsagePlanDefinition, 'throttle' | 'quota' | 'methodThrottles'>;
type PlanDefinition = PlanLimits & { readonly name: string };

interface KeyRecord {
  readonly id: string;
  readonly name: string;
  readonly value: string;
  readonly enabled: boolean;
  readonly tags: Record<string, string>;
  readonly createdDate: string;
}

interface PlanRecord extends PlanDefinition {
  readonly id: string;
  stages: string[];
  keyIds: string[];
}

interface State {
  keys: Record<string, KeyRecord>;
  plans: Record<string, PlanRecord>;
}

export interface LocalApiGatewayOptions {
  readonly now: () => number;
  /** A folder to persist keys and plans in (beside the local database); in memory when undefined. */
  readonly dataDir?: string;
  /** API keys the account may hold. @default 10,000 (AWS's hard limit) */
  readonly apiKeyQuota?: number;
}

/** The key and plan a usageIdentifierKey resolves to on a stage, as API Gateway looks it up. */
export interface PlanMembership {
  readonly keyId: string;
  readonly planId: string;
  readonly limits: PlanLimits;
}

type Operation = (input: Record<string, unknown>) => unknown;
type Fault = { readonly operation: string; readonly error: Error; readonly afterApplying: boolean };

const OPERATION_BUCKETS: Readonly<Record<string, 'createApiKey' | 'deleteApiKey' | 'updateUsagePlan'>> = {
  CreateApiKey: 'createApiKey',
  DeleteApiKey: 'deleteApiKey',
  UpdateUsagePlan: 'updateUsagePlan',
};
const PAGE_LIMIT = 500;

/**
 * Stands in for API Gateway's control plane (API keys and usage plans) with its rules: a key sits
 * in at most one usage plan per API stage (ConflictException), the account holds at most
 * `apiKeyQuota` keys (LimitExceededException), and calls are throttled per account like AWS's:
 * all calls 10 a second, CreateApiKey and DeleteApiKey 5 a second, UpdateUsagePlan one per 20 s
 * (TooManyRequestsException). Buckets run on the stack's clock. Keys and plans persist beside
 * the local database. Only "deploys" (what CloudFormation does, paced by its own retries) bypass
 * the buckets.
 */
export class LocalApiGateway {
  private readonly state: State = { keys: {}, plans: {} };
  private readonly file?: string;
  private readonly quota: number;
  private readonly buckets = {
    all: new TokenBucket(10, 10),
    createApiKey: new TokenBucket(5, 5),
    deleteApiKey: new TokenBucket(5, 5),
    updateUsagePlan: new TokenBucket(1 / 20, 1),
  };
  private readonly faults: Fault[] = [];
  private deploying = false;
  /** Every call the control plane answered or refused, by operation name (tests count them). */
  readonly calls: string[] = [];

  constructor(private readonly options: LocalApiGatewayOptions) {
    this.quota = options.apiKeyQuota ?? ACCOUNT_API_KEY_QUOTA;
    if (!options.dataDir) return;
    this.file = join(options.dataDir, 'api-gateway.json');
    if (existsSync(this.file)) Object.assign(this.state, JSON.parse(readFileSync(this.file, 'utf8')) as State);
  }

  /** An SDK client whose calls this stand-in answers, inside the SDK's middleware (no retries: the buckets run on the stack's clock). */
  client(): APIGatewayClient {
    const client = new APIGatewayClient({
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    client.middlewareStack.add(
      (_next, context) => async (args) => {
        const operation = String(context.commandName).replace(/Command$/, '');
        const output = this.call(operation, args.input as Record<string, unknown>);
        return { output: { ...(output as object), $metadata: { httpStatusCode: 200 } }, response: {} };
      },
      { step: 'deserialize', priority: 'high', name: 'localApiGateway' },
    );
    return client;
  }

  /**
   * What CloudFormation does at deploy: the stack's usage plans exist with these limits and this
   * stage, plans of the prefix that are no longer defined are deleted. `work` then runs like the
   * deploy-time custom resource, unthrottled (CloudFormation waits for it however long it takes).
   */
  async deploy(prefix: string, stage: string, plans: readonly PlanDefinition[], work: () => Promise<void>): Promise<void> {
    const wanted = new Map(plans.map((plan) => [plan.name, plan]));
    for (const plan of Object.values(this.state.plans)) {
      if (plan.name.startsWith(`${prefix}-`) && !wanted.has(plan.name)) delete this.state.plans[plan.id];
    }
    for (const definition of plans) {
      const existing = Object.values(this.state.plans).find((plan) => plan.name === definition.name);
      const stages = [...new Set([...(existing?.stages ?? []), stage])];
      const id = existing?.id ?? randomId(6);
      this.state.plans[id] = { ...definition, id, stages, keyIds: existing?.keyIds ?? [] };
    }
    this.save();
    this.deploying = true;
    try {
      await work();
    } finally {
      this.deploying = false;
    }
  }

  /**
   * The next call of `operation` fails with `error` (tests break a flow at one step with it);
   * `afterApplying`: the call takes effect but its answer is lost, as with a timeout.
   */
  failNext(operation: string, error: Error, afterApplying = false): void {
    this.faults.push({ operation, error, afterApplying });
  }

  /** The key a usageIdentifierKey names and the one plan of `stage` holding it, or undefined (API Gateway's INVALID_API_KEY). */
  membership(value: string, stage: string): PlanMembership | undefined {
    const key = Object.values(this.state.keys).find((candidate) => candidate.value === value);
    if (!key?.enabled) return undefined;
    const plan = Object.values(this.state.plans).find((candidate) => candidate.stages.includes(stage) && candidate.keyIds.includes(key.id));
    return plan ? { keyId: key.id, planId: plan.id, limits: plan } : undefined;
  }

  /** Every key, with the names of the plans holding it (tests check nothing is left behind). */
  keys(): { id: string; name: string; value: string; tags: Record<string, string>; plans: string[] }[] {
    return Object.values(this.state.keys).map((key) => ({
      ...key,
      plans: Object.values(this.state.plans)
        .filter((plan) => plan.keyIds.includes(key.id))
        .map((plan) => plan.name),
    }));
  }

  private call(operation: string, input: Record<string, unknown>): unknown {
    this.calls.push(operation);
    const faultAt = this.faults.findIndex((fault) => fault.operation === operation);
    const fault = faultAt >= 0 ? this.faults.splice(faultAt, 1)[0] : undefined;
    if (fault && !fault.afterApplying) throw fault.error;
    this.throttle(operation);
    const handler = this.operations[operation];
    if (!handler) throw new BadRequestException({ message: `${operation} is not emulated locally`, $metadata: status(400) });
    const output = handler(input);
    this.save();
    if (fault) throw fault.error;
    return output;
  }

  private throttle(operation: string): void {
    if (this.deploying) return;
    const now = this.options.now();
    const specific = OPERATION_BUCKETS[operation];
    const buckets = [this.buckets.all, ...(specific ? [this.buckets[specific]] : [])];
    if (!buckets.every((bucket) => bucket.hasToken(now))) {
      throw new TooManyRequestsException({ message: 'Too Many Requests', retryAfterSeconds: '1', $metadata: status(429) });
    }
    for (const bucket of buckets) bucket.take();
  }

  private readonly operations: Readonly<Record<string, Operation>> = {
    CreateApiKey: (input) => {
      if (Object.keys(this.state.keys).length >= this.quota) {
        throw new LimitExceededException({ message: 'API key limit exceeded for this account', $metadata: status(429) });
      }
      const key: KeyRecord = {
        id: randomId(5),
        name: String(input.name ?? ''),
        value: randomBytes(30).toString('base64url').slice(0, 40),
        enabled: input.enabled === true,
        tags: { ...(input.tags as Record<string, string> | undefined) },
        createdDate: new Date(this.options.now()).toISOString(),
      };
      this.state.keys[key.id] = key;
      return apiKeyView(key, true);
    },
    DeleteApiKey: (input) => {
      const key = this.key(String(input.apiKey));
      delete this.state.keys[key.id];
      for (const plan of Object.values(this.state.plans)) plan.keyIds = plan.keyIds.filter((id) => id !== key.id);
      return {};
    },
    GetApiKeys: (input) => {
      const nameQuery = typeof input.nameQuery === 'string' ? input.nameQuery : undefined;
      const keys = Object.values(this.state.keys).filter((key) => !nameQuery || key.name.startsWith(nameQuery));
      return page(keys, input, (key) => apiKeyView(key, input.includeValues === true));
    },
    GetUsagePlans: (input) => page(Object.values(this.state.plans), input, usagePlanView),
    CreateUsagePlanKey: (input) => {
      const plan = this.plan(String(input.usagePlanId));
      const key = this.key(String(input.keyId));
      if (plan.keyIds.includes(key.id)) throw conflict(`Usage plan ${plan.id} already has API key ${key.id}`);
      const clash = Object.values(this.state.plans).find(
        (other) => other.keyIds.includes(key.id) && other.stages.some((stage) => plan.stages.includes(stage)),
      );
      if (clash) throw conflict(`API key ${key.id} cannot reference multiple usage plans with the same API stage (it is in ${clash.id})`);
      plan.keyIds.push(key.id);
      return { id: key.id, name: key.name, type: 'API_KEY', value: key.value };
    },
    DeleteUsagePlanKey: (input) => {
      const plan = this.plan(String(input.usagePlanId));
      if (!plan.keyIds.includes(String(input.keyId))) throw notFound('Invalid API Key identifier specified');
      plan.keyIds = plan.keyIds.filter((id) => id !== input.keyId);
      return {};
    },
    GetUsagePlanKey: (input) => {
      const plan = this.plan(String(input.usagePlanId));
      const key = this.key(String(input.keyId));
      if (!plan.keyIds.includes(key.id)) throw notFound('Invalid API Key identifier specified');
      return { id: key.id, name: key.name, type: 'API_KEY', value: key.value };
    },
    UpdateUsagePlan: (input) => {
      const plan = this.plan(String(input.usagePlanId));
      for (const patch of (input.patchOperations ?? []) as { op?: string; path?: string; value?: string }[]) {
        if (patch.path !== '/apiStages' || !patch.value)
          throw new BadRequestException({ message: 'Invalid patch path', $metadata: status(400) });
        if (patch.op === 'add') plan.stages = [...new Set([...plan.stages, patch.value])];
        else if (patch.op === 'remove') {
          if (!plan.stages.includes(patch.value)) throw notFound(`Usage plan ${plan.id} has no API stage ${patch.value}`);
          plan.stages = plan.stages.filter((stage) => stage !== patch.value);
        } else throw new BadRequestException({ message: `Invalid patch operation ${patch.op}`, $metadata: status(400) });
      }
      return usagePlanView(plan);
    },
  };

  private key(id: string): KeyRecord {
    const key = this.state.keys[id];
    if (!key) throw notFound('Invalid API Key identifier specified');
    return key;
  }

  private plan(id: string): PlanRecord {
    const plan = this.state.plans[id];
    if (!plan) throw notFound('Invalid Usage Plan ID specified');
    return plan;
  }

  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(this.state), { mode: 0o600 });
  }
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function status(httpStatusCode: number): { httpStatusCode: number } {
  return { httpStatusCode };
}

function conflict(message: string): ConflictException {
  return new ConflictException({ message, $metadata: status(409) });
}

function notFound(message: string): NotFoundException {
  return new NotFoundException({ message, $metadata: status(404) });
}

function apiKeyView(key: KeyRecord, includeValue: boolean): ApiKey {
  return {
    id: key.id,
    name: key.name,
    enabled: key.enabled,
    tags: key.tags,
    createdDate: new Date(key.createdDate),
    ...(includeValue ? { value: key.value } : {}),
  };
}

function usagePlanView(plan: PlanRecord): UsagePlan {
  return {
    id: plan.id,
    name: plan.name,
    apiStages: plan.stages.map((stage) => {
      const [apiId, stageName] = stage.split(':');
      return { apiId, stage: stageName };
    }),
  };
}

/** API Gateway's paging: `limit` (at most 500) items from `position`. */
function page<T, V>(items: readonly T[], input: Record<string, unknown>, view: (item: T) => V): { items: V[]; position?: string } {
  const limit = Math.min(Number(input.limit ?? 25) || 25, PAGE_LIMIT);
  const start = Number(input.position ?? 0) || 0;
  const next = start + limit;
  return { items: items.slice(start, next).map(view), ...(next < items.length ? { position: String(next) } : {}) };
}
