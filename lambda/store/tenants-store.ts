import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tenant, User } from '../domain/records';
import { failedConditions, isConditionFailure, transactNamed } from '../platform/dynamo';
import { emailKey, tenantKey } from './item-keys';

/** The condition of an item written once: no item with its key exists. */
const NEW_ITEM = 'attribute_not_exists(pk)';

/** Tenants and their owners (looked up by email). */
export class TenantsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Creates owner and tenant together, or nothing: false when the email is taken. */
  async createTenantWithOwner(tenant: Tenant, user: User): Promise<boolean> {
    const items = {
      owner: { Put: { TableName: this.table, Item: { ...emailKey(user.email), ...user }, ConditionExpression: NEW_ITEM } },
      tenant: { Put: { TableName: this.table, Item: { ...tenantKey(tenant.tenantId), ...tenant }, ConditionExpression: NEW_ITEM } },
    };
    try {
      await transactNamed(this.db, items);
      return true;
    } catch (error) {
      if (failedConditions(error, items).has('owner')) return false;
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
          ConditionExpression: NEW_ITEM,
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
}

/** An item's attributes without its keys. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}
