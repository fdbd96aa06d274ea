import type { ApiKey, Usage } from '@agent-memory/sdk';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DailyChart, type Series } from '../chart';
import { useConsole, useFailure } from '../context';
import { ErrorBox } from '../error-box';

const DAYS = 30;
/** Each key's history is one request (one credit); the chart shows the most recent keys. */
const KEYS_CHARTED = 8;

interface KeyHistory {
  readonly key: ApiKey;
  readonly requests: readonly number[];
}

export function UsagePage() {
  const { client } = useConsole();
  const [usage, setUsage] = useState<Usage | null>(null);
  const [days, setDays] = useState<string[]>([]);
  const [histories, setHistories] = useState<KeyHistory[]>([]);
  const [selected, setSelected] = useState('all');
  const [failure, fail] = useFailure();

  useEffect(() => {
    const load = async () => {
      const [tenant, keys] = await Promise.all([client.usage(), client.keys.list({ limit: KEYS_CHARTED })]);
      const reports = await Promise.all(keys.data.map((key) => client.keys.usage(key.id, { days: DAYS })));
      setUsage(tenant);
      setDays(reports[0]?.days.map((day) => day.date) ?? []);
      setHistories(keys.data.map((key, index) => ({ key, requests: reports[index]?.days.map((day) => day.requests) ?? [] })));
    };
    load().catch(fail);
  }, [client]);

  const series: Series[] = useMemo(
    () =>
      histories
        .filter((history) => selected === 'all' || history.key.id === selected)
        .map((history) => ({ label: history.key.name, values: history.requests })),
    [histories, selected],
  );
  const total = series.reduce((sum, item) => sum + item.values.reduce((a, b) => a + b, 0), 0);

  return (
    <>
      <ErrorBox error={failure} />
      <section class="card">
        <h2>This month</h2>
        {usage ? (
          <div class="stats">
            <Stat label="Credits used" value={usage.credits.used} />
            <Stat label="Credits remaining" value={usage.credits.remaining ?? 'Unlimited'} />
            <Stat label="Monthly credits" value={usage.credits.limit ?? 'Unlimited'} />
            <Stat label="Requests per minute" value={usage.rate_limit.requests_per_minute} />
            <Stat label="Active keys" value={`${usage.keys.active} of ${usage.keys.limit ?? '∞'}`} />
            <Stat label="Tier" value={usage.tier} />
          </div>
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>
      <section class="card">
        <div class="row">
          <h2>Requests, last {DAYS} days</h2>
          <div>
            <label for="usage-key">Show</label>
            <select id="usage-key" value={selected} onChange={(event) => setSelected((event.currentTarget as HTMLSelectElement).value)}>
              <option value="all">All keys (tenant)</option>
              {histories.map((history) => (
                <option key={history.key.id} value={history.key.id}>
                  {history.key.name} ({history.key.start}…)
                </option>
              ))}
            </select>
          </div>
        </div>
        <p class="muted" data-testid="usage-total">
          {total} requests with {selected === 'all' ? `your ${histories.length} most recent keys` : 'this key'}
        </p>
        {days.length > 0 ? (
          <DailyChart days={days} series={series} label={`Requests per day over the last ${DAYS} days: ${total} in total`} />
        ) : (
          <p class="muted">No keys yet: create one to see its requests here.</p>
        )}
      </section>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <div class="stat">
      <span class="muted">{label}</span>
      <strong>{typeof value === 'number' ? value.toLocaleString() : value}</strong>
    </div>
  );
}
