import type { Memory } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { ErrorBox } from '../../error-box';
import { Time, when } from '../../format';
import { Modal } from '../../modal';

/** One memory; deleting asks once more, in the dialog, before anything is sent. */
export function MemoryDialog(props: { memory: Memory; failure: unknown; onClose: () => void; onDelete: () => void }) {
  const { memory } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <Modal title="Memory" onClose={props.onClose}>
      <p class="memory-content">{memory.content}</p>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{memory.type}</dd>
        <dt>Metadata</dt>
        <dd>
          <code class="wrap">{JSON.stringify(memory.metadata)}</code>
        </dd>
        <dt>Created</dt>
        <dd>
          <Time past iso={memory.created_at} /> <span class="muted">({when(memory.created_at)})</span>
        </dd>
        <dt>Id</dt>
        <dd>
          <code class="wrap" data-testid="memory-id">
            {memory.id}
          </code>
        </dd>
      </dl>
      <ErrorBox error={props.failure} />
      {confirming ? (
        <div class="confirm" role="alertdialog" aria-label="Confirm deletion">
          <p>
            <strong>Delete this memory for good?</strong> Agents stop finding it at once; it cannot be restored.
          </p>
          <p class="row">
            <button type="button" class="danger" onClick={props.onDelete}>
              Yes, delete it
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </p>
        </div>
      ) : (
        <p class="row">
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            Delete memory…
          </button>
          <button type="button" class="secondary" onClick={props.onClose}>
            Close
          </button>
        </p>
      )}
    </Modal>
  );
}
