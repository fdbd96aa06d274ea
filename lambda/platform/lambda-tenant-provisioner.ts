import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ProvisionResult, TenantProvisioner } from '../services/external-tenants';

/** Asks the tenant provisioner function (which may write tenants and create gateway keys) to create a tenant. */
export class LambdaTenantProvisioner implements TenantProvisioner {
  constructor(
    private readonly functionName: string,
    private readonly client = new LambdaClient({}),
  ) {}

  async provision(token: string): Promise<ProvisionResult> {
    const result = await this.client.send(
      new InvokeCommand({ FunctionName: this.functionName, Payload: new TextEncoder().encode(JSON.stringify({ token })) }),
    );
    if (result.FunctionError || !result.Payload) throw new Error(`tenant provisioner failed: ${result.FunctionError ?? 'no payload'}`);
    return JSON.parse(new TextDecoder().decode(result.Payload)) as ProvisionResult;
  }
}
