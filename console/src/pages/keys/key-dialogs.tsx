import type { ApiKey, CreateApiKeyInput } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { DEFAULT_KEY_SCOPES, SCOPES } from '../../../../lambda/domain/scopes';
import { ErrorBox } from '../../error-box';
import { when } from '../../format';
import { Modal } from '../../modal';
import type { Environment } from '../../session';
import { keyLabel } from './key-table';

const GRACE_PERIODS = [
  { seconds: 0, label: 'None: the old key stops now' },
  { seconds: 3_600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 604_800, label: '7 days' },
];
const EXPIRIES = [
  { days: 0, label: 'Never' },
  { days: 7, label: 'In 7 days' },
  { days: 30, label: 'In 30 days' },
  { days: 90, label: 'In 90 days' },
  { days: 365, label: 'In a year' },
];

/**
 * The form is controlled: a refusal (the key limit, say) shows in the dialog and keeps what was
 * typed. The scopes start as the API's default, the environment is the one the switch shows.
 */
export function CreateDialog(props: {
  environment: Environment;
  failure: unknown;
  onClose: () => void;
  onCreate: (input: CreateApiKeyInput) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([...DEFAULT_KEY_SCOPES]);
  const [days, setDays] = useState(0);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await props.onCreate({
        name,
        scopes: SCOPES.filter((scope) => scopes.includes(scope)),
        environment: props.environment,
        ...(days > 0 ? { expires_in_days: days } : {}),
      });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (scope: string, on: boolean) => setScopes(on ? [...scopes, scope] : scopes.filter((item) => item !== scope));
  return (
    <Modal title={`Create a ${props.environment} API key`} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p class={`badge ${props.environment}`}>{props.environment === 'test' ? 'Test key: sees test memories only' : 'Live key'}</p>
        <label for="key-name">Name</label>
        <input
          id="key-name"
          name="name"
          required
          maxLength={100}
          placeholder="Production agent"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.currentTarget.checked)}
              />{' '}
              {scope}
            </label>
          ))}
        </fieldset>
        <label for="key-expiry">Expires</label>
        <select
          id="key-expiry"
          name="expires_in_days"
          value={String(days)}
          onChange={(event) => setDays(Number(event.currentTarget.value))}
        >
          {EXPIRIES.map((expiry) => (
            <option key={expiry.days} value={String(expiry.days)}>
              {expiry.label}
            </option>
          ))}
        </select>
        <ErrorBox error={props.failure} />
        <p class="row">
          <button type="submit" disabled={busy || scopes.length === 0}>
            Create key
          </button>
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
        </p>
      </form>
    </Modal>
  );
}

export function RotateDialog(props: { apiKey: ApiKey; failure: unknown; onClose: () => void; onRotate: (graceSeconds: number) => void }) {
  const [grace, setGrace] = useState(86_400);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onRotate(grace);
  };
  return (
    <Modal title={`Rotate ${keyLabel(props.apiKey)}`} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>
          A new key with the same name, scopes and environment replaces this one. A key is rotated once; later rotations start from the new
          key.
        </p>
        <label for="grace">Keep the old key working for</label>
        <select id="grace" name="grace" value={String(grace)} onChange={(event) => setGrace(Number(event.currentTarget.value))}>
          {GRACE_PERIODS.map((period) => (
            <option key={period.seconds} value={String(period.seconds)}>
              {period.label}
            </option>
          ))}
        </select>
        <ErrorBox error={props.failure} />
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

export function RevokeDialog(props: { apiKey: ApiKey; failure: unknown; onClose: () => void; onRevoke: () => void }) {
  const { apiKey } = props;
  return (
    <Modal title={`Revoke ${keyLabel(apiKey)}?`} onClose={props.onClose}>
      <p>
        Requests with the key starting <code>{apiKey.start}</code> ({apiKey.environment}) are refused within seconds. This cannot be undone.
      </p>
      {apiKey.replaced_by && (
        <p class="notice">
          This key is being replaced; its grace period would have ended {when(apiKey.expires_at)}. Its replacement keeps working.
        </p>
      )}
      <ErrorBox error={props.failure} />
      <p class="row">
        <button type="button" class="danger" onClick={props.onRevoke}>
          Revoke key
        </button>
        <button type="button" class="secondary" onClick={props.onClose}>
          Cancel
        </button>
      </p>
    </Modal>
  );
}
