import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { apiGatewayAccountResource, type ApiGatewayAccountProperties } from '../platform/api-gateway-account';
import { instrumented } from '../platform/invocation';
import { traceClient } from '../platform/tracing';

const client = traceClient(new APIGatewayClient({ maxAttempts: 8, retryMode: 'adaptive' }));
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** API Gateway's account-level CloudWatch Logs role, set where none is (a CloudFormation custom resource). */
export const handler = instrumented(
  {
    name: 'apiGatewayAccount',
    budgetMs: 'per-call',
    requestId: (_event: CloudFormationCustomResourceEvent<ApiGatewayAccountProperties>, context: Context) => context.awsRequestId,
  },
  (event) => apiGatewayAccountResource(client, event, { now: Date.now, pause }),
);
