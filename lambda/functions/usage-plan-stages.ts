import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { usagePlanStagesResource, type UsagePlanStagesProperties } from '../gateway-keys';
import { instrumented } from '../platform/invocation';
import { traceClient } from '../platform/tracing';

const client = traceClient(new APIGatewayClient({ maxAttempts: 8, retryMode: 'adaptive' }));

/** A consumer API's stage in the tier usage plans of the stack that owns the gateway keys (a CloudFormation custom resource). */
export const handler = instrumented(
  {
    name: 'usagePlanStages',
    budgetMs: 'per-call',
    requestId: (_event: CloudFormationCustomResourceEvent<UsagePlanStagesProperties>, context: Context) => context.awsRequestId,
  },
  (event) => usagePlanStagesResource(client, event),
);
