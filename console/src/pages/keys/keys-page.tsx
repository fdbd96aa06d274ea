import type { ApiKey, CreatedApiKey, CreateApiKeyInput } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { useConsole, useFailure } from '../../context';
import { ErrorBox, Loading } from '../../error-box';
import { useLoad } from '../../load';
import { CreateDialog, RevokeDialog, RotateDialog } from './key-dialogs';
import { KeyTable } from './key-table';
import { GetStarted } from './get-started';
import { SecretDialog } from './secret-dialog';

type Dialog =
  | { kind: 'create' }
  | { kind: 'rotate'; key: ApiKey }
  | { kind: 'revoke'; key: ApiKey }
  | { kind: 'secret'; key: CreatedApiKey; verb: string };

/** The keys of the environment the switch shows; each change reloads the list (one request). */
export function KeysPage() {
  const { client, environment } = useConsole();
  const keys = useLoad(() => client.keys.list({ limit: 100, environment }).then((page) => page.data), [client]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [failure, fail, clear] = useFailure();

  /** A failed change keeps its dialog open with the error in it, so nothing typed is lost. */
  const change = async (action: () => Promise<Dialog | null>) => {
    clear();
    try {
      setDialog(await action());
      keys.reload();
    } catch (error) {
      fail(error);
    }
  };
  const close = () => (clear(), setDialog(null));
  const create = () => (clear(), setDialog({ kind: 'create' }));

  return (
    <section class="card">
      <div class="row spread">
        <h2>{environment === 'test' ? 'Test API keys' : 'API keys'}</h2>
        <button type="button" onClick={create}>
          Create key
        </button>
      </div>
      {keys.state.status === 'loading' && <Loading what="keys" />}
      {keys.state.status === 'error' && <ErrorBox error={keys.state.error} onRetry={keys.reload} />}
      {keys.state.status === 'ready' &&
        (keys.state.data.length === 0 ? (
          <GetStarted environment={environment} onCreate={create} />
        ) : (
          <KeyTable
            keys={keys.state.data}
            onRotate={(key) => setDialog({ kind: 'rotate', key })}
            onRevoke={(key) => setDialog({ kind: 'revoke', key })}
          />
        ))}
      {!dialog && <ErrorBox error={failure} />}
      {dialog?.kind === 'create' && (
        <CreateDialog
          environment={environment}
          failure={failure}
          onClose={close}
          onCreate={(input: CreateApiKeyInput) =>
            change(async () => ({ kind: 'secret', key: await client.keys.create(input), verb: 'created' }))
          }
        />
      )}
      {dialog?.kind === 'rotate' && (
        <RotateDialog
          apiKey={dialog.key}
          failure={failure}
          onClose={close}
          onRotate={(grace) =>
            change(async () => ({
              kind: 'secret',
              key: await client.keys.rotate(dialog.key.id, { grace_period_seconds: grace }),
              verb: 'rotated',
            }))
          }
        />
      )}
      {dialog?.kind === 'revoke' && (
        <RevokeDialog
          apiKey={dialog.key}
          failure={failure}
          onClose={close}
          onRevoke={() => change(async () => (await client.keys.revoke(dialog.key.id), null))}
        />
      )}
      {dialog?.kind === 'secret' && <SecretDialog created={dialog.key} verb={dialog.verb} onClose={close} />}
    </section>
  );
}
