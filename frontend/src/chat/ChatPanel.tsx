// The live part of a chat, shared by conversations and game rounds: the message log (or its loading, failed
// and empty states), connection notices, errors, who is typing and the composer. Each screen adds its own
// header and puts its own controls in the two slots (`notices` above the typing line, `actions` below it).
import type { ReactNode } from 'react';
import type { Participant } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';
import { Composer, type ComposerPersona } from './Composer';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';
import type { useChat } from './useChat';

export type Chat = ReturnType<typeof useChat>;

export interface ChatPanelProps {
  chat: Chat;
  participants: Participant[];
  /** Personas the caller writes as (their messages sit on the right). */
  speakerIds: ReadonlySet<string>;
  /** The caller's own AI personas, labelled for their owner. */
  ownAiIds: ReadonlySet<string>;
  /** Starts the chat afresh after its messages failed to load. */
  onReload: () => void;
  /** Shown instead of the log while nobody has written; without it the log shows empty. */
  empty?: ReactNode;
  /** The screen's own failed action, shown (and cleared) together with the chat's. */
  error?: unknown;
  onClearError?: () => void;
  /** Hints above the typing line. */
  notices?: ReactNode;
  showTyping?: boolean;
  /** Controls between the typing line and the composer. */
  actions?: ReactNode;
  /** Who may write and why nobody can; null: no composer at all. */
  composer: { personas: ComposerPersona[]; disabledReason: string | null } | null;
}

export function ChatPanel({
  chat,
  participants,
  speakerIds,
  ownAiIds,
  onReload,
  empty,
  error = null,
  onClearError,
  notices,
  showTyping = true,
  actions,
  composer,
}: ChatPanelProps) {
  const { state } = chat;
  const failure = chat.actionError ?? error;
  return (
    <>
      {chat.loadError ? (
        <div className="page">
          <ErrorNotice error={chat.loadError} title="Could not load messages" onRetry={onReload} />
        </div>
      ) : !state.loaded ? (
        <Loading label="Loading messages…" />
      ) : empty !== undefined && state.messages.length === 0 && state.pending.length === 0 ? (
        <div className="chat__empty">{empty}</div>
      ) : (
        <MessageList
          messages={state.messages}
          pending={state.pending}
          participants={participants}
          speakerIds={speakerIds}
          ownAiIds={ownAiIds}
          hasOlder={Boolean(state.olderCursor)}
          loadingOlder={chat.loadingOlder}
          onLoadOlder={chat.loadOlder}
          onRetry={chat.retry}
          onDiscard={chat.discard}
        />
      )}

      <footer className="chat__footer">
        {chat.pollError != null && (
          <p className="chat__connection" role="status">
            Connection trouble — retrying…
          </p>
        )}
        {chat.pollError == null && chat.liveTrouble && (
          <p className="chat__connection" role="status">
            Live updates are reconnecting; new messages may take a few seconds.
          </p>
        )}
        {failure != null && (
          <ErrorNotice
            error={failure}
            compact
            onRetry={() => {
              chat.clearActionError();
              onClearError?.();
            }}
          />
        )}
        {notices}
        {showTyping && <TypingIndicator entries={chat.typing} />}
        {actions}
        {composer && (
          <Composer
            personas={composer.personas}
            disabledReason={composer.disabledReason}
            onSend={(persona, content) => void chat.send(persona, content)}
            onTyping={(persona) => chat.notifyTyping(persona.id)}
          />
        )}
      </footer>
    </>
  );
}
