// The caller's conversations with a status filter, last activity and "load more"; a one-tap quick start.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Conversation, ConversationStatus } from '../api/types';
import { usePagedQuery } from '../data/query';
import { useApi, useMe } from '../session/SessionProvider';
import { Avatar } from '../ui/Avatar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatRelative } from '../ui/format';
import { EmptyState, LoadMore, SkeletonList } from '../ui/States';
import { NobodyToTalkTo, quickStart } from './quickStart';

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
  const list = usePagedQuery(['conversations', status], (cursor, signal) =>
    api.listConversations({ status: status || undefined, cursor }, signal),
  );
  const { items, error } = list;

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1>Conversations</h1>
          <p className="muted">Talk, then guess: who here is human?</p>
        </div>
        <QuickStartButtons />
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
        <ErrorNotice error={error} title="Could not load conversations" onRetry={() => void list.retry()} />
      )}
      {list.loading ? (
        <SkeletonList rows={4} />
      ) : items.length === 0 && error == null ? (
        <EmptyState title={status ? `No ${status} conversations` : 'No conversations yet'} icon="chat">
          <p>
            {status
              ? 'Nothing here with this filter. Show all conversations, or start a new one.'
              : 'Tap “New chat” and two personas join you at once — some are people, some are AI. Or choose who yourself.'}
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="conversation-list">
            {items.map((conversation) => (
              <ConversationRow key={conversation.id} conversation={conversation} />
            ))}
          </ul>
          <LoadMore
            cursor={list.data?.nextCursor ?? null}
            loading={list.loadingMore}
            onLoad={list.loadMore}
          />
        </>
      )}
    </div>
  );
}

/** "New chat" starts one at once with sensible defaults; "Choose who" opens the full form. */
function QuickStartButtons() {
  const api = useApi();
  const { me, refresh } = useMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const start = async () => {
    if (!me) return;
    setBusy(true);
    setError(null);
    try {
      const conversation = await quickStart(api, me, refresh);
      navigate(`/conversations/${conversation.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="quick-start">
      <div className="button-row">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void start()}
          disabled={busy || !me}
        >
          {busy ? 'Starting…' : 'New chat'}
        </button>
        <Link className="btn" to="/conversations/new">
          Choose who
        </Link>
      </div>
      {error instanceof NobodyToTalkTo ? (
        <p className="field__error" role="alert">
          Nobody to talk to yet. <Link to="/personas/new">Create a persona</Link> others can invite.
        </p>
      ) : (
        error != null && <ErrorNotice error={error} title="Could not start a chat" compact />
      )}
    </div>
  );
}

function ConversationRow({ conversation }: { conversation: Conversation }) {
  // One face (someone else's) and a count: overlapping stacks clip each other's initials on a phone.
  const face =
    conversation.participants.find((participant) => !participant.isMine) ?? conversation.participants[0];
  const more = conversation.participants.length - 1;
  return (
    <li className="card conversation-row">
      <Link to={`/conversations/${conversation.id}`} className="conversation-row__link">
        <div className="conversation-row__face" aria-hidden="true">
          {face && <Avatar name={face.name} url={face.avatarUrl} size={40} />}
          {more > 0 && <span className="conversation-row__more">+{more}</span>}
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
