// A round: countdown, partners and chat while live; a verdict per partner; then the reveal and the score.
// Nothing here treats one partner differently from another: the UI knows no more than the player.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Conversation } from '../api/types';
import { ChatPanel } from '../chat/ChatPanel';
import { useChat } from '../chat/useChat';
import { useQuery } from '../data/query';
import { useApi } from '../session/SessionProvider';
import { Avatar } from '../ui/Avatar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';
import { gamesApi } from './gamesApi';
import { RevealPanel } from './RevealPanel';
import { useRoundUpdates, withRound } from './roundWatch';
import { VerdictPanel } from './VerdictPanel';
import './games.css';

function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

const clockText = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export default function RoundPage() {
  const { conversationId = '' } = useParams();
  const games = gamesApi(useApi());
  const shownRef = useRef<Conversation | undefined>(undefined);
  // Each answer is merged with what is shown: a slow answer never undoes a phase change pushed meanwhile.
  const state = useQuery(['round', conversationId], async (signal) => {
    const fresh = await games.round(conversationId, signal);
    const shown = shownRef.current;
    return shown?.id === fresh.id && shown.round && fresh.round ? withRound(fresh, shown.round) : fresh;
  });
  shownRef.current = state.data;
  const [attempt, setAttempt] = useState(0);
  const { reload, setData } = state;
  useRoundUpdates(conversationId, state.data, state.error, {
    refetch: () => void reload(),
    applyRound: (round) => setData((shown) => shown && withRound(shown, round)),
  });

  if (state.error)
    return <ErrorNotice error={state.error} title="Could not open this round" onRetry={state.reload} />;
  if (!state.data) return <Loading label="Opening the round…" />;
  if (!state.data.round) return <ErrorNotice error={new Error('This conversation is not a round')} />;
  return (
    <RoundView
      key={attempt}
      conversation={state.data}
      onChanged={state.reload}
      onReload={() => setAttempt((n) => n + 1)}
    />
  );
}

/** A player has no AI persona of their own in a round (they play as one of their human personas). */
const noAiOfMine: ReadonlySet<string> = new Set();

function RoundView({
  conversation,
  onChanged,
  onReload,
}: {
  conversation: Conversation;
  onChanged: () => void;
  /** Starts the round's chat afresh (after its messages failed to load). */
  onReload: () => void;
}) {
  const api = useApi();
  const round = conversation.round!;
  const now = useNow();
  const mine = useMemo(() => conversation.participants.filter((p) => p.isMine), [conversation]);
  const others = conversation.participants.filter((p) => !p.isMine);
  const speakerIds = useMemo(() => new Set(mine.map((p) => p.personaId)), [mine]);
  const chat = useChat(api, conversation.id, { myPersonaIds: speakerIds });
  const live = round.phase === 'live' && now < Date.parse(round.endsAt);
  const [voteEarly, setVoteEarly] = useState(false);
  const left = live ? Date.parse(round.endsAt) - now : Date.parse(round.votingClosesAt) - now;

  return (
    <div className="chat round">
      <header className="chat__header round__header">
        <div className="chat__heading">
          <h1 className="chat__title">
            <span className="chat__title-text">
              {live ? 'Chat' : round.phase === 'revealed' ? 'Reveal' : 'Your verdict'}
            </span>
          </h1>
          {conversation.topic && <p className="chat__topic">Icebreaker: {conversation.topic}</p>}
          {mine[0] && (
            <p className="chat__topic round__alias">
              Everyone goes by a nickname here; yours is <strong>{mine[0].name}</strong>.
            </p>
          )}
        </div>
        {round.phase !== 'revealed' && (
          <p
            className={`round__timer${left < 20_000 ? ' round__timer--low' : ''}`}
            role="timer"
            aria-live="off"
          >
            <span className="visually-hidden">{live ? 'Chat ends in' : 'Voting closes in'} </span>
            {clockText(left)}
          </p>
        )}
        <ul className="chat__participants" aria-label="In this round">
          {others.map((p) => (
            <li key={p.personaId} title={p.name}>
              <Avatar name={p.name} url={p.avatarUrl} size={32} />
              <span className="chat__participant-name">{p.name}</span>
            </li>
          ))}
        </ul>
      </header>

      {round.phase === 'revealed' ? (
        <RevealPanel conversationId={conversation.id} format={round.format} />
      ) : (
        <ChatPanel
          chat={chat}
          participants={conversation.participants}
          speakerIds={speakerIds}
          ownAiIds={noAiOfMine}
          onReload={onReload}
          showTyping={live}
          actions={
            <>
              {(!live || voteEarly) && (
                <VerdictPanel
                  conversationId={conversation.id}
                  others={others}
                  submitted={round.myVotesSubmitted}
                  onVoted={onChanged}
                />
              )}
              {live && !voteEarly && !round.myVotesSubmitted && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => setVoteEarly(true)}
                >
                  Ready to judge
                </button>
              )}
            </>
          }
          composer={
            live
              ? { personas: mine.map((p) => ({ id: p.personaId, name: p.name })), disabledReason: null }
              : null
          }
        />
      )}
      <p className="round__back">
        <Link to="/play">Leave</Link>
      </p>
    </div>
  );
}
