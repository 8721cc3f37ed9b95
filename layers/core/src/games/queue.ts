/** The matchmaking queue: join, poll, leave. Each request also runs the matching pass for ticks that came. */
import { db } from '@amianai/shared/db';
import { Invalid, NotFound } from '@amianai/shared/http';
import { clock, dice } from './clock';
import { type MatchOptions, matchDueTickets } from './matchmaking';
import { pushTickets } from './push';
import { GAME, tickOf, tickTime } from './rules';
import type { JoinQueueBody, TicketView } from './schemas';
import { insertTicket, latestTicket, leaveQueue as leave, playablePersona, type TicketRow } from './store';
import { toTicketView } from './views';

/** Waiting, or matched into a round still live: the user's one open ticket. */
const isOpen = (t: TicketRow | undefined): t is TicketRow =>
  t !== undefined && (t.status === 'waiting' || (t.status === 'matched' && t.in_live_round === true));

async function current(userId: string, now: Date): Promise<TicketRow> {
  const ticket = await latestTicket(db, userId, now);
  if (!ticket) throw new NotFound('Ticket');
  return ticket;
}

/** Joins the queue (or returns the open ticket); `created` tells a new ticket from the open one. */
export async function joinQueue(
  userId: string,
  body: JoinQueueBody,
  opts: MatchOptions = {},
): Promise<{ ticket: TicketView; created: boolean }> {
  const now = opts.now ?? clock.now();
  const random = opts.random ?? dice.random;
  let created = false;
  if (!isOpen(await latestTicket(db, userId, now))) {
    const personaId = await playablePersona(db, userId, body.personaId?.toLowerCase());
    if (!personaId) {
      throw new Invalid(
        'Play as one of your own human personas',
        [{ path: 'body/personaId', message: 'Not one of your human personas' }],
        'invalid_persona',
      );
    }
    const { min, max } = GAME.dueTicks;
    // Drawn before looking at the queue: the wait says nothing about who else is waiting.
    const dueTick = tickOf(now) + min + Math.floor(random() * (max - min + 1));
    const inserted = await insertTicket(db, {
      userId,
      personaId,
      format: body.format ?? 'duel',
      queuedAt: now,
      dueTick,
      deadline: tickTime(dueTick),
    });
    created = inserted !== undefined;
  }
  await matchDueTickets({ now, random });
  return { ticket: toTicketView(await current(userId, now)), created };
}

/** The caller's newest ticket, after matching whatever has fallen due. */
export async function pollQueue(userId: string, opts: MatchOptions = {}): Promise<TicketView> {
  const now = opts.now ?? clock.now();
  await matchDueTickets({ now, random: opts.random });
  return toTicketView(await current(userId, now));
}

/** Leaves the queue; a ticket matched meanwhile stays matched (the answer says so). */
export async function leaveQueue(userId: string, now = clock.now()): Promise<TicketView> {
  const left = await leave(db, userId);
  const ticket = await current(userId, now);
  // The player's other tabs stop showing "finding a partner".
  if (left) await pushTickets([ticket]);
  return toTicketView(ticket);
}
