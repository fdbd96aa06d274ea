import { MemoryClient, type Session } from '@agent-memory/sdk';

/**
 * The owner's access token lives in session storage (this tab only, gone when it closes), never in
 * a URL or a log. Requests go to the page's own origin: `npm start` and CloudFront both serve the
 * API under /v1 next to the console.
 */
const TOKEN_KEY = 'agent-memory.token';
const USER_KEY = 'agent-memory.user';
const ENVIRONMENT_KEY = 'agent-memory.environment';

export type Environment = 'live' | 'test';
export type User = Session['user'];

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const storeSession = (session: Session): void => {
  sessionStorage.setItem(TOKEN_KEY, session.access_token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(session.user));
};
export const forgetToken = (): void => {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
};
export const storedUser = (): User | null => {
  const stored = sessionStorage.getItem(USER_KEY);
  return stored ? (JSON.parse(stored) as User) : null;
};

export const storedEnvironment = (): Environment => (sessionStorage.getItem(ENVIRONMENT_KEY) === 'test' ? 'test' : 'live');
export const storeEnvironment = (environment: Environment): void => sessionStorage.setItem(ENVIRONMENT_KEY, environment);

/** The API's base URL, as snippets for a new key show it. */
export const apiBaseUrl = (): string => location.origin;

/** Retries are off: the console shows a 429 and when it retries instead of waiting silently. */
export function ownerClient(token: string, environment: Environment): MemoryClient {
  return new MemoryClient({ token, environment, baseUrl: apiBaseUrl(), maxRetries: 0 });
}

export function anonymousClient(): MemoryClient {
  return new MemoryClient({ baseUrl: apiBaseUrl(), maxRetries: 0 });
}
