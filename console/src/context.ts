import { MemoryApiError, type MemoryClient } from '@agent-memory/sdk';
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { Environment, User } from './session';

export interface ConsoleContext {
  readonly client: MemoryClient;
  readonly environment: Environment;
  /** The signed-in owner (null for a session stored before the console kept it). */
  readonly user: User | null;
  /** Sends the user back to sign in (an expired or revoked token). */
  readonly signOut: (message?: string) => void;
}

export const Console = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const value = useContext(Console);
  if (!value) throw new Error('useConsole outside the signed-in console');
  return value;
}

/**
 * The error of the last failed change, for an `ErrorBox`. A 401 means the token expired: the user
 * is sent back to sign in instead of seeing an error.
 */
export function useFailure(): [unknown, (error: unknown) => void, () => void] {
  const { signOut } = useConsole();
  const [failure, setFailure] = useState<unknown>(null);
  const fail = (error: unknown) => {
    if (error instanceof MemoryApiError && error.status === 401) signOut('Your session has expired. Sign in again.');
    else setFailure(error);
  };
  return [failure, fail, () => setFailure(null)];
}
