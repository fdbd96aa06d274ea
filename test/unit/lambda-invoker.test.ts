import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from '@jest/globals';
import { LambdaInvoker } from '../../lambda/platform/lambda-invoker';
import { invokedProvisioner } from '../../lambda/provisioning/invoked-provisioner';

const CLIENT_CONFIG = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('the tenant provisioner as an invoked function', () => {
  it('sends the token as the event and returns the function’s answer', async () => {
    // Prepare
    const client = new LambdaClient(CLIENT_CONFIG);
    const mock = mockClient(client);
    mock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: json({ ok: false, reason: 'external_tenant_missing' }) as never });
    const provisioner = invokedProvisioner('provisioner-fn', new LambdaInvoker(client));

    // Act
    const result = await provisioner.provision('eyJ.token.sig');

    // Assess
    expect(result).toEqual({ ok: false, reason: 'external_tenant_missing' });
    const input = mock.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input?.FunctionName).toBe('provisioner-fn');
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({ token: 'eyJ.token.sig' });
  });

  it('throws when the function failed, so the authorizer answers 500 rather than guessing', async () => {
    // Prepare
    const client = new LambdaClient(CLIENT_CONFIG);
    mockClient(client)
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: json({ errorMessage: 'boom' }) as never });

    // Act & Assess
    await expect(new LambdaInvoker(client).invoke('provisioner-fn', {})).rejects.toThrow('provisioner-fn failed: Unhandled');
  });
});
