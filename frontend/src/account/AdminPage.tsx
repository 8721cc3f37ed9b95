// Admin tools: database status, apply migrations, seed demo data. The route is only offered to admins
// and the API enforces the role regardless.
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useQuery } from '../data/query';
import { useApi, useMe } from '../session/SessionProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading, StatusPage } from '../ui/States';

/** Admin answers are shown key by key, whatever their shape. */
type AdminResult = Record<string, unknown>;

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    if (value.every((item) => typeof item !== 'object' || item === null)) return value.join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "pendingMigrations" → "Pending migrations". */
export function labelFor(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function KeyValues({ data }: { data: AdminResult }) {
  const entries = Object.entries(data);
  return (
    <dl className="kv">
      {entries.map(([key, value]) =>
        value && typeof value === 'object' && !Array.isArray(value) ? (
          <div key={key} className="kv__group">
            <dt>{labelFor(key)}</dt>
            <dd>
              <KeyValues data={value as AdminResult} />
            </dd>
          </div>
        ) : (
          <div key={key} className="kv__row">
            <dt>{labelFor(key)}</dt>
            <dd>{renderValue(value)}</dd>
          </div>
        ),
      )}
    </dl>
  );
}

export default function AdminPage() {
  const api = useApi();
  const { me } = useMe();
  const status = useQuery(['admin', 'database-status'], (signal) => api.databaseStatus(signal));
  const reloadStatus = () => void status.reload();
  const [running, setRunning] = useState<'setup' | 'seed' | null>(null);
  const [result, setResult] = useState<{ action: string; data: AdminResult } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirmProduction, setConfirmProduction] = useState(false);

  if (me && me.user.role !== 'admin') {
    return (
      <StatusPage title="Admins only" icon="lock">
        <p>These tools are for the people who run AmIAnAI. Your account is a player account.</p>
      </StatusPage>
    );
  }

  const run = async (action: 'setup' | 'seed', production = false) => {
    setRunning(action);
    setActionError(null);
    setConfirmProduction(false);
    try {
      const data = action === 'setup' ? await api.setupDatabase() : await api.seedDatabase(production);
      setResult({ action: action === 'setup' ? 'Migrations' : 'Seed', data });
      reloadStatus();
    } catch (error) {
      // Production refuses to seed without an explicit confirmation; ask, then send it.
      if (
        action === 'seed' &&
        error instanceof ApiError &&
        error.status === 403 &&
        /confirmProduction/.test(error.message)
      )
        setConfirmProduction(true);
      else setActionError(error);
    } finally {
      setRunning(null);
    }
  };

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1>Admin</h1>
          <p className="muted">Database health and maintenance.</p>
        </div>
      </div>
      <section className="card section" aria-labelledby="db-heading">
        <div className="section__head">
          <h2 id="db-heading">Database status</h2>
          <button type="button" className="btn btn--ghost btn--small" onClick={reloadStatus}>
            Refresh
          </button>
        </div>
        {status.error != null ? (
          <ErrorNotice error={status.error} onRetry={reloadStatus} />
        ) : status.fetching || !status.data ? (
          <Loading label="Checking the database…" />
        ) : (
          <KeyValues data={status.data} />
        )}
      </section>
      <section className="card section" aria-labelledby="maintenance-heading">
        <h2 id="maintenance-heading">Maintenance</h2>
        <p className="muted">
          Both actions are idempotent: running them again changes nothing that is already in place.
        </p>
        <div className="button-row">
          <button type="button" className="btn" onClick={() => void run('setup')} disabled={running !== null}>
            {running === 'setup' ? 'Applying…' : 'Apply migrations'}
          </button>
          <button type="button" className="btn" onClick={() => void run('seed')} disabled={running !== null}>
            {running === 'seed' ? 'Seeding…' : 'Seed demo data'}
          </button>
        </div>
        {actionError != null && <ErrorNotice error={actionError} />}
        {result && (
          <div className="notice notice--success" role="status">
            <div className="notice__body">
              <strong className="notice__title">{result.action} done.</strong>
              <KeyValues data={result.data} />
            </div>
          </div>
        )}
      </section>
      {confirmProduction && (
        <ConfirmDialog
          title="Seed the production database?"
          confirmLabel="Seed production"
          danger
          onConfirm={() => void run('seed', true)}
          onCancel={() => setConfirmProduction(false)}
        >
          <p>This adds the demo personas and conversations to production. Existing data is kept.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
