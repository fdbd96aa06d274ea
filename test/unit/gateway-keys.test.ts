import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsagePlansCommand,
  TooManyRequestsException,
  type CreateApiKeyCommandOutput,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from '@jest/globals';
import { ApiGatewayKeyProvisioner } from '../../lambda/platform/gateway-keys';

const CLIENT_CONFIG = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };

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
        { id: 'plan-pro-pooled', name: 'app-pro-pooled' },
        { id: 'other', name: 'another-app-pro' },
      ],
    });
  mock.on(CreateApiKeyCommand).resolves({ id: 'gw-key-1', value: 'gw-value-1' });
  mock.on(CreateUsagePlanKeyCommand).resolves({});
  mock.on(DeleteApiKeyCommand).resolves({});
  mock.on(DeleteUsagePlanKeyCommand).resolves({});
  return { mock, provisioner: new ApiGatewayKeyProvisioner('app', client) };
}

const commandNames = (mock: ReturnType<typeof mockClient>) => mock.calls().map((call) => call.args[0].constructor.name);

describe('ApiGatewayKeyProvisioner.createKey', () => {
  it("creates an enabled key tagged with its stack and attaches it to the tier's dedicated plan, found across pages", async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    const key = await provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess
    expect(key).toEqual({ id: 'gw-key-1', value: 'gw-value-1' });
    expect(mock.commandCalls(GetUsagePlansCommand).map((call) => call.args[0].input.position)).toEqual([undefined, 'page-2']);
    expect(mock.commandCalls(CreateApiKeyCommand).map((call) => call.args[0].input)).toEqual([
      { name: 'tnt_01', enabled: true, tags: { 'memory-api-stack': 'app' } },
    ]);
    expect(mock.commandCalls(CreateUsagePlanKeyCommand).map((call) => call.args[0].input)).toEqual([
      { usagePlanId: 'plan-pro', keyId: 'gw-key-1', keyType: 'API_KEY' },
    ]);
    expect(commandNames(mock)).toEqual([
      'GetUsagePlansCommand',
      'GetUsagePlansCommand',
      'CreateApiKeyCommand',
      'CreateUsagePlanKeyCommand',
    ]);
  });

  it('attaches a pooled key to the "<prefix>-<tier>-pooled" plan', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    await provisioner.createKey('pool-free', 'free', 'pooled');

    // Assess
    expect(mock.commandCalls(CreateUsagePlanKeyCommand).map((call) => call.args[0].input.usagePlanId)).toEqual(['plan-free-pooled']);
  });

  it('lists the usage plans once for several keys', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    await provisioner.createKey('tnt_01', 'pro', 'dedicated');
    await provisioner.createKey('tnt_02', 'free', 'dedicated');

    // Assess
    expect(mock.commandCalls(GetUsagePlansCommand)).toHaveLength(2);
    expect(mock.commandCalls(CreateUsagePlanKeyCommand).map((call) => call.args[0].input.usagePlanId)).toEqual(['plan-pro', 'plan-free']);
  });

  it('deletes the created key and rethrows when attaching it to the plan fails', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    const failure = new Error('usage plan key failed');
    mock.on(CreateUsagePlanKeyCommand).rejects(failure);

    // Act
    const outcome = provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess
    await expect(outcome).rejects.toBe(failure);
    expect(mock.commandCalls(DeleteApiKeyCommand).map((call) => call.args[0].input)).toEqual([{ apiKey: 'gw-key-1' }]);
  });

  it('refuses an unknown tier before creating any key', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    const outcome = provisioner.createKey('tnt_01', 'gold', 'dedicated');

    // Assess
    await expect(outcome).rejects.toThrow('no usage plan named app-gold');
    expect(mock.commandCalls(CreateApiKeyCommand)).toHaveLength(0);
  });

  it('does not take a plan of another prefix that ends the same way', async () => {
    // Prepare
    const client = new APIGatewayClient(CLIENT_CONFIG);
    const mock = mockClient(client);
    mock.on(GetUsagePlansCommand).resolves({ items: [{ id: 'other', name: 'another-app-pro' }] });
    const provisioner = new ApiGatewayKeyProvisioner('app', client);

    // Act
    const outcome = provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess
    await expect(outcome).rejects.toThrow('no usage plan named app-pro');
  });

  it('refuses a CreateApiKey answer without id or value and attaches nothing', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    mock.on(CreateApiKeyCommand).resolves({ id: 'gw-key-1' });

    // Act
    const outcome = provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess
    await expect(outcome).rejects.toThrow('CreateApiKey returned no key');
    expect(mock.commandCalls(CreateUsagePlanKeyCommand)).toHaveLength(0);
  });

  it('lists the usage plans again after a failed listing', async () => {
    // Prepare
    const client = new APIGatewayClient(CLIENT_CONFIG);
    const mock = mockClient(client);
    mock
      .on(GetUsagePlansCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ items: [{ id: 'plan-pro', name: 'app-pro' }] });
    mock.on(CreateApiKeyCommand).resolves({ id: 'gw-key-1', value: 'gw-value-1' });
    mock.on(CreateUsagePlanKeyCommand).resolves({});
    const provisioner = new ApiGatewayKeyProvisioner('app', client);
    await expect(provisioner.createKey('tnt_01', 'pro', 'dedicated')).rejects.toThrow('Rate exceeded');

    // Act
    const key = await provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess: one failure must not break every later key of this container.
    expect(key).toEqual({ id: 'gw-key-1', value: 'gw-value-1' });
  });
});

