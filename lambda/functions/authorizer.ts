import type { LambdaInvoker } from '../platform/lambda-invoker';
import { loadTokenSupport } from '../authorizer/token-support-loader';
import { invokedProvisioner } from '../provisioning/invoked-provisioner';
import { dependenciesFromEnvironment } from '../wiring/dependencies';
import { TENANT_PROVISIONER_ENVIRONMENT } from '../shared/environment-names';
import { createAuthorizerHandler } from '../authorizer/entry-point';

const provisionerFunction = process.env[TENANT_PROVISIONER_ENVIRONMENT];

let invoker: Promise<LambdaInvoker> | undefined;
/** The Lambda client loads with the first identity provider's token whose tenant must be created, not on every cold start. */
const lazyInvoker: Pick<LambdaInvoker, 'invoke'> = {
  invoke: async (functionName, event) =>
    (await (invoker ??= loadTokenSupport().then(({ LambdaInvoker }) => new LambdaInvoker()))).invoke(functionName, event),
};

export const handler = createAuthorizerHandler(
  dependenciesFromEnvironment,
  provisionerFunction ? () => invokedProvisioner(provisionerFunction, lazyInvoker) : undefined,
);
