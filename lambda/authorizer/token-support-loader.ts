/**
 * Loads token-support.ts on first use. The path is written as the deployed file is named: the
 * authorizer's bundle leaves this import out and ships token-support.js beside index.js
 * (lib/bundle-options.ts), so the API-key path never parses jose or the Lambda client.
 */
export const loadTokenSupport = () => import('./token-support.js');

export type TokenSupport = Awaited<ReturnType<typeof loadTokenSupport>>;
