import type { LambdaInvoker } from '../platform/lambda-invoker';
import type { ProvisionResult, TenantProvisioner } from './external-tenants';

/** The provisioner as its own function (lambda/provisioner), which the authorizer may only invoke; it loads no token code. */
export function invokedProvisioner(functionName: string, invoker: Pick<LambdaInvoker, 'invoke'>): TenantProvisioner {
  return { provision: async (token) => (await invoker.invoke(functionName, { token })) as ProvisionResult };
}
