/**
 * What only a bearer token needs: access-token verification and identity providers' tokens (jose,
 * remote key sets). The authorizer imports this module on the first token it sees, so a cold start
 * that serves API keys never loads it.
 */
export { signedWithUnknownKey, verifyAccessToken } from '../auth/tokens';
export { ExternalIdentities } from './external-identity';
