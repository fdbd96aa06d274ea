import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { isAccessDenied, retryWhileIamSettles, type SettlingRetry } from '../platform/iam-settling';
import { logger } from '../platform/logger';
import { deleteStackKeys } from './gateway-key-inventory';
import { ensurePooledKeys } from './gateway-pool';
import type { GatewayKeysContext } from './gateway-keys-context';
import { repointStrandedTenants } from './stranded-tenants';

/** The physical id of the stack's one gateway-keys resource: the only id whose Delete may delete keys. */
export const gatewayKeysPhysicalId = (stack: string): string => `${stack}-gateway-keys`;

/**
 * The stack states in which its keys go with it: the stack being deleted, or its first creation
 * rolled back. A Delete in any other state (the clean-up after a replacement or a logical id
 * change, an update's rollback) removes an old copy of the resource while the stack and its
 * tenants live on: it deletes nothing.
 */
const STACK_GOING = new Set(['DELETE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS']);

/** How long an AccessDenied is retried: IAM takes seconds (rarely a minute or two) to apply a new policy everywhere. */
export const ACCESS_DENIED_RETRY_MS = 120_000;
const ACCESS_DENIED_RETRY: SettlingRetry = { forMs: ACCESS_DENIED_RETRY_MS, firstPauseMs: 2_000, longestPauseMs: 16_000 };

export interface GatewayKeysLifecycle {
  readonly deps: GatewayKeysContext;
  /** The CloudFormation status of the stack that sent the event. */
  readonly stackStatus: (stackId: string) => Promise<string | undefined>;
  /** Epoch ms by which a Delete stops and reports what is left. */
  readonly deadline: number;
  readonly pause: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/** One custom resource event of the stack's gateway keys; returns the physical id to answer. */
export async function onGatewayKeysEvent(event: CloudFormationCustomResourceEvent, lifecycle: GatewayKeysLifecycle): Promise<string> {
  const { deps } = lifecycle;
  const stack = deps.gatewayKeys.stack;
  const owned = gatewayKeysPhysicalId(stack);
  if (event.RequestType !== 'Delete') {
    // A stack re-created over its retained tables finds the recorded keys gone: their tenants move to the new pooled keys.
    await countingFailures(deps, () =>
      retryingAccessDenied(lifecycle, async () => void (await repointStrandedTenants(deps, await ensurePooledKeys(deps)))),
    );
    return owned;
  }
  // A failed Create answered another id (see answerCloudFormation): it made nothing of its own to delete.
  if (event.PhysicalResourceId !== owned) {
    logger.info('gateway keys kept: the Delete is for a resource that owns none', { physicalId: event.PhysicalResourceId });
    return event.PhysicalResourceId;
  }
  const status = await retryingAccessDenied(lifecycle, () => lifecycle.stackStatus(event.StackId));
  if (!status || !STACK_GOING.has(status)) {
    logger.info('gateway keys kept: the stack lives on', { stackStatus: status });
    return owned;
  }
  const { left } = await retryingAccessDenied(lifecycle, () =>
    deleteStackKeys(deps, { deadline: lifecycle.deadline, pause: lifecycle.pause }),
  );
  if (left > 0) {
    throw new Error(
      `${left} API keys of ${stack} are left: run npm run gateway-keys -- delete-all --outputs cdk-outputs.json, then delete the stack again`,
    );
  }
  return owned;
}

/** IAM refuses calls for a while after a policy is created or changed: such a refusal is retried, for a bounded time. */
function retryingAccessDenied<T>(lifecycle: GatewayKeysLifecycle, work: () => Promise<T>): Promise<T> {
  return retryWhileIamSettles(lifecycle, ACCESS_DENIED_RETRY, isAccessDenied, work);
}

/** Runs control-plane work, counting a failure for the alarm (the function's wrapper sends what was recorded). */
export async function countingFailures(deps: GatewayKeysContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.metrics.record('GatewayKeyProvisioningFailures', {});
    throw error;
  }
}
