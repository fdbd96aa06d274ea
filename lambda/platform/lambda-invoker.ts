import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

/** Invokes a Lambda function with a JSON event and returns its JSON answer; a function error is thrown. */
export class LambdaInvoker {
  constructor(private readonly client = new LambdaClient({})) {}

  async invoke(functionName: string, event: unknown): Promise<unknown> {
    const result = await this.client.send(
      new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
    );
    if (result.FunctionError || !result.Payload) throw new Error(`${functionName} failed: ${result.FunctionError ?? 'no payload'}`);
    return JSON.parse(new TextDecoder().decode(result.Payload)) as unknown;
  }
}
