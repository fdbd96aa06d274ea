import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { cancellationReasons, isConditionFailure, transactWrite } from '../platform/dynamo';
import type { GatewayKey } from '../platform/gateway-keys';
import type { PendingGatewayKey, Tenant, User } from '../domain/records';
import type { GatewayKeyKind } from '../shared/tiers';
import { queryItems } from './pagination';

/** The tenant item's key; the API key store updates the same item's `activeKeys` counter. */
export const tenantKey = (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'USER' });
/** What login attempts are counted against: an email from one client address, an email from anywhere, or an address. */
export type LoginCounter = { readonly email: string; readonly address: string } | { readonly email: string } | { readonly address: string };
/**
 * Each counter kind has its own key shape, the email and the address in attributes of their own
 * (never joined into one string), so no email, however written, can name another counter.
 */
const loginKey = (counter: LoginCounter) => {
  if (!('email' in counter)) return { pk: `LOGIN_ADDRESS#${counter.address}`, sk: 'ATTEMPTS' };
  const pk = loginEmailPartition(counter.email);
  return 'address' in counter ? { pk, sk: `ADDRESS#${counter.address}` } : { pk, sk: 'ATTEMPTS' };
};
const loginEmailPartition = (email: string) => `LOGIN_EMAIL#${email.toLowerCase()}`;
/** An address the email's owner logged in from: the email-wide counter does not slow it down. */
const knownAddressKey = (email: string, address: string) => ({ pk: loginEmailPartition(email), sk: `KNOWN#${address}` });

export interface AttemptLimit {
  /** Attempts in a window before the counter refuses. */
  readonly max: number;
  readonly windowSeconds: number;
  /**
   * Past `max`, one more attempt is let through 2, 4, 8, ... seconds (at most this many) after the
   * one before, instead of none until the window ends.
   */
  readonly backoffCapSeconds?: number;
}

export type AttemptOutcome = { readonly ok: true } | { readonly ok: false; /** Unix seconds. */ readonly retryAt: number };
const poolPartition = (tier: string) => `GATEWAY_POOL#${tier}`;
const poolKey = (tier: string, shard: number) => ({ pk: poolPartition(tier), sk: `SHARD#${String(shard).padStart(3, '0')}` });
/** Dedicated gateway key slots taken: pending, current and retiring keys alike. */
const DEDICATED_COUNTER = { pk: 'GATEWAY_KEYS', sk: 'DEDICATED' };
/** The transaction item that gives one dedicated gateway key slot back. */
const slotGivenBack = (table: string) => ({
  Update: {
    TableName: table,
    Key: DEDICATED_COUNTER,
    UpdateExpression: 'ADD taken :minusOne',
    ExpressionAttributeValues: { ':minusOne': -1 },
  },
});
/** One item per tenant whose tier change has not settled yet, so a sweep can finish them all. */
const UNSETTLED_PARTITION = 'TIER_CHANGES';
const unsettledKey = (tenantId: string) => ({ pk: UNSETTLED_PARTITION, sk: tenantId });

/** A tenant's move to another usage plan, as `switchGatewayKey` writes it. */
export interface PlanSwitch {
  readonly tier: string;
  readonly key: GatewayKey;
  readonly kind: GatewayKeyKind;
  /** The tenant's dedicated key that this switch leaves, to be deleted once the switch settles. */
  readonly retiring?: string;
  readonly settlesAt: string;
}

