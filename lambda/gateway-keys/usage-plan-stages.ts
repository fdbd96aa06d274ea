import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { listUsagePlans, updatePlanStage } from './gateway-key-provisioner';

/** UpdateUsagePlan allows one call per 20 seconds per account. */
export const USAGE_PLAN_UPDATE_INTERVAL_MS = 20_000;

/**
 * Adds an API stage (`<restApiId>:<stage>`) to the named usage plans, or removes it, one plan
 * at a time at the pace API Gateway allows (`pause` waits between calls). Plans that already
 * have it (or no longer have it) are skipped, so it is safe to run again.
 */
export async function changePlanStage(
  client: APIGatewayClient,
  planNames: readonly string[],
  stage: string,
  op: 'add' | 'remove',
  pause: (ms: number) => Promise<void>,
): Promise<number> {
  const named = (await listUsagePlans(client)).filter((plan) => planNames.includes(plan.name));
  const missing = planNames.filter((name) => !named.some((plan) => plan.name === name));
  if (op === 'add' && missing.length > 0) throw new Error(`no usage plan named ${missing.join(', ')}`);
  const plans = named.filter((plan) => plan.stages.includes(stage) === (op === 'remove'));
  for (const [index, plan] of plans.entries()) {
    if (index > 0) await pause(USAGE_PLAN_UPDATE_INTERVAL_MS);
    await updatePlanStage(client, plan.id, op, stage);
  }
  return plans.length;
}
