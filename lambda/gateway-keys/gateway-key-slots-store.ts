import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PendingGatewayKey, Tenant } from '../domain/records';
import { failedConditions, transactNamed, transactWrite } from '../platform/dynamo';
import type { GatewayKey } from './gateway-key-provisioner';
import type { GatewayKeyKind } from '../shared/tiers';
import { DEDICATED_COUNTER, UNSETTLED_PARTITION, poolKey, poolPartition, poolPlacesKey, tenantKey, unsettledKey } from '../store/item-keys';
import { queryItems } from '../store/pagination';

/** The transaction item that gives one dedicated gateway key slot back. */
const slotGivenBack = (table: string) => ({
  Update: {
    TableName: table,
    Key: DEDICATED_COUNTER,
    UpdateExpression: 'ADD taken :minusOne',
    ExpressionAttributeValues: { ':minusOne': -1 },
  },
});

/** A tenant's move to another usage plan, as `switchGatewayKey` writes it. */
export interface PlanSwitch {
  readonly tier: string;
  readonly key: GatewayKey;
  readonly kind: GatewayKeyKind;
  /** The tenant's dedicated key that this switch leaves, to be deleted once the switch settles. */
  readonly retiring?: string;
  readonly settlesAt: string;
}

/**
 * The bookkeeping of API Gateway keys (gateway keys, not our API keys): pooled key shards per tier,
 * the dedicated key slots, a tenant's pending key, and tier changes that have not settled.
 */
export class GatewayKeySlotsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

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
    const items = {
      retiring: {
        Update: {
          TableName: this.table,
          Key: tenantKey(tenantId),
          UpdateExpression: 'DELETE retiringGatewayKeys :ids',
          ConditionExpression: 'contains(retiringGatewayKeys, :id)',
          ExpressionAttributeValues: { ':ids': new Set([keyId]), ':id': keyId },
        },
      },
      slot: slotGivenBack(this.table),
    };
    try {
      await transactNamed(this.db, items);
    } catch (error) {
      // Dropped by a concurrent sweep: its slot was given back once.
      if (!failedConditions(error, items).has('retiring')) throw error;
    }
  }

  /** Ends a settled tier change, unless a newer one started meanwhile. */
  async markSettled(tenantId: string, settlesAt: string): Promise<void> {
    const items = {
      tenant: {
        Update: {
          TableName: this.table,
          Key: tenantKey(tenantId),
          UpdateExpression: 'REMOVE settlesAt',
          ConditionExpression: 'settlesAt = :settles',
          ExpressionAttributeValues: { ':settles': settlesAt },
        },
      },
      unsettled: {
        Delete: {
          TableName: this.table,
          Key: unsettledKey(tenantId),
          ConditionExpression: 'settlesAt = :settles',
          ExpressionAttributeValues: { ':settles': settlesAt },
        },
      },
    };
    try {
      await transactNamed(this.db, items);
    } catch (error) {
      // A newer change started: either item says so.
      if (failedConditions(error, items).size === 0) throw error;
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
   * Takes one of the limited dedicated gateway key slots for a key the tenant is about to get,
   * and records that key's name on the tenant in the same write: false once `limit` are taken.
   */
  async reserveDedicatedKey(tenantId: string, pending: PendingGatewayKey, limit: number): Promise<boolean> {
    if (limit <= 0) return false;
    const items = {
      slot: {
        Update: {
          TableName: this.table,
          Key: DEDICATED_COUNTER,
          UpdateExpression: 'ADD taken :one',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
        },
      },
      tenant: {
        Update: {
          TableName: this.table,
          Key: tenantKey(tenantId),
          UpdateExpression: 'SET pendingGatewayKey = :pending',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(pendingGatewayKey)',
          ExpressionAttributeValues: { ':pending': pending },
        },
      },
    };
    try {
      await transactNamed(this.db, items);
      return true;
    } catch (error) {
      const failed = failedConditions(error, items);
      if (failed.has('slot')) return false;
      if (failed.has('tenant')) throw new Error(`tenant ${tenantId} is gone or already has a pending gateway key`);
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
    const items = {
      tenant: {
        Update: {
          TableName: this.table,
          Key: tenantKey(tenantId),
          UpdateExpression: 'REMOVE pendingGatewayKey',
          ConditionExpression: 'pendingGatewayKey.#name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': pending.name },
        },
      },
      slot: slotGivenBack(this.table),
    };
    try {
      await transactNamed(this.db, items);
    } catch (error) {
      if (!failedConditions(error, items).has('tenant')) throw error;
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
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :shard)',
        ExpressionAttributeValues: { ':pk': poolPartition(tier), ':shard': 'SHARD#' },
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

  /** One pooled gateway key of a tier, if recorded. */
  async poolShard(tier: string, shard: number): Promise<GatewayKey | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: poolKey(tier, shard), ConsistentRead: true }));
    return result.Item ? { id: String(result.Item.id), value: String(result.Item.value) } : undefined;
  }

  /** Takes the tier's next pooled-key place and returns its number (1 for the first tenant ever placed); places are not given back. */
  async takePoolPlace(tier: string): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: poolPlacesKey(tier),
        UpdateExpression: 'ADD placed :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.placed ?? 1);
  }

  /** Places taken on the tier's pooled keys so far (a Query, which the gateway-keys function may make). */
  async poolPlacesTaken(tier: string): Promise<number> {
    const { pk, sk } = poolPlacesKey(tier);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
        ConsistentRead: true,
      }),
    );
    return Number(result.Items?.[0]?.placed ?? 0);
  }

  async putPoolShard(tier: string, shard: number, key: GatewayKey): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...poolKey(tier, shard), id: key.id, value: key.value } }));
  }

  async deletePoolShard(tier: string, shard: number): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: poolKey(tier, shard) }));
  }
}
