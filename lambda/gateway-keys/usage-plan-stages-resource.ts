import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCloudFormation } from '../platform/cloudformation-response';
import { changePlanStage } from './usage-plan-stages';

export interface UsagePlanStagesProperties {
  /** Usage plans to add the stage to (the tier plans of the stack that owns the keys). */
  readonly UsagePlanNames: string[];
  readonly RestApiId: string;
  readonly StageName: string;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A consumer API's stage in the tier usage plans of the stack that owns the gateway keys (a
 * CloudFormation custom resource, see ApiKeyAuthorizer.addStageToUsagePlans). The physical id is
 * the stage, so moving to another stage is a replacement: CloudFormation deletes the old one.
 */
export async function usagePlanStagesResource(
  client: APIGatewayClient,
  event: CloudFormationCustomResourceEvent<UsagePlanStagesProperties>,
): Promise<void> {
  await answerCloudFormation(event, async () => {
    const { UsagePlanNames: names } = event.ResourceProperties;
    if (event.RequestType === 'Delete') {
      await changePlanStage(client, names, event.PhysicalResourceId, 'remove', pause);
      return event.PhysicalResourceId;
    }
    const stage = `${event.ResourceProperties.RestApiId}:${event.ResourceProperties.StageName}`;
    await changePlanStage(client, names, stage, 'add', pause);
    return stage;
  });
}
