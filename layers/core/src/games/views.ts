/** Rows → JSON for the games API: the ticket and the round, as HTTP responses and pushed events show them. */
import type { RoundView, TicketView } from './schemas';
import type { RoundRow, TicketRow } from './store';

export function toTicketView(t: TicketRow): TicketView {
  return {
    id: t.id,
    status: t.status,
    format: t.format,
    personaId: t.persona_id,
    queuedAt: t.queued_at.toISOString(),
    matchDeadline: t.match_deadline.toISOString(),
    conversationId: t.conversation_id,
  };
}

export function toRoundView(r: RoundRow): RoundView {
  return {
    format: r.format,
    phase: r.phase,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    votingClosesAt: r.voting_closes_at.toISOString(),
    myVotesSubmitted: r.my_votes,
  };
}
