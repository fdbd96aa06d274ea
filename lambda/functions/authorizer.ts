import { LambdaInvoker } from '../platform/lambda-invoker';
import { invokedProvisioner } from '../services/external-tenants';
import { servicesFromEnvironment } from '../services/services';
import { TENANT_PROVISIONER_ENVIRONMENT } from '../shared/environment-names';
import { createAuthorizerHandler } from '../authorizer/entry-point';

const provisionerFunction = process.env[TENANT_PROVISIONER_ENVIRONMENT];

export const handler = createAuthorizerHandler(
  servicesFromEnvironment,
  provisionerFunction ? () => invokedProvisioner(provisionerFunction, new LambdaInvoker()) : undefined,
);
