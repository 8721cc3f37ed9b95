// Usage and budget, in plain words: what your AI personas' replies cost today against the daily budget,
// what that budget means, totals so far, and per persona. Tokens and models are folded away for the curious.
import type { ModelUsage, PersonaUsage, UsageTotals } from '../api/types';
import { useQuery } from '../data/query';
import { useApi } from '../session/SessionProvider';
import { Bar } from '../ui/Bar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatCount, formatDateTime, formatUsd } from '../ui/format';
import { EmptyState, Loading } from '../ui/States';

export default function UsagePage() {
  const api = useApi();
  const { data, error, reload: load } = useQuery(['usage'], (signal) => api.usage(signal));
  const reload = () => void load();
  return (
    <div className="page page--narrow">
      <div className="page__head">
        <div>
          <h1>Usage and budget</h1>
          <p className="muted">What the replies of your own AI personas cost.</p>
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
            <Stat label="AI replies today" value={formatCount(data.today.calls)} />
            <Stat label="AI replies so far" value={formatCount(data.allTime.calls)} />
            <Stat label="Spent so far" value={formatUsd(data.allTime.costUsd)} />
          </div>
          <Breakdown
            title="By persona"
            column="Persona"
            rows={data.byPersona}
            labelOf={(row) => row.name ?? (row.personaId ? 'Unnamed persona' : 'Other personas')}
          />
          <details className="card section usage-details">
            <summary>Technical details: models and tokens</summary>
            <p className="muted">
              Models charge per token (roughly ¾ of a word) read and written; this is where the cost comes
              from.
            </p>
            <Breakdown
              title="By model"
              column="Model"
              rows={data.byModel}
              labelOf={(row) => row.model}
              withTokens
            />
          </details>
        </>
      )}
    </div>
  );
}

function BudgetCard({ today }: { today: UsageTotals }) {
  const budget = today.budgetUsd;
  const used = today.costUsd;
  const left = today.remainingUsd;
  const share = budget > 0 ? Math.min(1, used / budget) : 0;
  return (
    <section className="card budget" aria-labelledby="budget-heading">
      <h2 id="budget-heading">Today</h2>
      <p className="budget__numbers">
        <span className="budget__used">{formatUsd(used)}</span>
        <span className="muted"> spent of your {formatUsd(budget)} daily budget</span>
      </p>
      <Bar share={share} tone={share >= 0.9 ? 'danger' : share >= 0.7 ? 'warning' : 'accent'} />
      <p className="visually-hidden">{`${Math.round(share * 100)}% of today's budget used`}</p>
      <p>
        {formatUsd(left)} left, starting again at {formatDateTime(today.resetsAt)}.
      </p>
      <h3 className="budget__what">What the budget means</h3>
      <p className="muted">
        Each reply one of your AI personas writes is paid from this daily budget. When it is used up, your AI
        personas stay quiet until it starts again. Talking with personas other people made never costs you
        anything.
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

function Breakdown<Row extends ModelUsage | PersonaUsage>({
  title,
  column,
  rows,
  labelOf,
  withTokens = false,
}: {
  title: string;
  column: string;
  rows: Row[];
  labelOf: (row: Row) => string;
  withTokens?: boolean;
}) {
  return (
    <section className={withTokens ? 'section' : 'card section'}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <EmptyState title="Nothing yet" icon="chart">
          <p>Costs appear here once one of your AI personas replies in a conversation.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{column}</th>
                <th scope="col" className="num">
                  Replies
                </th>
                {withTokens && (
                  <th scope="col" className="num">
                    Tokens
                  </th>
                )}
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
                  {withTokens && <td className="num">{formatCount(row.inputTokens + row.outputTokens)}</td>}
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
