import { MemoryApiError } from '@agent-memory/sdk';
import { useEffect, useState } from 'preact/hooks';
import { retryAfter } from './load';

/**
 * The API's own message and request id (to quote to support). A 429 counts down to the moment the
 * page retries by itself; `onRetry` adds a button to try at once.
 */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const retry = onRetry && (
    <button type="button" class="secondary" onClick={onRetry}>
      Try again
    </button>
  );
  if (!(error instanceof MemoryApiError)) {
    return (
      <div class="error" role="alert">
        Could not reach the API: {error instanceof Error ? error.message : String(error)} {retry}
      </div>
    );
  }
  const wait = retryAfter(error);
  return (
    <div class="error" role="alert">
      <strong>{error.message}</strong> <span class="muted">({error.code})</span>
      {wait !== undefined && (onRetry ? <Countdown seconds={wait} /> : <div>Try again in {wait} seconds.</div>)}
      {error.details.length > 0 && (
        <ul>
          {error.details.map((detail) => (
            <li key={detail.field}>
              {detail.field}: {detail.issue}
            </li>
          ))}
        </ul>
      )}
      {error.requestId && <div class="muted">Request id: {error.requestId}</div>}
      {retry}
    </div>
  );
}

function Countdown({ seconds }: { seconds: number }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const timer = setInterval(() => setLeft((n) => Math.max(0, n - 1)), 1000);
    return () => clearInterval(timer);
  }, []);
  return <div data-testid="retry-countdown">Retrying by itself in {left} seconds.</div>;
}

/** What a list shows while its request is under way: never the empty state. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}
