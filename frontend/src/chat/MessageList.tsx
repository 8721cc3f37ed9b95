// The scrolling message log. New messages scroll into view only when you are already at the bottom
// (or sent them yourself); while you read history a "new messages" button appears instead. Scrolling
// near the top loads older pages without moving what you are looking at.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Message, Participant } from '../api/types';
import { Avatar } from '../ui/Avatar';
import { dayLabel, formatDateTime, formatTime } from '../ui/format';
import type { PendingMessage } from './timeline';

const NEAR_BOTTOM_PX = 96;
const LOAD_OLDER_PX = 160;
const GROUP_WINDOW_MS = 5 * 60_000;

type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'stored'; key: string; message: Message; first: boolean }
  | { kind: 'pending'; key: string; message: PendingMessage; first: boolean };

function buildRows(messages: Message[], pending: PendingMessage[]): Row[] {
  const rows: Row[] = [];
  let lastDay = '';
  let lastAuthor: string | null = null;
  let lastTime = 0;
  const push = (authorId: string | null, createdAt: string, make: (first: boolean) => Row) => {
    const day = dayLabel(createdAt);
    if (day !== lastDay) {
      rows.push({ kind: 'day', key: `day-${createdAt}`, label: day });
      lastDay = day;
      lastAuthor = null;
    }
    const time = new Date(createdAt).getTime();
    const first = authorId === null || authorId !== lastAuthor || time - lastTime > GROUP_WINDOW_MS;
    rows.push(make(first));
    lastAuthor = authorId;
    lastTime = time;
  };
  for (const message of messages) {
    const author = message.kind === 'system' ? null : message.personaId;
    push(author, message.createdAt, (first) => ({ kind: 'stored', key: message.id, message, first }));
  }
  for (const message of pending) {
    push(message.personaId, message.createdAt, (first) => ({
      kind: 'pending',
      key: message.clientMessageId,
      message,
      first,
    }));
  }
  return rows;
}

