import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { ErrorCode } from '../shared/error-codes';
import { AUTH_CONTEXT } from '../shared/gateway-responses';

export interface AllowContext {
  readonly tenantId: string;
  readonly principalId: string;
  readonly keyId: string;
  readonly scopes: string;
  readonly environment: string;
  readonly tier: string;
  /** Empty when the credential never expires (context values cannot be null). */
  readonly expiresAt: string;
}

/**
 * The gateway's authorizer cache is off, so each policy covers exactly the method being called.
 * Context values are strings, as API Gateway requires.
 */
export function allowPolicy(methodArn: string, context: AllowContext, usageIdentifierKey: string): APIGatewayAuthorizerResult {
  return {
    principalId: context.principalId,
    policyDocument: statement('Allow', methodArn),
    context: {
      [AUTH_CONTEXT.tenantId]: context.tenantId,
      [AUTH_CONTEXT.principalId]: context.principalId,
      [AUTH_CONTEXT.keyId]: context.keyId,
      [AUTH_CONTEXT.scopes]: context.scopes,
      [AUTH_CONTEXT.environment]: context.environment,
      [AUTH_CONTEXT.tier]: context.tier,
      [AUTH_CONTEXT.expiresAt]: context.expiresAt,
    },
    usageIdentifierKey,
  };
}

/** A Deny answers 403 through the ACCESS_DENIED gateway response, which reads code and message from the context. */
export function denyPolicy(methodArn: string, principalId: string, code: ErrorCode, message: string): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: statement('Deny', methodArn),
    context: { [AUTH_CONTEXT.errorCode]: code, [AUTH_CONTEXT.errorMessage]: message },
  };
}

function statement(effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult['policyDocument'] {
  return { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] };
}
