import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlansCommand,
  NotFoundException,
  TooManyRequestsException,
  type CreateApiKeyCommandOutput,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from '@jest/globals';
import { ApiGatewayKeyProvisioner, isKeyQuotaExceeded, refusedOutright } from '../../lambda/gateway-keys/gateway-key-provisioner';

const CLIENT_CONFIG = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };
const STACK_TAG = { 'memory-api:stack': 'app' };

/** A provisioner on a mocked client whose usage plans come in two pages. */
function provisionerWithPlans() {
  const client = new APIGatewayClient(CLIENT_CONFIG);
  const mock = mockClient(client);
  mock
    .on(GetUsagePlansCommand)
    .resolvesOnce({
      items: [
        { id: 'plan-free', name: 'app-free' },
        { id: 'plan-free-pooled', name: 'app-free-pooled' },
      ],
      position: 'page-2',
    })
    .resolvesOnce({
      items: [
        { id: 'plan-pro', name: 'app-pro' },
        { id: 'other', name: 'another-app-pro' },
      ],
    });
  mock.on(CreateApiKeyCommand).resolves({ id: 'gw-key-1', value: 'gw-value-1' });
  mock.on(CreateUsagePlanKeyCommand).resolves({});
  mock.on(DeleteApiKeyCommand).resolves({});
  return { mock, provisioner: new ApiGatewayKeyProvisioner('app', client) };
}

describe('ApiGatewayKeyProvisioner', () => {
  it('creates an enabled key tagged with the stack, in no plan yet', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    const key = await provisioner.createKey('app-tnt_01-ab12');

    // Assess
    expect(key).toEqual({ id: 'gw-key-1', value: 'gw-value-1' });
    expect(mock.commandCalls(CreateApiKeyCommand).map((call) => call.args[0].input)).toEqual([
      { name: 'app-tnt_01-ab12', enabled: true, tags: STACK_TAG },
    ]);
    expect(mock.commandCalls(CreateUsagePlanKeyCommand)).toHaveLength(0);
  });

  it('refuses a CreateApiKey answer without id or value', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    mock.on(CreateApiKeyCommand).resolves({ id: 'gw-key-1' });

    // Act
    const outcome = provisioner.createKey('app-tnt_01-ab12');

    // Assess
    await expect(outcome).rejects.toThrow('CreateApiKey returned no key');
  });

  it("adds a key to the tier's plan of its kind, found by name across pages and listed once", async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    await provisioner.addToPlan('gw-key-1', 'pro', 'dedicated');
    await provisioner.addToPlan('gw-key-2', 'free', 'pooled');

    // Assess
    expect(mock.commandCalls(GetUsagePlansCommand).map((call) => call.args[0].input.position)).toEqual([undefined, 'page-2']);
    expect(mock.commandCalls(CreateUsagePlanKeyCommand).map((call) => call.args[0].input)).toEqual([
      { usagePlanId: 'plan-pro', keyId: 'gw-key-1', keyType: 'API_KEY' },
      { usagePlanId: 'plan-free-pooled', keyId: 'gw-key-2', keyType: 'API_KEY' },
    ]);
  });

  it('does not take a plan of another prefix that ends the same way', async () => {
    // Prepare
    const client = new APIGatewayClient(CLIENT_CONFIG);
    mockClient(client)
      .on(GetUsagePlansCommand)
      .resolves({ items: [{ id: 'other', name: 'another-app-pro' }] });
    const provisioner = new ApiGatewayKeyProvisioner('app', client);

    // Act
    const outcome = provisioner.addToPlan('gw-key-1', 'pro', 'dedicated');

    // Assess
    await expect(outcome).rejects.toThrow('no usage plan named app-pro');
  });

  it('lists the usage plans again after a failed listing', async () => {
    // Prepare
    const client = new APIGatewayClient(CLIENT_CONFIG);
    const mock = mockClient(client);
    mock
      .on(GetUsagePlansCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ items: [{ id: 'plan-pro', name: 'app-pro' }] });
    mock.on(CreateUsagePlanKeyCommand).resolves({});
    const provisioner = new ApiGatewayKeyProvisioner('app', client);
    await expect(provisioner.addToPlan('gw-key-1', 'pro', 'dedicated')).rejects.toThrow('Rate exceeded');

    // Act
    await provisioner.addToPlan('gw-key-1', 'pro', 'dedicated');

    // Assess: one failure must not break every later call of this container.
    expect(mock.commandCalls(CreateUsagePlanKeyCommand)).toHaveLength(1);
  });

  it('tells whether a key is in a plan from GetUsagePlanKey', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    mock
      .on(GetUsagePlanKeyCommand)
      .resolvesOnce({ id: 'gw-key-1' })
      .rejectsOnce(new NotFoundException({ message: 'Invalid API Key identifier specified', $metadata: {} }));

    // Act
    const inPlan = await provisioner.isInPlan('gw-key-1', 'pro', 'dedicated');
    const notInPlan = await provisioner.isInPlan('gw-key-2', 'pro', 'dedicated');

    // Assess
    expect([inPlan, notInPlan]).toEqual([true, false]);
  });

  it('treats deleting a key that is already gone as done', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    mock.on(DeleteApiKeyCommand).rejects(new NotFoundException({ message: 'Invalid API Key identifier specified', $metadata: {} }));

    // Act
    const outcome = provisioner.deleteKey('gw-key-1');

    // Assess
    await expect(outcome).resolves.toBeUndefined();
  });

  it('finds a key by its exact name among the stack’s keys only', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    mock
      .on(GetApiKeysCommand)
      .resolvesOnce({
        items: [
          { id: 'k1', name: 'app-tnt_01-ab12-x', value: 'v1', tags: STACK_TAG },
          { id: 'k2', name: 'app-tnt_01-ab12', value: 'v2', tags: { 'memory-api:stack': 'other' } },
        ],
        position: 'next',
      })
      .resolvesOnce({ items: [{ id: 'k3', name: 'app-tnt_01-ab12', value: 'v3', tags: STACK_TAG }] });

    // Act
    const found = await provisioner.findKey('app-tnt_01-ab12');

    // Assess
    expect(found).toEqual({ id: 'k3', value: 'v3' });
    expect(mock.commandCalls(GetApiKeysCommand)[0]?.args[0].input).toMatchObject({ nameQuery: 'app-tnt_01-ab12', includeValues: true });
  });

  it('lists the stack’s keys by tag and counts every key of the account, page by page', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    mock.on(GetApiKeysCommand).resolves({
      items: [
        { id: 'k1', name: 'app-free-pool-0', value: 'v1', tags: STACK_TAG },
        { id: 'k2', name: 'else', value: 'v2' },
      ],
    });

    // Act
    const stackKeys = await provisioner.listStackKeys();
    const accountKeys = await provisioner.countAccountKeys();

    // Assess
    expect(stackKeys).toEqual([{ id: 'k1', name: 'app-free-pool-0', value: 'v1' }]);
    expect(accountKeys).toBe(2);
  });

  it('builds its default client to retry throttling adaptively, 8 attempts (operator and deploy work only)', async () => {
    // Prepare
    const provisioner = new ApiGatewayKeyProvisioner('app');
    const client: unknown = Reflect.get(provisioner, 'client');
    if (!(client instanceof APIGatewayClient)) throw new Error('expected an APIGatewayClient');

    // Act
    const maxAttempts = await client.config.maxAttempts();
    const strategy = await client.config.retryStrategy();

    // Assess
    expect(maxAttempts).toBe(8);
    expect('mode' in strategy ? strategy.mode : undefined).toBe('adaptive');
  });
});

