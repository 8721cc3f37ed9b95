// Persona profile. Owners also see kind, visibility and AI settings, and can edit or delete.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { isResourceId } from '../api/ids';
import { useQuery, useQueryCache } from '../data/query';
import { PersonaGamePanel } from '../games/PersonaGamePanel';
import { useApi, useMe } from '../session/SessionProvider';
import { Avatar } from '../ui/Avatar';
import { Bar } from '../ui/Bar';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorNotice, isNotFound } from '../ui/ErrorNotice';
import { Loading, StatusPage } from '../ui/States';
import { TRAITS } from './personaFields';

export function PersonaNotFound() {
  return (
    <StatusPage title="Persona not found" back={{ to: '/personas', label: 'Browse personas' }}>
      <p>It does not exist, was deleted, or its owner keeps it private.</p>
    </StatusPage>
  );
}

export default function PersonaDetailPage() {
  const { personaId = '' } = useParams();
  return isResourceId(personaId) ? <PersonaProfile personaId={personaId} /> : <PersonaNotFound />;
}

function PersonaProfile({ personaId }: { personaId: string }) {
  const api = useApi();
  const { me, refresh } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const cache = useQueryCache();
  const {
    data: persona,
    error,
    reload,
  } = useQuery(['persona', personaId], (signal) => api.getPersona(personaId, signal));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);

  if (isNotFound(error)) return <PersonaNotFound />;
  if (error) {
    return (
      <div className="page page--narrow">
        <ErrorNotice error={error} title="Could not load this persona" onRetry={() => void reload()} />
        <Link to="/personas">Back to personas</Link>
      </div>
    );
  }
  if (!persona) return <Loading label="Loading persona…" />;

  // Only the owner's (or an admin's) view carries a version; it is the signal that editing is allowed.
  const canManage =
    persona.version !== undefined && (persona.ownerId === me?.user.id || me?.user.role === 'admin');

  const remove = async () => {
    setDeleting(true);
    try {
      await api.deletePersona(persona.id);
      void cache.invalidate(['personas']);
      await refresh();
      navigate('/personas', { replace: true });
    } catch (err) {
      setDeleteError(err);
      setConfirmDelete(false);
    } finally {
      setDeleting(false);
    }
  };

  const traits = persona.personality?.traits ?? {};
  return (
    <div className="page page--narrow">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/personas">Personas</Link>
      </nav>
      {flash && (
        <p className="notice notice--success" role="status">
          {flash}
        </p>
      )}
      <header className="profile">
        <Avatar name={persona.name} url={persona.avatarUrl} size={88} />
        <div className="profile__text">
          <h1>{persona.name}</h1>
          <div className="profile__badges">
            {persona.kind && (
              <span className={`badge badge--${persona.kind}`}>{persona.kind === 'ai' ? 'AI' : 'Human'}</span>
            )}
            {persona.visibility && (
              <span className="badge badge--muted">
                {persona.visibility === 'private' ? 'Private' : 'Public'}
              </span>
            )}
            {persona.ownerId === null && persona.kind && (
              <span className="badge badge--muted">House persona</span>
            )}
            {persona.communicationStyle && (
              <span className="tag tag--style">{persona.communicationStyle}</span>
            )}
          </div>
        </div>
      </header>
      <div className="profile__actions">
        <Link className="btn btn--primary" to={`/conversations/new?with=${persona.id}`}>
          Start a conversation
        </Link>
        {canManage && (
          <>
            <Link className="btn" to={`/personas/${persona.id}/edit`}>
              Edit
            </Link>
            <button type="button" className="btn btn--danger-ghost" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          </>
        )}
      </div>
      {deleteError != null && (
        <ErrorNotice
          error={deleteError}
          title={
            deleteError instanceof ApiError && deleteError.status === 409
              ? 'Not deleted yet: end its active conversations first.'
              : 'Could not delete'
          }
        />
      )}

      <section className="card section">
        <h2>About</h2>
        <p className="prewrap">{persona.description || 'No description yet.'}</p>
        {persona.personality?.summary && <p className="prewrap muted">{persona.personality.summary}</p>}
      </section>

      <section className="card section">
        <h2>Personality</h2>
        <dl className="trait-bars">
          {TRAITS.filter((trait) => typeof traits[trait] === 'number').map((trait) => (
            <div key={trait} className="trait-bar">
              <dt>{trait}</dt>
              <dd>
                <Bar share={(traits[trait] ?? 0) / 100} />
                <span>
                  {traits[trait]}
                  <span className="visually-hidden"> of 100</span>
                </span>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card section">
        <h2>Knowledge</h2>
        {persona.knowledge.length === 0 ? (
          <p className="muted">No topics listed.</p>
        ) : (
          <ul className="tag-list">
            {persona.knowledge.map((item) => (
              <li key={item} className="tag">
                {item}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage && persona.kind === 'ai' && <PersonaGamePanel personaId={persona.id} />}

      {persona.ai && (
        <section className="card section">
          <h2>AI settings</h2>
          <p className="muted">Visible to you only.</p>
          <dl className="kv">
            <dt>Model</dt>
            <dd>{persona.ai.model}</dd>
            <dt>Temperature</dt>
            <dd>{persona.ai.temperature}</dd>
            <dt>Max tokens</dt>
            <dd>{persona.ai.maxTokens}</dd>
            <dt>Typing speed</dt>
            <dd>{persona.ai.typingWpm} wpm</dd>
            <dt>Talkativeness</dt>
            <dd>{persona.ai.talkativeness}</dd>
            <dt>System prompt</dt>
            <dd className="prewrap">
              {persona.ai.systemPrompt || <span className="muted">Generated from the personality</span>}
            </dd>
          </dl>
        </section>
      )}

      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${persona.name}?`}
          confirmLabel="Delete persona"
          danger
          busy={deleting}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>It disappears from the directory and from new conversations. Past messages keep its name.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
