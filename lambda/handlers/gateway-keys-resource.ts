import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { answerCloudFormation } from '../platform/cloudformation-response';
import { ApiGatewayKeyProvisioner } from '../platform/gateway-keys';
import { deleteStackKeys } from '../services/gateway-key-inventory';
import { ensurePooledKeys } from '../services/gateway-pool';
import { servicesFromEnvironment } from '../services/services';
import { USAGE_PLAN_PREFIX_ENVIRONMENT } from '../shared/environment-names';

/** Time kept back to answer CloudFormation before Lambda stops the function. */
const ANSWER_MARGIN_MS = 30_000;

/**
 * The stack's API Gateway keys over its lifetime (a CloudFormation custom resource). Create and
 * Update: every tier's pooled keys exist, in their usage plans, so sign-up never calls the
 * control plane. Delete: every key tagged with the stack is deleted, dedicated ones included, so
 * a deleted stack leaves none of the region's 10,000 behind; what is left when time runs out is
 * reported, and `npm run gateway-keys -- delete-all` finishes it.
 */
export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  const stack = process.env[USAGE_PLAN_PREFIX_ENVIRONMENT] ?? '';
  const services = servicesFromEnvironment(() => new ApiGatewayKeyProvisioner(stack));
  await answerCloudFormation(event, async () => {
    if (event.RequestType === 'Delete') {
      const { left } = await deleteStackKeys(services, { deadline: Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS });
      if (left > 0) {
        throw new Error(
          `${left} API keys of ${stack} are left: run npm run gateway-keys -- delete-all --outputs cdk-outputs.json, then delete the stack again`,
        );
      }
    } else {
      await ensurePooledKeys(services);
    }
    return `${stack}-gateway-keys`;
  });
}