/**
 * aws-sdk-client-mock replaces `client.send`, so the retry middleware never runs under it. This
 * test answers inside a real client's middleware stack, below the retry step, with no network.
 */
describe('ApiGatewayKeyProvisioner throttling retries', () => {
  it('retries CreateApiKey through throttling and succeeds', async () => {
    // Prepare
    const client = new APIGatewayClient({ ...CLIENT_CONFIG, maxAttempts: 3 });
    let attempts = 0;
    client.middlewareStack.add(
      () => async () => {
        attempts += 1;
        if (attempts < 3) throw new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
        const output: CreateApiKeyCommandOutput = { id: 'gw-key-1', value: 'gw-value-1', $metadata: {} };
        return { output, response: {} };
      },
      { step: 'deserialize', priority: 'high', name: 'fakeApiGateway' },
    );
    const provisioner = new ApiGatewayKeyProvisioner('app', client);

    // Act
    const key = await provisioner.createKey('app-tnt_01-ab12');

    // Assess
    expect(key).toEqual({ id: 'gw-key-1', value: 'gw-value-1' });
    expect(attempts).toBe(3);
  });
});

describe('control-plane refusals', () => {
  it('tells a 4xx refusal (nothing was done) from a failure that may have done the call', () => {
    // Prepare
    const throttled = new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
    const timedOut = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    const quota = Object.assign(new Error('API key limit exceeded'), {
      name: 'LimitExceededException',
      $metadata: { httpStatusCode: 429 },
    });

    // Act
    const refusals = [throttled, timedOut, quota].map(refusedOutright);

    // Assess
    expect(refusals).toEqual([true, false, true]);
    expect([throttled, quota].map(isKeyQuotaExceeded)).toEqual([false, true]);
  });
});
