/**
 * Game events over the WebSocket API (docs/design.md, "Real-time push"): a ticket that was matched or left
 * goes to its player, a round's new phase to everyone following the round. Called after the change
 * commits, with the rows as committed; never throws, since the state is stored and a poll still finds it.
 */
import { db } from '@amianai/shared/db';
import { logger } from '@amianai/shared/observability';
import { pushEnabled, pushRound, pushTicket } from '@amianai/shared/push';
import { type RoundRow, type TicketRow, votersOf } from './store';
import { toRoundView, toTicketView } from './views';

/** Each ticket to its own player's connections, as their GET /api/games/queue now returns it. */
export async function pushTickets(tickets: readonly TicketRow[]): Promise<void> {
  if (!pushEnabled()) return;
  for (const ticket of tickets) await pushTicket(ticket.user_id, toTicketView(ticket));
}

/**
 * A round that just moved on, to every connection following it, rendered per viewer as the `round` of their
 * GET /api/conversations/{id}: only `myVotesSubmitted` differs between viewers. The round view carries no
 * participant at all, so nothing in it can tell a person from an AI, before the reveal or after.
 */
export async function pushRoundPhase(row: RoundRow): Promise<void> {
  if (!pushEnabled()) return;
  try {
    const voters = await votersOf(db, row.conversation_id);
    await pushRound(row.conversation_id, (viewer) =>
      toRoundView({ ...row, my_votes: voters.has(viewer.userId) }),
    );
  } catch (err) {
    logger.warn('round push skipped', {
      conversationId: row.conversation_id,
      error: (err as Error)?.name ?? 'error',
    });
  }
}
