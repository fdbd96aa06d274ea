import type { UsageReport } from '@agent-memory/sdk';
import { useMemo, useState } from 'preact/hooks';
import { DailyChart, type Series } from '../chart';
import { useConsole } from '../context';
import { ErrorBox, Loading } from '../error-box';
import { Time, when } from '../format';
import { useLoad } from '../load';

const DAYS = 30;
/** The chart stacks the busiest keys; the rest share one series. */
const KEYS_CHARTED = 7;

/** One request per view (`GET /v1/usage/daily`): the month's credits and each key's requests per day. */
export function UsagePage() {
  const { client } = useConsole();
  const report = useLoad(() => client.usageReport({ days: DAYS }), [client]);
  if (report.state.status === 'loading') return <Loading what="usage" />;
  if (report.state.status === 'error') return <ErrorBox error={report.state.error} onRetry={report.reload} />;
  return (
    <>
      <ThisMonth report={report.state.data} />
      <Requests report={report.state.data} />
    </>
  );
}

function ThisMonth({ report }: { report: UsageReport }) {
  const { credits, rate_limit, keys, tier, period } = report.usage;
  const share = credits.limit ? Math.min(1, credits.used / credits.limit) : 0;
  return (
    <section class="card">
      <h2>This month</h2>
      <div class="credits">
        <div class="row spread">
          <strong>
            {credits.used.toLocaleString()} of {credits.limit === null ? 'unlimited' : credits.limit.toLocaleString()} credits used
          </strong>
          <span class="muted">
            Resets <Time iso={period.end} /> ({when(period.end)})
          </span>
        </div>
        {credits.limit !== null && (
          <div
            class={`bar ${share >= 0.9 ? 'high' : ''}`}
            role="progressbar"
            aria-label="Credits used this month"
            aria-valuemin={0}
            aria-valuemax={credits.limit}
            aria-valuenow={credits.used}
          >
            <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
          </div>
        )}
        <p class="muted">Memory requests spend one credit each, live and test alike; key management and this page spend none.</p>
      </div>
      <div class="stats">
        <Stat label="Credits remaining" value={credits.remaining ?? 'Unlimited'} />
        <Stat label="Requests per minute" value={rate_limit.requests_per_minute} />
        <Stat label="Active keys" value={`${keys.active} of ${keys.limit ?? '∞'}`} />
        <Stat label="Tier" value={tier} />
      </div>
    </section>
  );
}

function Requests({ report }: { report: UsageReport }) {
  const [selected, setSelected] = useState('all');
  const series: Series[] = useMemo(() => {
    const busiest = [...report.keys].filter((key) => key.total > 0).sort((a, b) => b.total - a.total);
    if (selected !== 'all')
      return busiest.filter((key) => key.id === selected).map((key) => ({ label: `${key.name} (${key.start}…)`, values: key.requests }));
    const shown = busiest.slice(0, KEYS_CHARTED).map((key) => ({ label: `${key.name} (${key.start}…)`, values: key.requests }));
    const rest = busiest.slice(KEYS_CHARTED);
    if (rest.length === 0) return shown;
    return [
      ...shown,
      {
        label: `${rest.length} other keys`,
        values: report.days.map((_, day) => rest.reduce((sum, key) => sum + (key.requests[day] ?? 0), 0)),
      },
    ];
  }, [report, selected]);
  const total = series.reduce((sum, item) => sum + item.values.reduce((a, b) => a + b, 0), 0);
  return (
    <section class="card">
      <div class="row spread">
        <h2>
          Requests, last {DAYS} days <span class={`badge ${report.environment}`}>{report.environment}</span>
        </h2>
        <div>
          <label for="usage-key">Show</label>
          <select id="usage-key" value={selected} onChange={(event) => setSelected(event.currentTarget.value)}>
            <option value="all">All {report.environment} keys</option>
            {report.keys.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name} ({key.start}…)
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="muted" data-testid="usage-total">
        {total.toLocaleString()} {total === 1 ? 'request' : 'requests'}{' '}
        {selected === 'all' ? `with your ${report.environment} keys` : 'with this key'}
      </p>
      {total > 0 ? (
        <DailyChart days={report.days} series={series} label={`Requests per day over the last ${DAYS} days: ${total} in total`} />
      ) : (
        <p class="empty" data-testid="usage-empty">
          {report.keys.length === 0
            ? `No ${report.environment} keys yet: create one, and its requests show here.`
            : `No requests in the last ${DAYS} days.`}
        </p>
      )}
    </section>
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
