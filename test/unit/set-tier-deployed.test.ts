import { APIGatewayClient, CreateUsagePlanKeyCommand, DeleteUsagePlanKeyCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from '@jest/globals';
import { changeTier } from '../../lambda/services/tier-change';
import { parseAppConfig } from '../../lambda/shared/config';
import { servicesFromStackOutputs } from '../../scripts/stack-services';

const OUTPUTS = {
  'MemoryApi-dev': {
    AccountsTableName: 'accounts-table',
    ApiKeysTableName: 'keys-table',
    UsagePlanPrefix: 'MemoryApi-dev',
    AppConfig: JSON.stringify(parseAppConfig({}, 'test')),
  },
};

describe('npm run set-tier against a deployed stack (servicesFromStackOutputs + changeTier)', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  const gateway = mockClient(APIGatewayClient);
  afterEach(() => {
    dynamo.reset();
    gateway.reset();
  });

  it('moves a dedicated gateway key between the tiers’ usage plans and rewrites the tenant and its keys', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({
      Item: {
        pk: 'TENANT#tnt_1',
        sk: 'TENANT',
        tenantId: 'tnt_1',
        tier: 'free',
        gatewayKeyKind: 'dedicated',
        gatewayKeyId: 'gk1',
        gatewayKeyValue: 'value-1',
      },
    });
    dynamo.on(QueryCommand).resolves({ Items: [{ keyHash: 'h1' }, { keyHash: 'h2' }] });
    dynamo.on(UpdateCommand).resolves({});
    gateway.on(GetUsagePlansCommand).resolves({
      items: [
        { id: 'plan-free', name: 'MemoryApi-dev-free' },
        { id: 'plan-pro', name: 'MemoryApi-dev-pro' },
        { id: 'plan-pro-pooled', name: 'MemoryApi-dev-pro-pooled' },
      ],
    });
    gateway.on(CreateUsagePlanKeyCommand).resolves({});
    gateway.on(DeleteUsagePlanKeyCommand).resolves({});

    // Act
    const result = await changeTier(servicesFromStackOutputs(OUTPUTS, 'cdk-outputs.json'), 'tnt_1', 'pro');

    // Assess
    expect(result).toEqual({ ok: true, tenantId: 'tnt_1', from: 'free', to: 'pro', keysUpdated: 2 });
    expect(gateway.commandCalls(CreateUsagePlanKeyCommand).map((call) => call.args[0].input)).toEqual([
      { usagePlanId: 'plan-pro', keyId: 'gk1', keyType: 'API_KEY' },
    ]);
    expect(gateway.commandCalls(DeleteUsagePlanKeyCommand).map((call) => call.args[0].input)).toEqual([
      { usagePlanId: 'plan-free', keyId: 'gk1' },
    ]);
    const updates = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(updates.filter((update) => update.TableName === 'accounts-table').map((update) => update.ExpressionAttributeValues)).toEqual([
      { ':tier': 'pro' },
    ]);
    expect(updates.filter((update) => update.TableName === 'keys-table').map((update) => update.Key)).toEqual([
      { keyHash: 'h1' },
      { keyHash: 'h2' },
    ]);
  });

  it('refuses outputs that lack the tables or the plan prefix', () => {
    expect(() => servicesFromStackOutputs({ Other: { ApiUrl: 'https://x' } }, 'cdk-outputs.json')).toThrow(/UsagePlanPrefix/);
  });
});
