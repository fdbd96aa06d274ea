import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { answerCloudFormation } from '../platform/cloudformation-response';
import { logger } from '../platform/logger';
import { stackStatus } from '../platform/stack-status';
import { countingFailures, onGatewayKeysEvent } from './gateway-keys-lifecycle';
import { repointStrandedTenants } from './stranded-tenants';
import { ensurePooledKeys } from './gateway-pool';
import type { GatewayKeysContext } from './gateway-keys-context';
import type { GatewayKeysCheck } from '../shared/tiers';

/** Time kept back to answer CloudFormation before Lambda stops the function. */
const ANSWER_MARGIN_MS = 30_000;

/**
 * The stack's API Gateway keys over its lifetime (a CloudFormation custom resource). Create and
 * Update: every tier's pooled keys exist, in their usage plans, so sign-up never calls the
 * control plane. Delete: when the stack itself goes, every key tagged with it is deleted,
 * dedicated ones included, so a deleted stack leaves none of the region's 10,000 behind; any other
 * Delete deletes nothing (see onGatewayKeysEvent).
 */
export async function gatewayKeysResource(
  deps: GatewayKeysContext,
  event: CloudFormationCustomResourceEvent | GatewayKeysCheck,
  context: Context,
): Promise<void> {
  if (!('RequestType' in event)) return checkGatewayKeys(deps);
  await answerCloudFormation(event, () =>
    onGatewayKeysEvent(event, {
      deps,
      stackStatus,
      deadline: Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS,
      pause: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      now: Date.now,
    }),
  );
}

/**
 * Every hour: sends the account's API key count (the 10,000 quota is shared with every workload
 * in the region, so only the account's figure tells how near it is), puts back any pooled key
 * that went missing and moves the tenants whose key is gone onto a pooled key, counting a failure
 * for the alarm.
 */
export async function checkGatewayKeys(deps: GatewayKeysContext): Promise<void> {
  await countingFailures(deps, async () => {
    deps.metrics.record('AccountGatewayKeys', {}, await deps.gatewayKeys.countAccountKeys());
    const moved = await repointStrandedTenants(deps, await ensurePooledKeys(deps));
    if (moved > 0) logger.warn('tenants whose gateway key was gone are back on a pooled key', { tenants: moved });
  }).catch((error: unknown) => {
    logger.error('gateway key check failed', error instanceof Error ? error : String(error));
    throw error;
  });
}