describe('ApiGatewayKeyProvisioner.moveKey', () => {
  it("adds the key to the new tier's plan, then removes it from the old one", async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    await provisioner.moveKey('gw-key-1', 'free', 'pro');

    // Assess
    expect(mock.commandCalls(CreateUsagePlanKeyCommand).map((call) => call.args[0].input)).toEqual([
      { usagePlanId: 'plan-pro', keyId: 'gw-key-1', keyType: 'API_KEY' },
    ]);
    expect(mock.commandCalls(DeleteUsagePlanKeyCommand).map((call) => call.args[0].input)).toEqual([
      { usagePlanId: 'plan-free', keyId: 'gw-key-1' },
    ]);
    expect(commandNames(mock).slice(-2)).toEqual(['CreateUsagePlanKeyCommand', 'DeleteUsagePlanKeyCommand']);
  });

  it('keeps the key in its old plan when adding it to the new one fails', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();
    mock.on(CreateUsagePlanKeyCommand).rejects(new Error('conflict'));

    // Act
    const outcome = provisioner.moveKey('gw-key-1', 'free', 'pro');

    // Assess
    await expect(outcome).rejects.toThrow('conflict');
    expect(mock.commandCalls(DeleteUsagePlanKeyCommand)).toHaveLength(0);
  });

  it('does nothing when the tier does not change', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    await provisioner.moveKey('gw-key-1', 'pro', 'pro');

    // Assess
    expect(mock.calls()).toHaveLength(0);
  });

  it('refuses an unknown tier without touching any plan', async () => {
    // Prepare
    const { mock, provisioner } = provisionerWithPlans();

    // Act
    const outcome = provisioner.moveKey('gw-key-1', 'free', 'gold');

    // Assess
    await expect(outcome).rejects.toThrow('no usage plan named app-gold');
    expect(mock.commandCalls(CreateUsagePlanKeyCommand)).toHaveLength(0);
    expect(mock.commandCalls(DeleteUsagePlanKeyCommand)).toHaveLength(0);
  });
});

/**
 * aws-sdk-client-mock replaces `client.send` with a sinon stub, so the retry middleware never runs
 * under it. These tests use a real client instead and answer inside its middleware stack, below
 * the retry step, with no network.
 */
describe('ApiGatewayKeyProvisioner throttling retries', () => {
  const throttle = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });

  function realClientAnswering(createApiKeyOutcomes: readonly ('throttle' | 'ok')[]) {
    const client = new APIGatewayClient({ ...CLIENT_CONFIG, maxAttempts: 3 });
    const attempts: string[] = [];
    let createApiKeyAttempt = 0;
    client.middlewareStack.add(
      () => async (args) => {
        const command =
          args.input && 'usagePlanId' in args.input
            ? 'CreateUsagePlanKey'
            : args.input && 'enabled' in args.input
              ? 'CreateApiKey'
              : 'GetUsagePlans';
        attempts.push(command);
        if (command === 'GetUsagePlans') return { output: { items: [{ id: 'plan-pro', name: 'app-pro' }], $metadata: {} }, response: {} };
        if (command === 'CreateUsagePlanKey') return { output: { $metadata: {} }, response: {} };
        const outcome = createApiKeyOutcomes[createApiKeyAttempt++] ?? 'ok';
        if (outcome === 'throttle') throw throttle();
        const output: CreateApiKeyCommandOutput = { id: 'gw-key-1', value: 'gw-value-1', $metadata: {} };
        return { output, response: {} };
      },
      { step: 'deserialize', priority: 'high', name: 'fakeApiGateway' },
    );
    return { client, attempts };
  }

  it('retries CreateApiKey through two throttling errors and succeeds', async () => {
    // Prepare
    const { client, attempts } = realClientAnswering(['throttle', 'throttle', 'ok']);
    const provisioner = new ApiGatewayKeyProvisioner('app', client);

    // Act
    const key = await provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess
    expect(key).toEqual({ id: 'gw-key-1', value: 'gw-value-1' });
    expect(attempts).toEqual(['GetUsagePlans', 'CreateApiKey', 'CreateApiKey', 'CreateApiKey', 'CreateUsagePlanKey']);
  });

  it('gives up after the configured attempts and surfaces the throttling error', async () => {
    // Prepare
    const { client, attempts } = realClientAnswering(['throttle', 'throttle', 'throttle']);
    const provisioner = new ApiGatewayKeyProvisioner('app', client);

    // Act
    const outcome = provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(attempts.filter((command) => command === 'CreateApiKey')).toHaveLength(3);
  });

  it('does not retry under aws-sdk-client-mock, which stubs send itself', async () => {
    // Prepare
    const client = new APIGatewayClient({ ...CLIENT_CONFIG, maxAttempts: 3 });
    const mock = mockClient(client);
    mock.on(GetUsagePlansCommand).resolves({ items: [{ id: 'plan-pro', name: 'app-pro' }] });
    mock.on(CreateApiKeyCommand).rejectsOnce(throttle()).rejectsOnce(throttle()).resolves({ id: 'gw-key-1', value: 'gw-value-1' });
    mock.on(CreateUsagePlanKeyCommand).resolves({});
    const provisioner = new ApiGatewayKeyProvisioner('app', client);

    // Act
    const outcome = provisioner.createKey('tnt_01', 'pro', 'dedicated');

    // Assess: documents why the retry tests above use a real client.
    await expect(outcome).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(mock.commandCalls(CreateApiKeyCommand)).toHaveLength(1);
  });

  it('builds its default client to retry throttling adaptively, 8 attempts', async () => {
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
