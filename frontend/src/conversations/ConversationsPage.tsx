// The caller's conversations with a status filter, last activity and "load more".
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Conversation, ConversationStatus } from '../api/types';
import { useApi } from '../session/SessionProvider';
import { Avatar } from '../ui/Avatar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatRelative } from '../ui/format';
import { EmptyState, LoadMore, SkeletonList } from '../ui/States';

const FILTERS: { value: ConversationStatus | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'ended', label: 'Ended' },
];

export default function ConversationsPage() {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: ConversationStatus | '' = raw === 'active' || raw === 'ended' ? raw : '';
  const [items, setItems] = useState<Conversation[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the query on "try again"
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api.listConversations({ status }).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, status, attempt]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.listConversations({ status, cursor });
      setItems((current) => {
        const seen = new Set(current.map((item) => item.id));
        return [...current, ...page.items.filter((item) => !seen.has(item.id))];
      });
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1>Conversations</h1>
          <p className="muted">Talk, then guess: who here is human?</p>
        </div>
        <Link className="btn btn--primary" to="/conversations/new">
          New conversation
        </Link>
      </div>
      <fieldset className="segmented-tabs">
        <legend className="visually-hidden">Filter by status</legend>
        {FILTERS.map((filter) => (
          <button
            key={filter.label}
            type="button"
            className={status === filter.value ? 'tab tab--on' : 'tab'}
            aria-pressed={status === filter.value}
            onClick={() => setParams(filter.value ? { status: filter.value } : {}, { replace: true })}
          >
            {filter.label}
          </button>
        ))}
      </fieldset>
      {error != null && (
        <ErrorNotice
          error={error}
          title="Could not load conversations"
          onRetry={() => setAttempt((n) => n + 1)}
        />
      )}
      {loading ? (
        <SkeletonList rows={4} />
      ) : items.length === 0 && error == null ? (
        <EmptyState title={status ? `No ${status} conversations` : 'No conversations yet'} icon="chat">
          <p>Start one with a few personas and see who sounds human.</p>
          <Link className="btn btn--primary" to="/conversations/new">
            Start a conversation
          </Link>
        </EmptyState>
      ) : (
        <>
          <ul className="conversation-list">
            {items.map((conversation) => (
              <ConversationRow key={conversation.id} conversation={conversation} />
            ))}
          </ul>
          <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
        </>
      )}
    </div>
  );
}

function ConversationRow({ conversation }: { conversation: Conversation }) {
  const shown = conversation.participants.slice(0, 4);
  return (
    <li className="card conversation-row">
      <Link to={`/conversations/${conversation.id}`} className="conversation-row__link">
        <div className="avatar-stack" aria-hidden="true">
          {shown.map((participant) => (
            <Avatar
              key={participant.personaId}
              name={participant.name}
              url={participant.avatarUrl}
              size={34}
            />
          ))}
        </div>
        <div className="conversation-row__text">
          <div className="conversation-row__title">
            <span>{conversation.title}</span>
            {conversation.status === 'ended' ? (
              <span className="badge badge--muted">Ended</span>
            ) : (
              <span className="badge badge--live">Active</span>
            )}
          </div>
          <p className="conversation-row__meta">
            {conversation.participants.map((participant) => participant.name).join(', ')}
          </p>
        </div>
        <div className="conversation-row__when">
          <span>{formatRelative(conversation.lastMessageAt ?? conversation.createdAt)}</span>
          <span className="muted">{conversation.messageCount} msgs</span>
        </div>
      </Link>
    </li>
  );
}
