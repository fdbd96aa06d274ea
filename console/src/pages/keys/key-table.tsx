import type { ApiKey } from '@agent-memory/sdk';
import { useEffect } from 'preact/hooks';
import { Time, when } from '../../format';

/** How a key is named everywhere: its name and the first characters of the key. */
export const keyLabel = (key: Pick<ApiKey, 'name' | 'start'>): string => `${key.name} (${key.start}…)`;

export function KeyTable({
  keys,
  onRotate,
  onRevoke,
}: {
  keys: readonly ApiKey[];
  onRotate: (key: ApiKey) => void;
  onRevoke: (key: ApiKey) => void;
}) {
  const byId = new Map(keys.map((key) => [key.id, key]));
  useEffect(closeMenusOutside, []);
  return (
    <div class="table-wrap keys-wrap">
      <table aria-label="API keys" class="keys">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-key-id={key.id} class={key.status === 'active' ? undefined : 'ended'}>
              <td>
                <strong>{key.name}</strong> <span class={`badge ${key.environment}`}>{key.environment}</span>
                <div>
                  <code class="key-start">{key.start}…</code>
                </div>
              </td>
              <td data-label="Scopes">
                <ul class="chips" aria-label="Scopes">
                  {key.scopes.map((scope) => (
                    <li key={scope} class="chip">
                      {scope}
                    </li>
                  ))}
                </ul>
              </td>
              <td data-label="Status">
                <Status
                  apiKey={key}
                  successor={key.replaced_by ? byId.get(key.replaced_by) : undefined}
                  predecessor={key.replaces ? byId.get(key.replaces) : undefined}
                />
              </td>
              <td data-label="Created">
                <Time past iso={key.created_at} />
              </td>
              <td data-label="Expires">
                <Time iso={key.expires_at} empty="Never" />
              </td>
              <td data-label="Last used">
                <Time past iso={key.last_used_at} empty="Never" />
              </td>
              <td class="actions">
                <RowMenu apiKey={key} onRotate={onRotate} onRevoke={onRevoke} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A key in its grace period says so, when it stops, and which key replaces it. */
function Status({ apiKey, successor, predecessor }: { apiKey: ApiKey; successor?: ApiKey; predecessor?: ApiKey }) {
  if (apiKey.status === 'active' && apiKey.replaced_by) {
    return (
      <div class="grace" data-testid="grace">
        <span class="badge grace">being replaced</span>
        <div>
          Stops working <Time iso={apiKey.expires_at} /> <span class="muted">({when(apiKey.expires_at)})</span>
        </div>
        <div class="muted">Replaced by {successor ? keyLabel(successor) : apiKey.replaced_by}</div>
      </div>
    );
  }
  return (
    <div>
      <span class={`badge ${apiKey.status}`}>{apiKey.status}</span>
      {apiKey.status === 'revoked' && apiKey.revoked_at && (
        <div class="muted">
          <Time past iso={apiKey.revoked_at} />
        </div>
      )}
      {predecessor && <div class="muted">Replaces {predecessor.start}…</div>}
    </div>
  );
}

/** An open row menu closes on a click elsewhere or on Escape, as menus do. */
function closeMenusOutside() {
  const openMenus = () => [...document.querySelectorAll('details.menu[open]')];
  const onClick = (event: Event) => openMenus().forEach((menu) => menu.contains(event.target as Node) || menu.removeAttribute('open'));
  const onKey = (event: KeyboardEvent) => event.key === 'Escape' && openMenus().forEach((menu) => menu.removeAttribute('open'));
  document.addEventListener('click', onClick);
  document.addEventListener('keydown', onKey);
  return () => {
    document.removeEventListener('click', onClick);
    document.removeEventListener('keydown', onKey);
  };
}

/**
 * Only what the API allows: an active key is rotated once (its replacement is rotated next), an
 * active key can be revoked, an ended key has no action.
 */
function RowMenu({ apiKey, onRotate, onRevoke }: { apiKey: ApiKey; onRotate: (key: ApiKey) => void; onRevoke: (key: ApiKey) => void }) {
  if (apiKey.status !== 'active') return <span class="muted">—</span>;
  const close = (event: Event) => (event.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
  return (
    <details class="menu">
      <summary aria-label={`Actions for ${keyLabel(apiKey)}`}>⋯</summary>
      <div class="menu-items" role="menu">
        {!apiKey.replaced_by && (
          <button type="button" role="menuitem" class="menu-item" onClick={(event) => (close(event), onRotate(apiKey))}>
            Rotate…
          </button>
        )}
        <button type="button" role="menuitem" class="menu-item danger-text" onClick={(event) => (close(event), onRevoke(apiKey))}>
          {apiKey.replaced_by ? 'Revoke now…' : 'Revoke…'}
        </button>
      </div>
    </details>
  );
}
