import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { answerCloudFormation } from '../platform/cloudformation-response';
import { logger } from '../platform/logger';
import { deleteStackKeys } from '../services/gateway-key-inventory';
import { ensurePooledKeys } from '../services/gateway-pool';
import type { Services } from '../services/services';
import type { GatewayKeysCheck } from '../shared/tiers';

/** Time kept back to answer CloudFormation before Lambda stops the function. */
const ANSWER_MARGIN_MS = 30_000;

/**
 * The stack's API Gateway keys over its lifetime (a CloudFormation custom resource). Create and
 * Update: every tier's pooled keys exist, in their usage plans, so sign-up never calls the
 * control plane. Delete: every key tagged with the stack is deleted, dedicated ones included, so
 * a deleted stack leaves none of the region's 10,000 behind; what is left when time runs out is
 * reported, and `npm run gateway-keys -- delete-all` finishes it.
 */
export async function gatewayKeysResource(
  services: Services,
  event: CloudFormationCustomResourceEvent | GatewayKeysCheck,
  context: Context,
): Promise<void> {
  const { stack } = services.gatewayKeys;
  if (!('RequestType' in event)) return checkGatewayKeys(services);
  await answerCloudFormation(event, async () => {
    if (event.RequestType === 'Delete') {
      const { left } = await deleteStackKeys(services, { deadline: Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS });
      if (left > 0) {
        throw new Error(
          `${left} API keys of ${stack} are left: run npm run gateway-keys -- delete-all --outputs cdk-outputs.json, then delete the stack again`,
        );
      }
    } else {
      await countingFailures(services, () => ensurePooledKeys(services));
    }
    return `${stack}-gateway-keys`;
  });
}

/**
 * Every hour: sends the account's API key count (the 10,000 quota is shared with every workload
 * in the region, so only the account's figure tells how near it is) and puts back any pooled key
 * that went missing, counting a failure for the alarm.
 */
export async function checkGatewayKeys(services: Services): Promise<void> {
  await countingFailures(services, async () => {
    services.metrics.record('AccountGatewayKeys', {}, await services.gatewayKeys.countAccountKeys());
    await ensurePooledKeys(services);
  }).catch((error: unknown) => {
    logger.error('gateway key check failed', error instanceof Error ? error : String(error));
    throw error;
  });
}

/** Runs control-plane work, counting a failure for the alarm (the function's wrapper sends what was recorded). */
async function countingFailures(services: Services, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    services.metrics.record('GatewayKeyProvisioningFailures', {});
    throw error;
  }
}
