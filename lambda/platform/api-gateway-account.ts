import { GetAccountCommand, UpdateAccountCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCloudFormation } from './cloudformation-response';
import { isAccessDenied, retryWhileIamSettles, type SettlingClock, type SettlingRetry } from './iam-settling';
import { logger } from './logger';

export interface ApiGatewayAccountProperties {
  /** The role API Gateway writes logs with, set only where the account and region have none. */
  readonly RoleArn: string;
}

export type ApiGatewayAccountDeps = SettlingClock;

/** The one id: a change of role is an Update of the same resource, never a replacement with a Delete. */
export const API_GATEWAY_ACCOUNT_RESOURCE_ID = 'api-gateway-account-cloudwatch-role';
/** IAM takes seconds, rarely a minute or two, before a new role or policy works everywhere. */
const SETTLING: SettlingRetry = { forMs: 3 * 60_000, firstPauseMs: 1_000, longestPauseMs: 15_000 };

/**
 * Makes sure API Gateway can write the stage's logs (a CloudFormation custom resource): access
 * logging fails the stage's deploy while the account and region have no CloudWatch Logs role. It
 * sets the stack's role only where none is set, and never changes or removes one: the setting is
 * account-wide, and other APIs of the account log through it. A Delete leaves it as it is.
 */
export async function apiGatewayAccountResource(
  client: APIGatewayClient,
  event: CloudFormationCustomResourceEvent<ApiGatewayAccountProperties>,
  deps: ApiGatewayAccountDeps,
): Promise<void> {
  await answerCloudFormation(event, () => onApiGatewayAccountEvent(client, event, deps));
}

/** The work of one event; returns the physical id. */
export async function onApiGatewayAccountEvent(
  client: APIGatewayClient,
  event: CloudFormationCustomResourceEvent<ApiGatewayAccountProperties>,
  deps: ApiGatewayAccountDeps,
): Promise<string> {
  if (event.RequestType !== 'Delete') await ensureCloudWatchRole(client, event.ResourceProperties.RoleArn, deps);
  return API_GATEWAY_ACCOUNT_RESOURCE_ID;
}

function ensureCloudWatchRole(client: APIGatewayClient, roleArn: string, deps: ApiGatewayAccountDeps): Promise<void> {
  return retryWhileIamSettles(deps, SETTLING, isSettling, async () => {
    const account = await client.send(new GetAccountCommand({}));
    if (account.cloudwatchRoleArn) {
      logger.info('the account already has a CloudWatch Logs role for API Gateway; left as it is', { role: account.cloudwatchRoleArn });
      return;
    }
    await client.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: roleArn }] }));
    logger.info('set the account’s CloudWatch Logs role for API Gateway', { role: roleArn });
  });
}

/**
 * Refusals that pass once IAM has caught up: our own policy not yet in force (AccessDenied), or
 * the new role not yet assumable by API Gateway ("The role ARN does not have required permissions").
 */
function isSettling(error: unknown): boolean {
  if (isAccessDenied(error)) return true;
  return (
    error instanceof Error &&
    error.name === 'BadRequestException' &&
    /role ARN does not have required permissions|trust relationship/i.test(error.message)
  );
}
