import { LambdaTenantProvisioner } from '../platform/lambda-tenant-provisioner';
import { servicesFromEnvironment } from '../services/services';
import { TENANT_PROVISIONER_ENVIRONMENT } from '../shared/environment-names';
import { createAuthorizerHandler } from './entry-point';

const provisionerFunction = process.env[TENANT_PROVISIONER_ENVIRONMENT];

export const handler = createAuthorizerHandler(
  servicesFromEnvironment,
  provisionerFunction ? () => new LambdaTenantProvisioner(provisionerFunction) : undefined,
);
