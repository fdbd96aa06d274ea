import type { Environment } from '../../session';

/** An empty keys page is a newcomer's first minute: three steps, the first one a button. */
export function GetStarted({ environment, onCreate }: { environment: Environment; onCreate: () => void }) {
  return (
    <div class="get-started" data-testid="get-started">
      <h3>Get started{environment === 'test' ? ' in the test sandbox' : ''}</h3>
      <p class="muted">No {environment} keys yet. Your agents call the API with a key; it takes a minute.</p>
      <ol>
        <li>
          <strong>Create a key</strong> with the scopes your agent needs. You see it once: copy it into your secret manager.
        </li>
        <li>
          <strong>Store a memory</strong> with <code>POST /v1/memories</code>, from curl or the SDK (the key's dialog shows both).
        </li>
        <li>
          <strong>Search</strong> with <code>POST /v1/memories/search</code>, and watch the requests arrive under Usage.
        </li>
      </ol>
      <button type="button" onClick={onCreate}>
        Create your first key
      </button>
    </div>
  );
}
