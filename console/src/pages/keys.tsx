import type { ApiKey, CreatedApiKey } from '@agent-memory/sdk';
import { useEffect, useState } from 'preact/hooks';
import { useConsole, useFailure } from '../context';
import { ErrorBox } from '../error-box';
import { when } from '../format';
import { Modal } from '../modal';

const SCOPES = ['memories:read', 'memories:write', 'memories:delete', 'keys:manage'] as const;
const GRACE_PERIODS = [
  { seconds: 0, label: 'None: the old key stops now' },
  { seconds: 3_600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 604_800, label: '7 days' },
];

type Dialog =
  | { kind: 'create' }
  | { kind: 'rotate'; key: ApiKey }
  | { kind: 'revoke'; key: ApiKey }
  | { kind: 'secret'; key: CreatedApiKey; verb: string };

export function KeysPage() {
  const { client, environment } = useConsole();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [failure, fail, clear] = useFailure();

  const load = () =>
    client.keys
      .list({ limit: 100 })
      .then((page) => setKeys(page.data))
      .catch(fail);
  useEffect(() => void load(), [client]);

  const act = async (action: () => Promise<unknown>) => {
    clear();
    try {
      await action();
      await load();
    } catch (error) {
      setDialog(null);
      fail(error);
    }
  };

  return (
    <section class="card">
      <div class="row">
        <h2>API keys</h2>
        <button type="button" onClick={() => setDialog({ kind: 'create' })}>
          Create key
        </button>
      </div>
      <ErrorBox error={failure} />
      {keys === null ? (
        <p class="muted">Loading…</p>
      ) : keys.length === 0 ? (
        <p class="muted">No keys yet. Create one for your agent.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Environment</th>
                <th scope="col">Scopes</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-key-id={key.id}>
                  <td>
                    {key.name}
                    <div class="muted">{key.start}…</div>
                  </td>
                  <td>
                    <span class={`badge ${key.environment}`}>{key.environment}</span>
                  </td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>
                    <span class={`badge ${key.status}`}>{key.status}</span>
                  </td>
                  <td>{when(key.created_at)}</td>
                  <td>{when(key.expires_at)}</td>
                  <td>{when(key.last_used_at)}</td>
                  <td class="row">
                    {key.status === 'active' && (
                      <>
                        <button
                          type="button"
                          class="secondary"
                          aria-label={`Rotate ${key.name}`}
                          onClick={() => setDialog({ kind: 'rotate', key })}
                        >
                          Rotate
                        </button>
                        <button
                          type="button"
                          class="danger"
                          aria-label={`Revoke ${key.name}`}
                          onClick={() => setDialog({ kind: 'revoke', key })}
                        >
                          Revoke
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'create' && (
        <CreateDialog
          environment={environment}
          onClose={() => setDialog(null)}
          onCreate={(input) => act(async () => setDialog({ kind: 'secret', key: await client.keys.create(input), verb: 'created' }))}
        />
      )}
      {dialog?.kind === 'rotate' && (
        <RotateDialog
          keyName={dialog.key.name}
          onClose={() => setDialog(null)}
          onRotate={(grace) =>
            act(async () =>
              setDialog({ kind: 'secret', key: await client.keys.rotate(dialog.key.id, { grace_period_seconds: grace }), verb: 'rotated' }),
            )
          }
        />
      )}
      {dialog?.kind === 'revoke' && (
        <Modal title={`Revoke “${dialog.key.name}”?`} onClose={() => setDialog(null)}>
          <p>Requests with this key are refused within seconds. This cannot be undone.</p>
          <p class="row">
            <button
              type="button"
              class="danger"
              onClick={() => act(async () => (await client.keys.revoke(dialog.key.id), setDialog(null)))}
            >
              Revoke key
            </button>
            <button type="button" class="secondary" onClick={() => setDialog(null)}>
              Cancel
            </button>
          </p>
        </Modal>
      )}
      {dialog?.kind === 'secret' && <SecretDialog created={dialog.key} verb={dialog.verb} onClose={() => setDialog(null)} />}
    </section>
  );
}

function CreateDialog(props: {
  environment: 'live' | 'test';
  onClose: () => void;
  onCreate: (input: { name: string; scopes: string[]; environment: 'live' | 'test'; expires_in_days?: number }) => void;
}) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const days = Number(form.get('expires_in_days'));
    props.onCreate({
      name: String(form.get('name')),
      scopes: form.getAll('scopes').map(String),
      environment: form.get('environment') === 'test' ? 'test' : 'live',
      ...(days > 0 ? { expires_in_days: days } : {}),
    });
  };
  return (
    <Modal title="Create an API key" onClose={props.onClose}>
      <form onSubmit={submit}>
        <label for="key-name">Name</label>
        <input id="key-name" name="name" required maxLength={100} placeholder="Production agent" />
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope}>
              <input type="checkbox" name="scopes" value={scope} checked={scope !== 'keys:manage'} /> {scope}
            </label>
          ))}
        </fieldset>
        <label for="key-environment">Environment</label>
        <select id="key-environment" name="environment" value={props.environment}>
          <option value="live">Live</option>
          <option value="test">Test</option>
        </select>
        <label for="key-expiry">Expires</label>
        <select id="key-expiry" name="expires_in_days">
          <option value="0">Never</option>
          <option value="7">In 7 days</option>
          <option value="30">In 30 days</option>
          <option value="90">In 90 days</option>
          <option value="365">In a year</option>
        </select>
        <p class="row">
          <button type="submit">Create key</button>
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
        </p>
      </form>
    </Modal>
  );
}

function RotateDialog(props: { keyName: string; onClose: () => void; onRotate: (graceSeconds: number) => void }) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onRotate(Number(new FormData(event.currentTarget as HTMLFormElement).get('grace')));
  };
  return (
    <Modal title={`Rotate “${props.keyName}”`} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>A new key with the same name, scopes and environment replaces this one.</p>
        <label for="grace">Keep the old key working for</label>
        <select id="grace" name="grace" value="86400">
          {GRACE_PERIODS.map((period) => (
            <option key={period.seconds} value={period.seconds}>
              {period.label}
            </option>
          ))}
        </select>
        <p class="row">
          <button type="submit">Rotate key</button>
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
        </p>
      </form>
    </Modal>
  );
}

/** The plaintext is held only by this dialog: closing it drops the last copy the console has. */
function SecretDialog({ created, verb, onClose }: { created: CreatedApiKey; verb: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(created.key).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <Modal title={`Key ${verb}: copy it now`} onClose={onClose}>
      <p class="notice" role="alert">
        This is the only time the key is shown. Store it in your secret manager; we keep only a hash and cannot show it again.
      </p>
      <p class="secret" data-testid="plaintext-key">
        {created.key}
      </p>
      <p class="row">
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy key'}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          I have stored it
        </button>
      </p>
    </Modal>
  );
}
