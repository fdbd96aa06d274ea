import { MemoryApiError } from '@agent-memory/sdk';

/** The API's own message and request id (to quote to support); a 429 says when to retry. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  if (!(error instanceof MemoryApiError)) {
    return (
      <div class="error" role="alert">
        Could not reach the API: {error instanceof Error ? error.message : String(error)}
      </div>
    );
  }
  return (
    <div class="error" role="alert">
      <strong>{error.message}</strong> <span class="muted">({error.code})</span>
      {error.status === 429 && error.retryAfterSeconds !== undefined && <div>Try again in {error.retryAfterSeconds} seconds.</div>}
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
    </div>
  );
}
