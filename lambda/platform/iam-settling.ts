import { logger } from './logger';

/** How long and how often a call refused while IAM settles is tried again (the pause doubles up to `longestPauseMs`). */
export interface SettlingRetry {
  readonly forMs: number;
  readonly firstPauseMs: number;
  readonly longestPauseMs: number;
}

export interface SettlingClock {
  readonly now: () => number;
  readonly pause: (ms: number) => Promise<void>;
}

/**
 * Runs `work`, trying again while it fails with a refusal that passes once IAM has caught up (a new
 * role or policy takes seconds, rarely a minute or two, to apply everywhere), for a bounded time;
 * any other failure, or one past the bound, is thrown.
 */
export async function retryWhileIamSettles<T>(
  clock: SettlingClock,
  retry: SettlingRetry,
  isSettling: (error: unknown) => boolean,
  work: () => Promise<T>,
): Promise<T> {
  const giveUpAt = clock.now() + retry.forMs;
  for (let pause = retry.firstPauseMs; ; pause = Math.min(pause * 2, retry.longestPauseMs)) {
    try {
      return await work();
    } catch (error) {
      if (!isSettling(error) || clock.now() + pause > giveUpAt) throw error;
      logger.warn('refused while IAM settles, retrying', { pauseMs: pause });
      await clock.pause(pause);
    }
  }
}

export function isAccessDenied(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AccessDeniedException' || error.name === 'AccessDenied');
}
