import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { gatewayKeysResource, ApiGatewayKeyProvisioner } from '../gateway-keys';
import { instrumented } from '../platform/invocation';
import { dependenciesFromEnvironment } from '../wiring/dependencies';
import { USAGE_PLAN_PREFIX_ENVIRONMENT } from '../shared/environment-names';
import type { GatewayKeysCheck } from '../shared/tiers';

const deps = () => dependenciesFromEnvironment(() => new ApiGatewayKeyProvisioner(process.env[USAGE_PLAN_PREFIX_ENVIRONMENT] ?? ''));

/** The stack's API Gateway keys: a CloudFormation custom resource, and the hourly check. */
export const handler = instrumented(
  {
    name: 'gatewayKeys',
    budgetMs: 'per-call',
    requestId: (_event: CloudFormationCustomResourceEvent | GatewayKeysCheck, context: Context) => context.awsRequestId,
    metrics: () => deps().metrics,
  },
  (event, context) => gatewayKeysResource(deps(), event, context),
);
