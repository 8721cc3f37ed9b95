/**
 * Rounds: the phase (live → voting → revealed) follows from the round's own times and votes, and whichever
 * request comes first after a boundary writes it down (ends the chat, marks the verdicts at the reveal) and
 * pushes the new phase. The scheduled sweeper settles the rounds nobody asked about.
 */
import { db, type Queryable, withTransaction } from '@amianai/shared/db';
import { Conflict } from '@amianai/shared/http/errors';
import { clock } from './clock';
import { pushRoundPhase } from './push';
import { type Phase, phaseAt, revealTime } from './rules';
import type { RoundView } from './schemas';
import { dueRounds, endRoundChat, findRounds, lockRound, type RoundRow, setPhase } from './store';
import { toRoundView } from './views';

const ORDER: Record<Phase, number> = { live: 0, voting: 1, revealed: 2 };

const target = (r: RoundRow, now: Date): Phase =>
  phaseAt({ endsAt: r.ends_at, votingClosesAt: r.voting_closes_at, allVoted: r.all_voted }, now);

/**
 * Writes down the phase `now` implies, if it moved on, and pushes the round to its followers once that
 * commits; returns the round as it stands. Of concurrent requests past a boundary only the one that moved
 * the phase pushes.
 */
export async function settle(row: RoundRow, now: Date): Promise<RoundRow> {
  if (ORDER[target(row, now)] <= ORDER[row.phase]) return row;
  let moved = false;
  const settled = await withTransaction(async (tx) => {
    moved = false; // a retried transaction starts over
    const locked = await lockRound(tx, row.conversation_id);
    if (!locked) return row;
    const phase = target(locked, now);
    if (ORDER[phase] <= ORDER[locked.phase]) return locked;
    moved = true;
    if (locked.phase === 'live') await endRoundChat(tx, locked.conversation_id, locked.ends_at);
    const revealedAt =
      phase === 'revealed'
        ? revealTime(
            { endsAt: locked.ends_at, votingClosesAt: locked.voting_closes_at },
            locked.all_voted ? locked.last_vote_at : null,
          )
        : null;
    await setPhase(tx, locked.conversation_id, phase, revealedAt);
    return { ...locked, phase, revealed_at: revealedAt };
  });
  if (moved) await pushRoundPhase(settled);
  return { ...settled, my_votes: row.my_votes, member: row.member };
}

/** The round of a game conversation, settled; undefined for a chat. */
export async function settleRound(
  conversationId: string,
  userId: string | null = null,
  now = clock.now(),
): Promise<RoundRow | undefined> {
  const row = (await findRounds(db, [conversationId], userId))[0];
  return row && settle(row, now);
}

/** Rounds one sweeper run settles at most (the rest wait a minute, or for the first request). */
export const SWEEP_LIMIT = 100;

/**
 * The sweeper's pass: nobody requests exactly at `endsAt`, so rounds whose phase is due are settled (and
 * pushed) here too. Returns how many moved on.
 */
export async function settleDueRounds(now = clock.now(), limit = SWEEP_LIMIT): Promise<number> {
  let moved = 0;
  for (const row of await dueRounds(db, now, limit)) {
    if ((await settle(row, now)).phase !== row.phase) moved++;
  }
  return moved;
}

interface ConversationLike {
  id: string;
  mode: 'chat' | 'game';
  status: 'active' | 'ended';
  endedAt: string | null;
}

/**
 * Conversation views with their `round` (null for chats), each round settled first, so a round past its end
 * reads as ended even if this is the first request since.
 */
export async function withRounds<T extends ConversationLike>(
  views: T[],
  userId: string,
  now = clock.now(),
): Promise<Array<Omit<T, 'round'> & { round: RoundView | null }>> {
  const ids = views.filter((v) => v.mode === 'game').map((v) => v.id);
  const rows = ids.length ? await findRounds(db, ids, userId) : [];
  const byId = new Map<string, RoundRow>();
  for (const row of rows) byId.set(row.conversation_id, await settle(row, now));
  return views.map((v) => {
    const row = byId.get(v.id);
    if (!row) return { ...v, round: null };
    const over = row.phase !== 'live';
    return {
      ...v,
      status: over ? 'ended' : v.status,
      endedAt: over ? (v.endedAt ?? row.ends_at.toISOString()) : v.endedAt,
      round: toRoundView(row),
    };
  });
}

/**
 * 409 round_over when `userId` plays in this round and its live phase is over; true when the conversation
 * is a round. Reads only (safe inside the caller's transaction); chats and non-members pass through to the
 * caller's own checks.
 */
export async function assertRoundOpen(
  q: Queryable,
  conversationId: string,
  userId: string,
  now = clock.now(),
): Promise<boolean> {
  const row = (await findRounds(q, [conversationId], userId))[0];
  if (row?.member && now.getTime() >= row.ends_at.getTime()) {
    throw new Conflict('The round is over: no more messages', 'round_over');
  }
  return row !== undefined;
}
