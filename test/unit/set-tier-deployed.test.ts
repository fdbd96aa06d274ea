import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from '@jest/globals';
import { changeTier } from '../../lambda/gateway-keys/tier-change';
import { parseAppConfig } from '../../lambda/shared/config';
import { dependenciesFromStackOutputs } from '../../scripts/stack-dependencies';

const OUTPUTS = {
  'MemoryApi-dev': {
    AccountsTableName: 'accounts-table',
    ApiKeysTableName: 'keys-table',
    UsagePlanPrefix: 'MemoryApi-dev',
    AppConfig: JSON.stringify(parseAppConfig({}, 'test')),
  },
};

describe('npm run set-tier against a deployed stack (dependenciesFromStackOutputs + changeTier)', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  const gateway = mockClient(APIGatewayClient);
  afterEach(() => {
    dynamo.reset();
    gateway.reset();
  });

  it('gives a tenant moving to a paid tier a new key tagged with the stack in the new plan, and never takes a key out of a plan', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({
      Item: { tenantId: 'tnt_1', tier: 'free', gatewayKeyKind: 'pooled', gatewayKeyId: 'pool-free-0', gatewayKeyValue: 'pooled-value' },
    });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(UpdateCommand).resolves({});
    gateway.on(GetUsagePlansCommand).resolves({
      items: [
        { id: 'plan-free', name: 'MemoryApi-dev-free' },
        { id: 'plan-pro', name: 'MemoryApi-dev-pro' },
      ],
    });
    gateway.on(CreateApiKeyCommand).resolves({ id: 'gk-pro', value: 'pro-value' });
    gateway.on(CreateUsagePlanKeyCommand).resolves({});

    // Act
    const result = await changeTier(dependenciesFromStackOutputs(OUTPUTS, 'cdk-outputs.json'), 'tnt_1', 'pro');

    // Assess
    expect(result).toMatchObject({ ok: true, tenantId: 'tnt_1', from: 'free', to: 'pro', gatewayKey: 'dedicated' });
    expect(gateway.commandCalls(CreateApiKeyCommand)[0]?.args[0].input).toMatchObject({
      enabled: true,
      tags: { 'memory-api:stack': 'MemoryApi-dev' },
    });
    expect(gateway.commandCalls(CreateUsagePlanKeyCommand).map((call) => call.args[0].input)).toEqual([
      { usagePlanId: 'plan-pro', keyId: 'gk-pro', keyType: 'API_KEY' },
    ]);
    expect(gateway.commandCalls(DeleteUsagePlanKeyCommand)).toHaveLength(0);
    const tables = dynamo
      .commandCalls(TransactWriteCommand)
      .flatMap((call) => (call.args[0].input.TransactItems ?? []).map((item) => (item.Update ?? item.Put)?.TableName));
    expect(new Set(tables)).toEqual(new Set(['accounts-table']));
  });

  it('sends a dedicated key it could not make to CloudWatch, where the stack’s alarm watches GatewayKeyProvisioningFailures', async () => {
    // Prepare: the account is out of API keys.
    const cloudwatch = mockClient(CloudWatchClient);
    cloudwatch.on(PutMetricDataCommand).resolves({});
    dynamo.on(GetCommand).resolves({
      Item: { tenantId: 'tnt_1', tier: 'free', gatewayKeyKind: 'pooled', gatewayKeyId: 'pool-free-0', gatewayKeyValue: 'pooled-value' },
    });
    dynamo.on(TransactWriteCommand).resolves({});
    // The pro tier's pooled key; the tenant has no API keys.
    dynamo
      .on(QueryCommand)
      .callsFake((input: { ExpressionAttributeValues?: Record<string, unknown> }) =>
        input.ExpressionAttributeValues?.[':pk'] === 'GATEWAY_POOL#pro'
          ? { Items: [{ sk: 'SHARD#000', id: 'pool-pro-0', value: 'pooled-pro' }] }
          : { Items: [] },
      );
    dynamo.on(UpdateCommand).resolves({});
    gateway.on(GetUsagePlansCommand).resolves({ items: [{ id: 'plan-pro', name: 'MemoryApi-dev-pro' }] });
    gateway
      .on(CreateApiKeyCommand)
      .rejects(Object.assign(new Error('quota'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } }));
    const deps = dependenciesFromStackOutputs(OUTPUTS, 'cdk-outputs.json');

    // Act
    const result = await changeTier(deps, 'tnt_1', 'pro');
    await deps.metrics.send(() => undefined);

    // Assess
    expect(result).toMatchObject({ ok: true, gatewayKey: 'pooled' });
    const sent = cloudwatch.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.Namespace).toBe('AgentMemoryApi/dev');
    expect(sent[0]?.MetricData).toEqual([
      expect.objectContaining({
        MetricName: 'GatewayKeyProvisioningFailures',
        Dimensions: [{ Name: 'service', Value: 'agent-memory-api' }],
        Value: 1,
        Unit: 'Count',
      }),
    ]);
    cloudwatch.restore();
  });

  it('refuses outputs that lack the tables or the plan prefix', () => {
    expect(() => dependenciesFromStackOutputs({ Other: { ApiUrl: 'https://x' } }, 'cdk-outputs.json')).toThrow(/UsagePlanPrefix/);
  });
});
