// The caller's AI usage: today's spend against the daily budget, all-time totals, by model and persona.
import type { UsageBreakdown, UsageTotals } from '../api/types';
import { useApi } from '../session/SessionProvider';
import { Bar } from '../ui/Bar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatCount, formatDateTime, formatUsd } from '../ui/format';
import { EmptyState, Loading } from '../ui/States';
import { useAsync } from '../ui/useAsync';

export default function UsagePage() {
  const api = useApi();
  const { data, error, reload } = useAsync(() => api.usage(), 'usage');
  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1>Usage</h1>
          <p className="muted">AI replies you trigger are charged to you, within a daily budget.</p>
        </div>
        <button type="button" className="btn btn--ghost" onClick={reload}>
          Refresh
        </button>
      </div>
      {error != null ? (
        <ErrorNotice error={error} title="Could not load usage" onRetry={reload} />
      ) : !data ? (
        <Loading label="Loading usage…" />
      ) : (
        <>
          <BudgetCard today={data.today} />
          <div className="stat-grid">
            <Stat label="Calls today" value={formatCount(data.today.calls)} />
            <Stat
              label="Tokens today"
              value={formatCount((data.today.inputTokens ?? 0) + (data.today.outputTokens ?? 0))}
            />
            <Stat label="Calls, all time" value={formatCount(data.allTime?.calls)} />
            <Stat label="Cost, all time" value={formatUsd(data.allTime?.costUsd)} />
          </div>
          <Breakdown title="By model" rows={data.byModel ?? []} labelOf={(row) => row.model ?? 'unknown'} />
          <Breakdown
            title="By persona"
            rows={data.byPersona ?? []}
            labelOf={(row) =>
              row.name ?? row.personaName ?? (row.personaId ? 'Unnamed persona' : 'Other personas')
            }
          />
        </>
      )}
    </div>
  );
}

function BudgetCard({ today }: { today: UsageTotals }) {
  const budget = today.budgetUsd ?? 0;
  const used = today.costUsd ?? 0;
  const share = budget > 0 ? Math.min(1, used / budget) : 0;
  return (
    <section className="card budget" aria-labelledby="budget-heading">
      <h2 id="budget-heading">Today</h2>
      <div className="budget__numbers">
        <span className="budget__used">{formatUsd(used)}</span>
        <span className="muted"> of {formatUsd(budget)} daily budget</span>
      </div>
      <Bar share={share} tone={share >= 0.9 ? 'danger' : share >= 0.7 ? 'warning' : 'accent'} />
      <p className="visually-hidden">{`${Math.round(share * 100)}% of today's budget used`}</p>
      <p className="muted">
        {formatUsd(today.remainingUsd ?? Math.max(0, budget - used))} left
        {today.resetsAt ? ` · resets ${formatDateTime(today.resetsAt)}` : ''}
      </p>
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="card stat">
      <span className="stat__value">{value}</span>
      <span className="stat__label">{label}</span>
    </div>
  );
}

function Breakdown({
  title,
  rows,
  labelOf,
}: {
  title: string;
  rows: UsageBreakdown[];
  labelOf: (row: UsageBreakdown) => string;
}) {
  return (
    <section className="card section">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <EmptyState title="Nothing yet" icon="chart">
          <p>Usage appears here once AI personas reply in your conversations.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{title.replace('By ', '')}</th>
                <th scope="col" className="num">
                  Calls
                </th>
                <th scope="col" className="num">
                  Tokens
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={labelOf(row)}>
                  <th scope="row">{labelOf(row)}</th>
                  <td className="num">{formatCount(row.calls)}</td>
                  <td className="num">{formatCount((row.inputTokens ?? 0) + (row.outputTokens ?? 0))}</td>
                  <td className="num">{formatUsd(row.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