/** Tenants, their owners (looked up by email), login throttling and gateway key bookkeeping. */
export class AccountsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Creates owner and tenant together, or nothing: false when the email is taken. */
  async createTenantWithOwner(tenant: Tenant, user: User): Promise<boolean> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          { Put: { TableName: this.table, Item: { ...emailKey(user.email), ...user }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: this.table,
              Item: { ...tenantKey(tenant.tenantId), ...tenant },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /** Creates a tenant unless its item exists: true for the one writer that created it. */
  async createTenant(tenant: Tenant): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...tenantKey(tenant.tenantId), ...tenant },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Ids of the tenants on a tier, page by page. A Scan of the whole table: only the operator's
   * tier migration (npm run set-tier -- --from) calls it, with the operator's credentials; no
   * function is granted Scan.
   */
  async *tenantIdsOnTier(tier: string): AsyncGenerator<string> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :tenant AND tier = :tier',
          ProjectionExpression: 'tenantId',
          ExpressionAttributeValues: { ':tenant': 'TENANT', ':tier': tier },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield String(item.tenantId);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** One cheap read (of an item that need not exist): proof that the table answers. */
  async ping(): Promise<void> {
    await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
  }

  /** Consistent: a login right after sign-up must find the owner. */
  async findUserByEmail(email: string): Promise<User | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: emailKey(email), ConsistentRead: true }));
    return result.Item ? stripKeys<User>(result.Item) : undefined;
  }

  /** Consistent: an owner token used right after sign-up, or a tier just changed, must be seen. */
  async getTenant(tenantId: string): Promise<Tenant | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: tenantKey(tenantId), ConsistentRead: true }));
    return result.Item ? stripKeys<Tenant>(result.Item) : undefined;
  }

  /**
   * Moves a tenant to another tier and gateway key in one write, unless another change moved it
   * first. A dedicated key it leaves keeps its slot as a retiring key until the change settles;
   * the tenant is listed as unsettled until then.
   */
  async switchGatewayKey(tenant: Tenant, change: PlanSwitch): Promise<void> {
    const values: Record<string, unknown> = {
      ':tier': change.tier,
      ':id': change.key.id,
      ':value': change.key.value,
      ':kind': change.kind,
      ':settles': change.settlesAt,
      ':current': tenant.gatewayKeyId,
    };
    let update =
      'SET tier = :tier, gatewayKeyId = :id, gatewayKeyValue = :value, gatewayKeyKind = :kind, settlesAt = :settles REMOVE pendingGatewayKey';
    if (change.retiring) {
      update += ' ADD retiringGatewayKeys :retiring';
      values[':retiring'] = new Set([change.retiring]);
    }
    await transactWrite(this.db, {
      TransactItems: [
        {
          Update: {
            TableName: this.table,
            Key: tenantKey(tenant.tenantId),
            UpdateExpression: update,
            ConditionExpression: 'gatewayKeyId = :current',
            ExpressionAttributeValues: values,
          },
        },
        { Put: { TableName: this.table, Item: { ...unsettledKey(tenant.tenantId), settlesAt: change.settlesAt } } },
      ],
    });
  }

  /** Gives back the slot of a retiring key once the key is deleted. */
  async dropRetiringKey(tenantId: string, keyId: string): Promise<void> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: tenantKey(tenantId),
              UpdateExpression: 'DELETE retiringGatewayKeys :ids',
              ConditionExpression: 'contains(retiringGatewayKeys, :id)',
              ExpressionAttributeValues: { ':ids': new Set([keyId]), ':id': keyId },
            },
          },
          slotGivenBack(this.table),
        ],
      });
    } catch (error) {
      // Dropped by a concurrent sweep: its slot was given back once.
      if (cancellationReasons(error)?.[0] !== 'ConditionalCheckFailed') throw error;
    }
  }

  /** Ends a settled tier change, unless a newer one started meanwhile. */
  async markSettled(tenantId: string, settlesAt: string): Promise<void> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: tenantKey(tenantId),
              UpdateExpression: 'REMOVE settlesAt',
              ConditionExpression: 'settlesAt = :settles',
              ExpressionAttributeValues: { ':settles': settlesAt },
            },
          },
          {
            Delete: {
              TableName: this.table,
              Key: unsettledKey(tenantId),
              ConditionExpression: 'settlesAt = :settles',
              ExpressionAttributeValues: { ':settles': settlesAt },
            },
          },
        ],
      });
    } catch (error) {
      if (!cancellationReasons(error)?.includes('ConditionalCheckFailed')) throw error;
    }
  }

  /** Tenants whose tier change has not settled (the sweep finishes those that are due). */
  async unsettledTenants(): Promise<{ tenantId: string; settlesAt: string }[]> {
    const found: { tenantId: string; settlesAt: string }[] = [];
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': UNSETTLED_PARTITION },
      ConsistentRead: true,
    };
    for await (const item of queryItems(this.db, query)) found.push({ tenantId: String(item.sk), settlesAt: String(item.settlesAt) });
    return found;
  }

  /**
   * Takes one login attempt on a counter, atomically: attempts are taken before the password is
   * checked, so parallel guesses cannot slip past the count; a successful login clears them. A
   * window starts with its first attempt and ends `windowSeconds` later (the item's TTL).
   */
  async takeLoginAttempt(counter: LoginCounter, limit: AttemptLimit, now: number, retried = false): Promise<AttemptOutcome> {
    const nowSeconds = Math.floor(now / 1000);
    let window: Record<string, unknown>;
    try {
      await this.countAttempt(counter, 'attempts < :max', { ':max': limit.max }, nowSeconds);
      return { ok: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      window = unmarshall((error as Error & { Item?: Record<string, AttributeValue> }).Item ?? {});
    }
    const endsAt = Number(window.ttl ?? 0);
    if (endsAt > nowSeconds) return this.backOff(counter, limit, window, nowSeconds);
    // No window, or an expired one (TTL deletes lazily): start a new window with this attempt.
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...loginKey(counter), attempts: 1, lastAt: nowSeconds, ttl: nowSeconds + limit.windowSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return { ok: true };
    } catch (error) {
      // Another attempt started the window first: count this one in it.
      if (isConditionFailure(error) && !retried) return this.takeLoginAttempt(counter, limit, now, true);
      throw error;
    }
  }

  /** Whether the email's owner logged in from this address within the retention time (see rememberLoginAddress). */
  async isKnownLoginAddress(email: string, address: string, now: number): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.table, Key: knownAddressKey(email, address), ConsistentRead: true }),
    );
    return Number(result.Item?.ttl ?? 0) > Math.floor(now / 1000);
  }

  /** Remembers a successful login's address for `retentionSeconds` (the item's TTL, renewed by each success). */
  async rememberLoginAddress(email: string, address: string, now: number, retentionSeconds: number): Promise<void> {
    const ttl = Math.floor(now / 1000) + retentionSeconds;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...knownAddressKey(email, address), ttl } }));
  }

  async clearLoginAttempts(counters: readonly LoginCounter[]): Promise<void> {
    await Promise.all(counters.map((counter) => this.db.send(new DeleteCommand({ TableName: this.table, Key: loginKey(counter) }))));
  }

  /** A window past its `max`: refused until it ends, or let through one attempt per backoff step. */
  private async backOff(
    counter: LoginCounter,
    limit: AttemptLimit,
    window: Record<string, unknown>,
    nowSeconds: number,
  ): Promise<AttemptOutcome> {
    const endsAt = Number(window.ttl);
    if (limit.backoffCapSeconds === undefined) return { ok: false, retryAt: endsAt };
    const attempts = Number(window.attempts ?? limit.max);
    const allowedAt = Number(window.lastAt ?? 0) + Math.min(2 ** (attempts - limit.max + 1), limit.backoffCapSeconds);
    if (nowSeconds < allowedAt) return { ok: false, retryAt: Math.min(allowedAt, endsAt) };
    try {
      // Only the attempt that still sees the count it read gets the step.
      await this.countAttempt(counter, 'attempts = :seen', { ':seen': attempts }, nowSeconds);
      return { ok: true };
    } catch (error) {
      if (isConditionFailure(error)) return { ok: false, retryAt: nowSeconds + 1 };
      throw error;
    }
  }

  private async countAttempt(counter: LoginCounter, condition: string, values: Record<string, unknown>, nowSeconds: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: loginKey(counter),
        UpdateExpression: 'ADD attempts :one SET lastAt = :now',
        ConditionExpression: `attribute_exists(pk) AND #ttl > :now AND ${condition}`,
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ...values },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  }

  /**
   * Takes one of the limited dedicated gateway key slots for a key the tenant is about to get,
   * and records that key's name on the tenant in the same write: false once `limit` are taken.
   */
  async reserveDedicatedKey(tenantId: string, pending: PendingGatewayKey, limit: number): Promise<boolean> {
    if (limit <= 0) return false;
    try {
      await transactWrite(this.db, {
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: DEDICATED_COUNTER,
              UpdateExpression: 'ADD taken :one',
              ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
              ExpressionAttributeValues: { ':one': 1, ':limit': limit },
            },
          },
          {
            Update: {
              TableName: this.table,
              Key: tenantKey(tenantId),
              UpdateExpression: 'SET pendingGatewayKey = :pending',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(pendingGatewayKey)',
              ExpressionAttributeValues: { ':pending': pending },
            },
          },
        ],
      });
      return true;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === 'ConditionalCheckFailed') return false;
      if (reasons?.[1] === 'ConditionalCheckFailed') throw new Error(`tenant ${tenantId} is gone or already has a pending gateway key`);
      throw error;
    }
  }

  /** Points a tenant's reserved slot at another key (a retried tier change aims at another tier). */
  async replacePendingKey(tenantId: string, from: PendingGatewayKey, to: PendingGatewayKey): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: tenantKey(tenantId),
        UpdateExpression: 'SET pendingGatewayKey = :to',
        ConditionExpression: 'pendingGatewayKey.#name = :from',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':to': to, ':from': from.name },
      }),
    );
  }

  /** Gives a reserved slot back: its key was never made, or is deleted. */
  async releasePendingKey(tenantId: string, pending: PendingGatewayKey): Promise<void> {
    try {
      await transactWrite(this.db, {
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: tenantKey(tenantId),
              UpdateExpression: 'REMOVE pendingGatewayKey',
              ConditionExpression: 'pendingGatewayKey.#name = :name',
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':name': pending.name },
            },
          },
          slotGivenBack(this.table),
        ],
      });
    } catch (error) {
      if (cancellationReasons(error)?.[0] !== 'ConditionalCheckFailed') throw error;
    }
  }

  /** Dedicated gateway key slots taken (pending, current and retiring keys). */
  async dedicatedKeysTaken(): Promise<number> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: DEDICATED_COUNTER, ConsistentRead: true }));
    return Number(result.Item?.taken ?? 0);
  }

  /** A tier's pooled gateway keys by shard. */
  async poolShards(tier: string): Promise<Map<number, GatewayKey>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': poolPartition(tier) },
        ConsistentRead: true,
      }),
    );
    return new Map(
      (result.Items ?? []).map((item) => [
        Number(String(item.sk).slice('SHARD#'.length)),
        { id: String(item.id), value: String(item.value) },
      ]),
    );
  }

  async putPoolShard(tier: string, shard: number, key: GatewayKey): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...poolKey(tier, shard), id: key.id, value: key.value } }));
  }

  async deletePoolShard(tier: string, shard: number): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: poolKey(tier, shard) }));
  }
}

function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}
