import { MemoryApiError } from '@agent-memory/sdk';
import { useEffect, useState } from 'preact/hooks';
import { useConsole } from './context';

export type Loaded<T> =
  { readonly status: 'loading' } | { readonly status: 'ready'; readonly data: T } | { readonly status: 'error'; readonly error: unknown };

export interface Load<T> {
  readonly state: Loaded<T>;
  /** Loads again, showing the loading state (a retry after an error). */
  readonly reload: () => void;
  /** Replaces the data after a change the page made itself, without a request. */
  readonly update: (change: (data: T) => T) => void;
}

/** A 429 the API says when to retry: the page retries then by itself, so no reload is needed. */
export const retryAfter = (error: unknown): number | undefined =>
  error instanceof MemoryApiError && error.status === 429 ? (error.retryAfterSeconds ?? 5) : undefined;

/**
 * One request per page view, with distinct loading, ready and error states. A 401 sends the user
 * back to sign in; a 429 is retried when its Retry-After has passed.
 */
export function useLoad<T>(fetch: () => Promise<T>, deps: readonly unknown[]): Load<T> {
  const { signOut } = useConsole();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    fetch().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof MemoryApiError && error.status === 401) signOut('Your session has expired. Sign in again.');
        else setState({ status: 'error', error });
      },
    );
    return () => void (current = false);
  }, [...deps, attempt]);
  const waitSeconds = state.status === 'error' ? retryAfter(state.error) : undefined;
  useEffect(() => {
    if (waitSeconds === undefined) return undefined;
    const timer = setTimeout(() => setAttempt((n) => n + 1), waitSeconds * 1000);
    return () => clearTimeout(timer);
  }, [state, waitSeconds]);
  return {
    state,
    reload: () => setAttempt((n) => n + 1),
    update: (change) => setState((now) => (now.status === 'ready' ? { status: 'ready', data: change(now.data) } : now)),
  };
}
