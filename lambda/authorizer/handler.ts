import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { logger } from '../platform/logger';
import { runtimeFromEnvironment } from '../platform/runtime';
import { Authorizer, UNAUTHORIZED } from './authorize';

let authorizer: Authorizer | undefined;

export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  authorizer ??= new Authorizer(runtimeFromEnvironment());
  logger.resetKeys();
  logger.appendKeys({ request_id: event.requestContext.requestId });
  try {
    return await authorizer.authorize(event);
  } catch (error) {
    if (error instanceof Error && error.message === UNAUTHORIZED) throw error;
    logger.error('authorizer failed', error instanceof Error ? error : String(error));
    throw error;
  }
};
