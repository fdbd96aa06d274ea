/**
 * What only a bearer token needs: access-token verification, identity providers' tokens (jose,
 * remote key sets) and the Lambda client that asks the provisioner for a new tenant. The
 * authorizer loads it with the first token it sees (token-support-loader.ts), so a cold start that
 * serves API keys never parses it: the deployed authorizer ships it as a file of its own.
 */
export { signedWithUnknownKey, verifyAccessToken } from '../auth/tokens';
export { ExternalIdentities } from './external-identity';
export { LambdaInvoker } from '../platform/lambda-invoker';
