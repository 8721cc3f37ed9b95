// Your personas, then the public directory (without yours, which are listed above) with search, style /
// knowledge filters and "load more".
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Persona } from '../api/types';
import { usePagedQuery } from '../data/query';
import { useApi, useMe } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { EmptyState, LoadMore, SkeletonList } from '../ui/States';
import { PersonaCard } from './PersonaCard';
import { STYLE_SUGGESTIONS } from './personaFields';

const SEARCH_DELAY_MS = 300;

export default function PersonasPage() {
  const { me, loading: meLoading } = useMe();
  const mine = me?.personas ?? [];
  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1>Personas</h1>
          <p className="muted">Characters you can talk with — some are people, some are AI.</p>
        </div>
        <Link className="btn btn--primary" to="/personas/new">
          New persona
        </Link>
      </div>
      <section aria-labelledby="mine-heading" className="section">
        <h2 id="mine-heading">Yours</h2>
        {meLoading && !me ? (
          <SkeletonList rows={2} />
        ) : mine.length === 0 ? (
          <p className="muted">
            You have no personas yet. <Link to="/personas/new">Create one</Link> to join conversations.
          </p>
        ) : (
          <ul className="card-grid">
            {mine.map((persona) => (
              <PersonaCard key={persona.id} persona={persona} />
            ))}
          </ul>
        )}
      </section>
      <Directory mine={mine} />
    </div>
  );
}

function Directory({ mine }: { mine: Persona[] }) {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const style = params.get('style') ?? '';
  const knowledge = params.get('knowledge') ?? '';
  const [search, setSearch] = useState(q);
  const list = usePagedQuery(['personas', q, style, knowledge], (cursor, signal) =>
    api.listPersonas(
      { q: q || undefined, style: style || undefined, knowledge: knowledge || undefined, cursor },
      signal,
    ),
  );
  const { items, error } = list;

  const setFilter = useCallback(
    (key: string, value: string) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // Debounce typing into the search box before it becomes a query.
  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => setFilter('q', search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, q, setFilter]);

  const filtered = Boolean(q || style || knowledge);
  const mineIds = new Set(mine.map((persona) => persona.id));
  const others = items.filter((persona) => !mineIds.has(persona.id));
  // Styles are free text; suggest the ones personas actually use, plus a few common ones.
  const styleOptions = [
    ...new Set([...items.map((persona) => persona.communicationStyle), ...STYLE_SUGGESTIONS]),
  ]
    .filter(Boolean)
    .sort();
  return (
    <section aria-labelledby="browse-heading" className="section">
      <h2 id="browse-heading">Browse</h2>
      <search>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <label className="filters__search">
            <span className="visually-hidden">Search personas</span>
            <input
              type="search"
              placeholder="Search by name or description"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </label>
          <label>
            <span className="filters__label">Style</span>
            <input
              key={`style-${style}`}
              list="style-filter-options"
              defaultValue={style}
              placeholder="Any style"
              onKeyDown={(event) => {
                if (event.key === 'Enter') setFilter('style', event.currentTarget.value.trim());
              }}
              onBlur={(event) => setFilter('style', event.currentTarget.value.trim())}
            />
            <datalist id="style-filter-options">
              {styleOptions.map((option) => (
                <option key={option} value={option} />
              ))}
            </datalist>
          </label>
          <label>
            <span className="filters__label">Knows about</span>
            <input
              defaultValue={knowledge}
              placeholder="e.g. jazz"
              onKeyDown={(event) => {
                if (event.key === 'Enter') setFilter('knowledge', event.currentTarget.value.trim());
              }}
              onBlur={(event) => setFilter('knowledge', event.currentTarget.value.trim())}
            />
          </label>
        </form>
      </search>
      {error != null && (
        <ErrorNotice error={error} title="Could not load personas" onRetry={() => void list.retry()} />
      )}
      {list.loading ? (
        <SkeletonList rows={4} />
      ) : others.length === 0 && error == null ? (
        <EmptyState title={filtered ? 'No personas match' : 'No public personas yet'} icon="search">
          {filtered ? (
            <p>Try a different search or clear the filters.</p>
          ) : (
            <p>
              Nobody else has a public persona yet. <Link to="/personas/new">Create one</Link>, or ask an
              admin to add the demo personas.
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <ul className="card-grid" aria-busy={list.loadingMore}>
            {others.map((persona) => (
              <PersonaCard key={persona.id} persona={persona} />
            ))}
          </ul>
          <LoadMore
            cursor={list.data?.nextCursor ?? null}
            loading={list.loadingMore}
            onLoad={list.loadMore}
          />
        </>
      )}
    </section>
  );
}
