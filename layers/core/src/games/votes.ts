/** Verdicts and the result of a round: final once stored, visible only to the round's own players. */
import { db, isUniqueViolation, withTransaction } from '@amianai/shared/db';
import { Conflict, type ErrorDetail, Invalid, NotFound } from '@amianai/shared/http';
import { clock } from './clock';
import { settle, settleRound } from './rounds';
import type { ResultView, VotesBody, VotesView } from './schemas';
import { scoreRound } from './scoring';
import { findRounds, insertVotes, lockRound, type SeatRow, seatsOf, votesOf } from './store';
import { toRoundView } from './views';

/** The round and the caller's seat; 404 for anyone not playing in it (its existence stays secret). */
async function mySeat(conversationId: string, userId: string, now: Date) {
  const round = await settleRound(conversationId, userId, now);
  const seats = round ? await seatsOf(db, conversationId) : [];
  const seat = seats.find((s) => s.user_id === userId);
  if (!round || !seat) throw new NotFound('Round');
  return { round, seats, seat };
}

function checkBallot(body: VotesBody, seats: SeatRow[], me: SeatRow): void {
  const others = new Map(seats.filter((s) => s.persona_id !== me.persona_id).map((s) => [s.persona_id, s]));
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  body.votes.forEach((v, i) => {
    const id = v.personaId.toLowerCase();
    const path = `body/votes/${i}/personaId`;
    if (id === me.persona_id) details.push({ path, message: 'You cannot judge yourself' });
    else if (!others.has(id)) details.push({ path, message: 'Not a participant of this round' });
    else if (seen.has(id)) details.push({ path, message: 'Judged twice' });
    seen.add(id);
  });
  for (const [id, s] of others) {
    if (!seen.has(id)) details.push({ path: 'body/votes', message: `Missing a verdict on ${s.name}` });
  }
  if (details.length)
    throw new Invalid('Give one verdict on each other participant', details, 'invalid_votes');
}

const key = (v: { personaId: string; verdict: string; confidence?: number | null }) =>
  `${v.personaId.toLowerCase()}:${v.verdict}:${v.confidence ?? ''}`;

export async function submitVotes(
  userId: string,
  conversationId: string,
  body: VotesBody,
  now = clock.now(),
): Promise<{ view: VotesView; created: boolean }> {
  const { round, seats, seat } = await mySeat(conversationId, userId, now);
  checkBallot(body, seats, seat);
  const wanted = body.votes.map(key).sort().join('|');
  const stored = async () =>
    (await votesOf(db, conversationId))
      .filter((v) => v.voter_persona_id === seat.persona_id)
      .map((v) => ({ personaId: v.judged_persona_id, verdict: v.verdict, confidence: v.confidence }));
  const answer = async (created: boolean) => {
    const row = (await findRounds(db, [conversationId], userId))[0]!;
    const votes = (await stored()).map((v) => ({
      personaId: v.personaId,
      verdict: v.verdict,
      ...(v.confidence === null ? {} : { confidence: v.confidence }),
    }));
    return { view: { conversationId, votes, round: toRoundView(await settle(row, now)) }, created };
  };
  const existing = await stored();
  if (existing.length) {
    if (existing.map(key).sort().join('|') === wanted) return answer(false);
    throw new Conflict('Your verdicts are final', 'votes_final');
  }
  if (round.phase === 'revealed') throw new Conflict('Voting has closed', 'voting_closed');
  try {
    await withTransaction(async (tx) => {
      const locked = await lockRound(tx, conversationId);
      if (locked?.phase === 'revealed') throw new Conflict('Voting has closed', 'voting_closed');
      await insertVotes(
        tx,
        conversationId,
        { userId, personaId: seat.persona_id },
        body.votes.map((v) => ({ ...v, personaId: v.personaId.toLowerCase() })),
        now,
      );
    });
  } catch (err) {
    // A concurrent submission by the same player landed first: same verdicts → 200, others → 409.
    if (!isUniqueViolation(err)) throw err;
    if ((await stored()).map(key).sort().join('|') === wanted) return answer(false);
    throw new Conflict('Your verdicts are final', 'votes_final');
  }
  return answer(true);
}

export async function roundResult(
  userId: string,
  conversationId: string,
  now = clock.now(),
): Promise<ResultView> {
  const { round, seats, seat } = await mySeat(conversationId, userId, now);
  if (round.phase !== 'revealed' || !round.revealed_at) {
    throw new Conflict('The round has not been revealed yet', 'not_revealed');
  }
  const votes = await votesOf(db, conversationId);
  const scored = scoreRound(
    seats.map((s) => ({ personaId: s.persona_id, name: s.name, kind: s.kind })),
    votes.map((v) => ({
      voterPersonaId: v.voter_persona_id,
      judgedPersonaId: v.judged_persona_id,
      verdict: v.verdict,
    })),
    seat.persona_id,
  );
  return { conversationId, ...scored, revealedAt: round.revealed_at.toISOString() };
}
