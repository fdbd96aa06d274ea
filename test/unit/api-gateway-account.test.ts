import { APIGatewayClient, BadRequestException, GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from '@jest/globals';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import {
  API_GATEWAY_ACCOUNT_RESOURCE_ID,
  onApiGatewayAccountEvent,
  type ApiGatewayAccountProperties,
} from '../../lambda/platform/api-gateway-account';

const OURS = 'arn:aws:iam::123456789012:role/MemoryApi-dev-CloudWatchRole';
const THEIRS = 'arn:aws:iam::123456789012:role/org-apigateway-logs';

function event(requestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent<ApiGatewayAccountProperties> {
  const common = {
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:account',
    ResponseURL: 'https://example.invalid/answer',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/MemoryApi-dev/1',
    RequestId: 'req-1',
    LogicalResourceId: 'ApiAccountResource',
    ResourceType: 'Custom::ApiGatewayAccount',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:account', RoleArn: OURS },
  };
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  if (requestType === 'Update')
    return {
      ...common,
      RequestType: 'Update',
      PhysicalResourceId: API_GATEWAY_ACCOUNT_RESOURCE_ID,
      OldResourceProperties: common.ResourceProperties,
    };
  return { ...common, RequestType: 'Delete', PhysicalResourceId: API_GATEWAY_ACCOUNT_RESOURCE_ID };
}

function account(existing?: string) {
  const client = new APIGatewayClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const mock = mockClient(client);
  mock.on(GetAccountCommand).resolves(existing ? { cloudwatchRoleArn: existing } : {});
  mock.on(UpdateAccountCommand).resolves({});
  const clock = { now: 0 };
  const pauses: number[] = [];
  const deps = {
    now: () => clock.now,
    pause: async (ms: number) => {
      pauses.push(ms);
      clock.now += ms;
    },
  };
  return { client, mock, deps, pauses };
}

const roleSets = (mock: ReturnType<typeof account>['mock']) =>
  mock.commandCalls(UpdateAccountCommand).map((call) => call.args[0].input.patchOperations);

describe('API Gateway’s account CloudWatch Logs role (Custom::ApiGatewayAccount)', () => {
  it('sets the stack’s role where the account and region have none', async () => {
    // Prepare
    const { client, mock, deps } = account();

    // Act
    const id = await onApiGatewayAccountEvent(client, event('Create'), deps);

    // Assess
    expect(id).toBe(API_GATEWAY_ACCOUNT_RESOURCE_ID);
    expect(roleSets(mock)).toEqual([[{ op: 'replace', path: '/cloudwatchRoleArn', value: OURS }]]);
  });

  it.each(['Create', 'Update'] as const)('leaves a role the account already has on %s', async (requestType) => {
    // Prepare
    const { client, mock, deps } = account(THEIRS);

    // Act
    await onApiGatewayAccountEvent(client, event(requestType), deps);

    // Assess
    expect(roleSets(mock)).toEqual([]);
  });

  it('changes nothing on Delete: other APIs of the account log through the setting', async () => {
    // Prepare
    const { client, mock, deps } = account();

    // Act
    const id = await onApiGatewayAccountEvent(client, event('Delete'), deps);

    // Assess
    expect(id).toBe(API_GATEWAY_ACCOUNT_RESOURCE_ID);
    expect(mock.calls()).toHaveLength(0);
  });

  it('waits for IAM to settle when the new role is not yet usable, then sets it', async () => {
    // Prepare
    const { client, mock, deps, pauses } = account();
    const notYet = new BadRequestException({
      message: 'The role ARN does not have required permissions set to API Gateway',
      $metadata: {},
    });
    mock.on(UpdateAccountCommand).rejectsOnce(notYet).rejectsOnce(notYet).resolves({});

    // Act
    await onApiGatewayAccountEvent(client, event('Create'), deps);

    // Assess
    expect(pauses).toEqual([1_000, 2_000]);
    expect(mock.commandCalls(UpdateAccountCommand)).toHaveLength(3);
  });

  it('fails the deploy with the cause once IAM has had three minutes, and at once on any other refusal', async () => {
    // Prepare
    const settling = account();
    const denied = Object.assign(new Error('not authorized to perform apigateway:GET'), { name: 'AccessDeniedException' });
    settling.mock.on(GetAccountCommand).rejects(denied);
    const refused = account();
    refused.mock.on(UpdateAccountCommand).rejects(new BadRequestException({ message: 'Invalid ARN', $metadata: {} }));

    // Act
    const afterSettling = onApiGatewayAccountEvent(settling.client, event('Create'), settling.deps);
    const atOnce = onApiGatewayAccountEvent(refused.client, event('Create'), refused.deps);

    // Assess
    await expect(afterSettling).rejects.toThrow('not authorized');
    expect(settling.pauses.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(3 * 60_000);
    expect(settling.pauses.length).toBeGreaterThan(3);
    await expect(atOnce).rejects.toThrow('Invalid ARN');
    expect(refused.pauses).toEqual([]);
  });
});
