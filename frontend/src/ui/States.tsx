// Loading, empty and whole-page states (not found, forbidden) shared by every screen.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Icon, type IconName } from './icons';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  title,
  children,
  icon = 'chat',
}: {
  title: string;
  children?: ReactNode;
  icon?: IconName;
}) {
  return (
    <div className="empty">
      <div className="empty__icon">
        <Icon name={icon} size={28} />
      </div>
      <h2 className="empty__title">{title}</h2>
      {children && <div className="empty__body">{children}</div>}
    </div>
  );
}

/**
 * A page that is a state rather than a failure (nothing here, not yours): says so calmly, with the way on,
 * and never an error box or a request id, because there is nothing to report or retry.
 */
export function StatusPage({
  title,
  icon = 'question',
  children,
  back = { to: '/conversations', label: 'Go to your conversations' },
}: {
  title: string;
  icon?: IconName;
  children: ReactNode;
  back?: { to: string; label: string };
}) {
  return (
    <div className="page page--narrow status-page">
      <div className="empty">
        <div className="empty__icon">
          <Icon name={icon} size={28} />
        </div>
        <h1 className="empty__title">{title}</h1>
        <div className="empty__body">{children}</div>
        <Link className="btn btn--primary" to={back.to}>
          {back.label}
        </Link>
      </div>
    </div>
  );
}

export function SkeletonList({ rows = 4 }: { rows?: number }) {
  return (
    <ul className="skeleton-list" aria-hidden="true">
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <li key={index} className="skeleton" />
      ))}
    </ul>
  );
}

/** The "Load more" button under a cursor-paged list; absent when there is no next page. */
export function LoadMore({
  cursor,
  loading,
  onLoad,
}: {
  cursor: string | null;
  loading: boolean;
  onLoad: () => void;
}) {
  if (!cursor) return null;
  return (
    <div className="load-more">
      <button type="button" className="btn" onClick={onLoad} disabled={loading}>
        {loading ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
