// Keeps a round's phase current (live → voting → revealed). The phase moves on the server's clock and is
// computed by whichever request comes first, so the round is read again at its `endsAt` and at its
// `votingClosesAt`; a change nobody can time (everyone has voted) arrives as a pushed round event, or by
// polling: slowly while the socket carries the round, as before without it.
import { useEffect } from 'react';
import type { Conversation, Round, RoundPhase } from '../api/types';
import { nextReadDelay, ROUND_POLL_MS } from '../realtime/pace';
import { useConversationEvents } from '../realtime/useConversationEvents';

const order: Record<RoundPhase, number> = { live: 0, voting: 1, revealed: 2 };

/**
 * The newer of two views of one round: phases only move forward and a stored vote stays stored, so a slow
 * answer never undoes a pushed change.
 */
export function laterRound(current: Round | null, incoming: Round): Round {
  if (!current) return incoming;
  const newer = order[incoming.phase] >= order[current.phase] ? incoming : current;
  const voted = current.myVotesSubmitted || incoming.myVotesSubmitted;
  return newer.myVotesSubmitted === voted ? newer : { ...newer, myVotesSubmitted: voted };
}

/** The conversation with a newer view of its round applied (the same object when nothing changed). */
export function withRound(conversation: Conversation, round: Round): Conversation {
  const next = laterRound(conversation.round, round);
  return next === conversation.round ? conversation : { ...conversation, round: next };
}

/** When to read the round next, in ms (null: never, it is revealed): at `endsAt`, then at `votingClosesAt`. */
export function roundPollDelay(round: Round, now: number, socketLive: boolean): number | null {
  if (round.phase === 'revealed') return null;
  const due = round.phase === 'live' ? round.endsAt : round.votingClosesAt;
  return nextReadDelay(due, now, socketLive, ROUND_POLL_MS);
}

/**
 * Follows one round for its page: pushed round events go to `applyRound`; `refetch` runs after every
 * (re)subscription (events are not replayed) and on the schedule above. `shown` is what the page shows
 * (it changes with every answer, so each answer schedules the next read); `failed` reschedules after an error.
 */
export function useRoundUpdates(
  conversationId: string,
  shown: Conversation | undefined,
  failed: unknown,
  handlers: { refetch: () => void; applyRound: (round: Round) => void },
) {
  const { live } = useConversationEvents(conversationId, {
    onEvent: (event) => {
      if (event.type === 'round') handlers.applyRound(event.round);
    },
    onCatchUp: handlers.refetch,
  });
  const round = shown?.round ?? null;
  const { refetch } = handlers;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shown` and `failed` mark each answer; each schedules the next read
  useEffect(() => {
    if (!round) return;
    const delay = roundPollDelay(round, Date.now(), live);
    if (delay === null) return;
    const timer = setTimeout(refetch, delay);
    return () => clearTimeout(timer);
  }, [shown, failed, live]);
  return { live };
}
