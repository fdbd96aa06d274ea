import type { ApiKey, AuditEvent } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { useConsole, useFailure } from '../context';
import { ErrorBox, Loading } from '../error-box';
import { Time, when } from '../format';
import { useLoad } from '../load';
import type { User } from '../session';
import { keyLabel } from './keys/key-table';

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
/** Shown in their own columns (or as the key's name), so not repeated among the details. */
const SHOWN_ELSEWHERE = new Set(['name', 'email']);

interface Names {
  readonly user: User | null;
  readonly keys: ReadonlyMap<string, ApiKey>;
}

/** The environment's key events and the account's own events; people and keys by name, not id. */
export function ActivityPage() {
  const { client, environment, user } = useConsole();
  const [type, setType] = useState<AuditEvent['type'] | ''>('');
  const list = () => client.audit.list({ limit: PAGE_SIZE, environment, ...(type ? { type } : {}) });
  const first = useLoad(
    () =>
      Promise.all([list(), client.keys.list({ limit: 100 })]).then(([events, keys]) => ({
        events: events.data,
        next: events.next_cursor,
        keys: keys.data,
      })),
    [client, type],
  );
  const [failure, fail, clear] = useFailure();
  const more = (cursor: string) => {
    clear();
    list()
      .at(cursor)
      .then((page) => first.update((data) => ({ ...data, events: [...data.events, ...page.data], next: page.next_cursor })))
      .catch(fail);
  };

  return (
    <section class="card">
      <h2>Activity</h2>
      <p class="muted">
        Events of your {environment} keys and of your account (sign-ins, tier changes) over the last 90 days, newest first.
      </p>
      <label for="activity-type">Event</label>
      <select id="activity-type" value={type} onChange={(event) => setType(event.currentTarget.value as AuditEvent['type'] | '')}>
        <option value="">All events</option>
        {Object.entries(EVENT_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {first.state.status === 'loading' && <Loading what="activity" />}
      {first.state.status === 'error' && <ErrorBox error={first.state.error} onRetry={first.reload} />}
      {first.state.status === 'ready' && (
        <>
          <Events events={first.state.data.events} names={{ user, keys: new Map(first.state.data.keys.map((key) => [key.id, key])) }} />
          <ErrorBox error={failure} />
          {first.state.data.next && (
            <p>
              <button
                type="button"
                class="secondary"
                onClick={() => more(first.state.status === 'ready' ? (first.state.data.next ?? '') : '')}
              >
                Show older events
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function Events({ events, names }: { events: readonly AuditEvent[]; names: Names }) {
  if (events.length === 0) return <p class="empty">Nothing recorded yet.</p>;
  return (
    <div class="table-wrap">
      <table aria-label="Audit events" class="activity">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">By</th>
            <th scope="col">Key</th>
            <th scope="col">Details</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td class="nowrap">
                <Time past iso={event.occurred_at} />
              </td>
              <td class="nowrap">
                {EVENT_LABELS[event.type]} <span class={`badge ${event.environment ?? 'account'}`}>{event.environment ?? 'account'}</span>
              </td>
              <td>{actorName(event, names)}</td>
              <td>{event.key_id ? keyName(event.key_id, names, event.details.name) : '—'}</td>
              <td class="details">{details(event, names)}</td>
              <td class="from">
                {event.source_ip ?? '—'}
                {event.user_agent && (
                  <div class="muted ua" title={event.user_agent}>
                    {event.user_agent}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function keyName(id: string, names: Names, recorded?: unknown): string {
  const key = names.keys.get(id);
  if (key) return keyLabel(key);
  return typeof recorded === 'string' ? `${recorded} (${id})` : id;
}

function actorName(event: AuditEvent, names: Names): string {
  const { actor } = event;
  if (actor.type === 'user') {
    if (names.user?.id === actor.id) return names.user.email;
    return typeof event.details.email === 'string' ? event.details.email : actor.id;
  }
  if (actor.type === 'key') return keyName(actor.id, names);
  return `Operator (${actor.id})`;
}

function details(event: AuditEvent, names: Names): string {
  return Object.entries(event.details)
    .filter(([field]) => !SHOWN_ELSEWHERE.has(field))
    .map(([field, value]) => {
      if (field === 'new_key_id' && typeof value === 'string') return `replaced by ${keyName(value, names)}`;
      if (field === 'grace_period_seconds' && typeof value === 'number') return `grace period ${value / 3600} h`;
      if (field === 'expires_at') return value === null ? 'never expires' : `expires ${when(String(value))}`;
      return `${field.replace(/_/g, ' ')}: ${Array.isArray(value) ? value.join(', ') : String(value)}`;
    })
    .join('; ');
}
