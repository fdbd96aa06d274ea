import type { AuditEvent } from '@agent-memory/sdk';
import { useEffect, useState } from 'preact/hooks';
import { useConsole, useFailure } from '../context';
import { ErrorBox } from '../error-box';
import { when } from '../format';

const EVENT_LABELS: Record<AuditEvent['type'], string> = {
  'key.created': 'Key created',
  'key.rotated': 'Key rotated',
  'key.revoked': 'Key revoked',
  'key.expired_used': 'Expired key used',
  'login.succeeded': 'Signed in',
  'login.failed': 'Sign-in failed',
  'login.locked': 'Sign-in locked',
  'tier.changed': 'Tier changed',
};
const PAGE_SIZE = 25;

export function ActivityPage() {
  const { client } = useConsole();
  const [type, setType] = useState<AuditEvent['type'] | ''>('');
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [failure, fail, clear] = useFailure();

  const list = () => client.audit.list({ limit: PAGE_SIZE, ...(type ? { type } : {}) });
  useEffect(() => {
    clear();
    list()
      .then((page) => (setEvents(page.data), setNext(page.next_cursor)))
      .catch(fail);
  }, [client, type]);
  const more = () =>
    list()
      .at(next ?? undefined)
      .then((page) => (setEvents([...events, ...page.data]), setNext(page.next_cursor)))
      .catch(fail);

  return (
    <section class="card">
      <h2>Activity</h2>
      <p class="muted">Key and sign-in events of the last 90 days, newest first.</p>
      <label for="activity-type">Event</label>
      <select
        id="activity-type"
        value={type}
        onChange={(event) => setType((event.currentTarget as HTMLSelectElement).value as AuditEvent['type'] | '')}
      >
        <option value="">All events</option>
        {Object.entries(EVENT_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <ErrorBox error={failure} />
      <div class="table-wrap">
        <table aria-label="Audit events">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">By</th>
              <th scope="col">Key</th>
              <th scope="col">From</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.length === 0 && (
              <tr>
                <td colSpan={6} class="muted">
                  Nothing recorded yet.
                </td>
              </tr>
            )}
            {events.map((event) => (
              <tr key={event.id}>
                <td>{when(event.occurred_at)}</td>
                <td>{EVENT_LABELS[event.type]}</td>
                <td>
                  {event.actor.type} <span class="muted">{event.actor.id}</span>
                </td>
                <td>{event.key_id ?? '—'}</td>
                <td>
                  {event.source_ip ?? '—'}
                  <div class="muted">{event.user_agent ?? ''}</div>
                </td>
                <td>
                  {Object.entries(event.details)
                    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(' ') : String(value)}`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && (
        <p>
          <button type="button" class="secondary" onClick={more}>
            Show older events
          </button>
        </p>
      )}
    </section>
  );
}
