import { MemoryClient } from '@agent-memory/sdk';

/**
 * The owner's access token lives in session storage (this tab only, gone when it closes), never in
 * a URL or a log. Requests go to the page's own origin: `npm start` and CloudFront both serve the
 * API under /v1 next to the console.
 */
const TOKEN_KEY = 'agent-memory.token';
const ENVIRONMENT_KEY = 'agent-memory.environment';

export type Environment = 'live' | 'test';

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

export const storedEnvironment = (): Environment => (sessionStorage.getItem(ENVIRONMENT_KEY) === 'test' ? 'test' : 'live');
export const storeEnvironment = (environment: Environment): void => sessionStorage.setItem(ENVIRONMENT_KEY, environment);

/** Retries are off: the console shows a 429 and when to retry instead of waiting silently. */
export function ownerClient(token: string, environment: Environment): MemoryClient {
  return new MemoryClient({ token, environment, baseUrl: location.origin, maxRetries: 0 });
}

export function anonymousClient(): MemoryClient {
  return new MemoryClient({ baseUrl: location.origin, maxRetries: 0 });
}