export function MessageList({
  messages,
  pending,
  participants,
  speakerIds,
  ownAiIds,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  onRetry,
  onDiscard,
}: {
  messages: Message[];
  pending: PendingMessage[];
  participants: Participant[];
  /** Personas the caller writes as: their messages sit on the right. */
  speakerIds: ReadonlySet<string>;
  /** The caller's own AI personas: labelled for the owner, laid out like everyone else. */
  ownAiIds: ReadonlySet<string>;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
}) {
  const scrollerRef = useRef<HTMLElement>(null);
  const nearBottom = useRef(true);
  const previous = useRef<{ firstKey?: string; lastKey?: string }>({});
  const [unseen, setUnseen] = useState(0);
  // Height of the log as it is on screen now, before this render is committed (for prepends).
  const heightBefore = useRef(0);
  heightBefore.current = scrollerRef.current?.scrollHeight ?? 0;
  const byPersona = new Map(participants.map((participant) => [participant.personaId, participant]));
  const rows = buildRows(messages, pending);

  const firstKey = messages[0]?.id;
  const last = pending[pending.length - 1] ?? messages[messages.length - 1];
  const lastKey =
    pending.length > 0 ? pending[pending.length - 1]!.clientMessageId : messages[messages.length - 1]?.id;
  const lastIsMine = pending.length > 0 || Boolean(last?.personaId && speakerIds.has(last.personaId));

  useLayoutEffect(() => {
    const element = scrollerRef.current;
    if (!element) return;
    const before = previous.current;
    if (before.firstKey && firstKey !== before.firstKey && lastKey === before.lastKey) {
      // Older messages were prepended: keep the reader's place.
      element.scrollTop += element.scrollHeight - heightBefore.current;
    } else if (lastKey !== before.lastKey) {
      if (!before.lastKey || nearBottom.current || lastIsMine) {
        element.scrollTop = element.scrollHeight;
        nearBottom.current = true;
        setUnseen(0);
      } else {
        setUnseen((count) => count + 1);
      }
    }
    previous.current = { firstKey, lastKey };
  }, [firstKey, lastKey, lastIsMine]);

  // History too short to scroll cannot trigger the scroll handler; fetch more until it can.
  useLayoutEffect(() => {
    const element = scrollerRef.current;
    if (element && hasOlder && !loadingOlder && element.scrollHeight <= element.clientHeight) onLoadOlder();
  }, [hasOlder, loadingOlder, onLoadOlder]);

  const onScroll = useCallback(() => {
    const element = scrollerRef.current;
    if (!element) return;
    nearBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    if (nearBottom.current) setUnseen(0);
    if (element.scrollTop < LOAD_OLDER_PX && hasOlder && !loadingOlder) onLoadOlder();
  }, [hasOlder, loadingOlder, onLoadOlder]);

  const jumpToLatest = () => {
    const element = scrollerRef.current;
    if (!element) return;
    element.scrollTo({ top: element.scrollHeight, behavior: 'smooth' });
    nearBottom.current = true;
    setUnseen(0);
  };

  return (
    <div className="messages-wrap">
      {/* Focusable so keyboard users can scroll the history with the arrow keys. */}
      <section
        className="messages"
        ref={scrollerRef}
        onScroll={onScroll}
        data-testid="message-scroller"
        aria-label="Conversation history"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        <div className="messages__older">
          {hasOlder ? (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={onLoadOlder}
              disabled={loadingOlder}
            >
              {loadingOlder ? 'Loading older messages…' : 'Load older messages'}
            </button>
          ) : (
            messages.length > 0 && <span className="messages__start">Start of the conversation</span>
          )}
        </div>
        {/* The log role sits on a wrapper: on the <ol> itself it would stop the items being list items. */}
        <div role="log" aria-label="Messages" aria-live="polite">
          <ol className="messages__list">
            {rows.map((row) => {
              if (row.kind === 'day') {
                return (
                  <li key={row.key} className="day-divider" aria-hidden="true">
                    <span>{row.label}</span>
                  </li>
                );
              }
              const message = row.message;
              if (row.kind === 'stored' && row.message.kind === 'system') {
                return (
                  <li key={row.key} className="message message--system">
                    {row.message.content}
                  </li>
                );
              }
              const author = message.personaId ? byPersona.get(message.personaId) : undefined;
              const name = message.personaName ?? author?.name ?? 'Unknown';
              const mine =
                row.kind === 'pending' || Boolean(message.personaId && speakerIds.has(message.personaId));
              const ownAi = Boolean(message.personaId && ownAiIds.has(message.personaId));
              const pendingState = row.kind === 'pending' ? row.message : null;
              const classes = [
                'message',
                mine ? 'message--mine' : '',
                row.first ? 'message--first' : '',
                pendingState ? `message--${pendingState.status}` : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <li
                  key={row.key}
                  className={classes}
                  data-testid={pendingState ? 'pending-message' : 'message'}
                >
                  <div className="message__avatar">
                    {row.first && (
                      <Avatar
                        name={name}
                        url={author?.avatarUrl ?? (row.kind === 'stored' ? row.message.avatarUrl : null)}
                        size={36}
                      />
                    )}
                  </div>
                  <div className="message__main">
                    {row.first && (
                      <div className="message__meta">
                        <span className="message__author">{name}</span>
                        {ownAi && <span className="badge badge--ai">your AI</span>}
                        <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
                          {formatTime(message.createdAt)}
                        </time>
                      </div>
                    )}
                    <div className="message__bubble">
                      {!row.first && <span className="visually-hidden">{name}: </span>}
                      {message.content}
                    </div>
                    {pendingState?.status === 'sending' && <div className="message__status">Sending…</div>}
                    {pendingState?.status === 'failed' && (
                      <div className="message__status message__status--failed" role="alert">
                        <span>Not sent: {pendingState.error}</span>
                        {pendingState.retryable && (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => onRetry(pendingState.clientMessageId)}
                          >
                            Retry
                          </button>
                        )}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onDiscard(pendingState.clientMessageId)}
                        >
                          Discard
                        </button>
                      </div>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      </section>
      {unseen > 0 && (
        <button type="button" className="new-messages" onClick={jumpToLatest}>
          New messages ↓
        </button>
      )}
    </div>
  );
}
