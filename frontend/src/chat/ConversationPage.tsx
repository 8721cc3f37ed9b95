// One conversation: compact header, the live message log, typing, a hint when nobody answers, composer.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isResourceId } from '../api/ids';
import type { Conversation, Persona } from '../api/types';
import { useQuery, useQueryCache } from '../data/query';
import { useApi, useMe } from '../session/SessionProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorNotice, isNotFound } from '../ui/ErrorNotice';
import { EmptyState, Loading, StatusPage } from '../ui/States';
import { ChatHeader } from './ChatHeader';
import { ChatPanel } from './ChatPanel';
import { unansweredSince, useSilence } from './silence';
import { useChat } from './useChat';

/** Who the caller speaks as (their human personas here) and whom they may ask for a reply. */
export function rolesIn(conversation: Conversation, myPersonas: Persona[]) {
  const kindOf = new Map(myPersonas.map((persona) => [persona.id, persona.kind]));
  const mine = conversation.participants.filter((participant) => participant.isMine);
  const humans = mine.filter((participant) => kindOf.get(participant.personaId) !== 'ai');
  const speakers = humans.length > 0 ? humans : mine;
  const speakerIds = new Set(speakers.map((participant) => participant.personaId));
  // Other people's personas never reveal their kind, so any of them may be asked; the API decides.
  const askable = conversation.participants.filter(
    (participant) =>
      !speakerIds.has(participant.personaId) &&
      (!participant.isMine || kindOf.get(participant.personaId) === 'ai'),
  );
  const ownAiIds = new Set(
    mine.filter((participant) => !speakerIds.has(participant.personaId)).map((p) => p.personaId),
  );
  return { speakers, askable, speakerIds, ownAiIds };
}

export default function ConversationPage() {
  const { conversationId = '' } = useParams();
  return isResourceId(conversationId) ? (
    <ConversationLoader conversationId={conversationId} />
  ) : (
    <ConversationNotFound />
  );
}

function ConversationNotFound() {
  return (
    <StatusPage
      title="Conversation not found"
      back={{ to: '/conversations', label: 'Back to conversations' }}
    >
      <p>
        It does not exist, or you are not part of it. Conversations are only visible to their participants.
      </p>
    </StatusPage>
  );
}

function ConversationLoader({ conversationId }: { conversationId: string }) {
  const api = useApi();
  const { me } = useMe();
  const cache = useQueryCache();
  const conversation = useQuery(['conversation', conversationId], (signal) =>
    api.getConversation(conversationId, signal),
  );
  // "Try again" after the messages failed starts the chat afresh (its live feed loads on mount).
  const [round, setRound] = useState(0);

  if (conversation.error) {
    return isNotFound(conversation.error) ? (
      <ConversationNotFound />
    ) : (
      <div className="page page--narrow">
        <ErrorNotice
          error={conversation.error}
          title="Could not open this conversation"
          onRetry={() => void conversation.reload()}
        />
        <Link to="/conversations">Back to conversations</Link>
      </div>
    );
  }
  if (!conversation.data) return <Loading label="Opening conversation…" />;
  return (
    <ChatView
      key={round}
      conversation={conversation.data}
      myPersonas={me?.personas ?? []}
      onChanged={(next) => {
        conversation.setData(() => next);
        // Lists show titles and status; they ask again when next shown.
        void cache.invalidate(['conversations']);
      }}
      reload={() => {
        setRound((n) => n + 1);
        void conversation.reload();
      }}
    />
  );
}

function ChatView({
  conversation,
  myPersonas,
  onChanged,
  reload,
}: {
  conversation: Conversation;
  myPersonas: Persona[];
  onChanged: (next: Conversation) => void;
  reload: () => void;
}) {
  const api = useApi();
  const { speakers, askable, speakerIds, ownAiIds } = useMemo(
    () => rolesIn(conversation, myPersonas),
    [conversation, myPersonas],
  );
  // Your own typing is not echoed back; your AI personas' typing is shown like anyone's.
  const chat = useChat(api, conversation.id, { myPersonaIds: speakerIds });
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<unknown>(null);
  const ended = conversation.status === 'ended';
  const silent = useSilence(
    ended ? null : unansweredSince(chat.state.messages, speakerIds),
    chat.typing.length > 0,
  );

  const end = async () => {
    setEnding(true);
    try {
      onChanged(await api.endConversation(conversation.id));
      setConfirmEnd(false);
    } catch (error) {
      setEndError(error);
      setConfirmEnd(false);
    } finally {
      setEnding(false);
    }
  };

  const rename = async (title: string) => {
    onChanged(await api.renameConversation(conversation.id, title));
  };

  const composerPersonas = speakers.map((participant) => ({
    id: participant.personaId,
    name: participant.name,
  }));
  const disabledReason = ended
    ? 'This conversation has ended.'
    : composerPersonas.length === 0
      ? 'You have no persona in this conversation.'
      : null;

  return (
    <div className="chat">
      <ChatHeader
        conversation={conversation}
        ownAiIds={ownAiIds}
        onRename={rename}
        onEnd={() => setConfirmEnd(true)}
      />

      <ChatPanel
        chat={chat}
        participants={conversation.participants}
        speakerIds={speakerIds}
        ownAiIds={ownAiIds}
        onReload={reload}
        empty={
          <EmptyState title="Say hello" icon="wave">
            <p>
              {ended
                ? 'Nobody wrote anything before this conversation ended.'
                : 'Nobody has written yet. Write the first message below — then guess who is human.'}
            </p>
          </EmptyState>
        }
        error={endError}
        onClearError={() => setEndError(null)}
        notices={
          silent && (
            <p className="chat__hint" role="status" data-testid="silence-hint">
              People aren’t always around — an answer may take a while.{' '}
              <Link to="/conversations/new">Start another conversation</Link> meanwhile?
            </p>
          )
        }
        actions={
          <>
            {!ended && chat.requests.length > 0 && (
              <p className="chat__hint" role="status" data-testid="reply-request">
                Someone asked you to reply.
              </p>
            )}
            {chat.asked !== null && (
              <p className="chat__hint" role="status" data-testid="asked-notice">
                Asked {askable.find((p) => p.personaId === chat.asked)?.name ?? 'them'} to reply.
              </p>
            )}
            {!ended && conversation.mode !== 'game' && askable.length > 0 && (
              <fieldset className="ask-row">
                <legend className="ask-row__label">Ask to reply:</legend>
                {askable.map((participant) => (
                  <button
                    key={participant.personaId}
                    type="button"
                    className="chip"
                    disabled={chat.asking !== null}
                    onClick={() => void chat.askToReply(participant.personaId)}
                    aria-label={`Ask ${participant.name} to reply`}
                  >
                    {chat.asking === participant.personaId
                      ? `Asking ${participant.name}…`
                      : `@${participant.name}`}
                  </button>
                ))}
              </fieldset>
            )}
          </>
        }
        composer={{ personas: composerPersonas, disabledReason }}
      />

      {confirmEnd && (
        <ConfirmDialog
          title="End this conversation?"
          confirmLabel="End conversation"
          danger
          busy={ending}
          onConfirm={() => void end()}
          onCancel={() => setConfirmEnd(false)}
        >
          <p>Nobody will be able to send messages afterwards. The history stays available.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
