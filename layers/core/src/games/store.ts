/**
 * The only module that writes SQL for game_tickets, rounds, votes and game_pool. Every time comes in as a
 * parameter from the game clock (never the database's now()), so tests can move time without sleeping.
 */
import type { Queryable, Transaction } from '@amianai/shared/db';
import { endConversationAt, insertGameConversation, lockConversation } from '../conversations/store';
import { insertSeatCopies } from '../personas/store';
import type { Format, Kind, Phase } from './rules';
import type { SeatPlan } from './seats';

export interface TicketRow {
  id: string;
  user_id: string;
  persona_id: string;
  format: Format;
  status: 'waiting' | 'matched' | 'left';
  queued_at: Date;
  match_deadline: Date;
  conversation_id: string | null;
  /** Matched into a round that is still live at the caller's `now`. */
  in_live_round?: boolean;
}

const TICKET = `t.id, t.user_id, t.persona_id, t.format, t.status, t.queued_at, t.match_deadline, t.conversation_id`;

/** The user's newest ticket, and whether its round is still live at `now`. */
export async function latestTicket(q: Queryable, userId: string, now: Date): Promise<TicketRow | undefined> {
  const { rows } = await q.query<TicketRow>(
    `SELECT ${TICKET}, coalesce(r.ends_at > $2, false) AS in_live_round
       FROM game_tickets t LEFT JOIN rounds r ON r.conversation_id = t.conversation_id
      WHERE t.user_id = $1 ORDER BY t.queued_at DESC, t.status = 'left', t.id DESC LIMIT 1`,
    [userId, now],
  );
  return rows[0];
}

export interface NewTicket {
  userId: string;
  personaId: string;
  format: Format;
  queuedAt: Date;
  dueTick: number;
  deadline: Date;
}

/** Inserts a waiting ticket; undefined when the user already has one (a concurrent join won). */
export async function insertTicket(q: Queryable, t: NewTicket): Promise<TicketRow | undefined> {
  const { rows } = await q.query<TicketRow>(
    `INSERT INTO game_tickets AS t (user_id, persona_id, format, queued_at, due_tick, match_deadline)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id) WHERE status = 'waiting' DO NOTHING
     RETURNING ${TICKET}`,
    [t.userId, t.personaId, t.format, t.queuedAt, t.dueTick, t.deadline],
  );
  return rows[0];
}

/** True when a waiting ticket was left (false: there was none, or it was matched meanwhile). */
export async function leaveQueue(q: Queryable, userId: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE game_tickets SET status = 'left' WHERE user_id = $1 AND status = 'waiting'`,
    [userId],
  );
  return (rowCount ?? 0) > 0;
}

/** The user's live human persona: the given one, or their first. */
export async function playablePersona(
  q: Queryable,
  userId: string,
  personaId: string | undefined,
): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM personas
      WHERE owner_id = $1 AND kind = 'human' AND deleted_at IS NULL AND seat_of IS NULL
        AND ($2::uuid IS NULL OR id = $2)
      ORDER BY created_at, id LIMIT 1`,
    [userId, personaId ?? null],
  );
  return rows[0]?.id;
}

export interface DueTicketRow {
  id: string;
  user_id: string;
  persona_id: string;
  format: Format;
}

/** Waiting tickets due by `tick`, locked; tickets another request is matching are skipped, not waited for. */
export async function lockDueTickets(tx: Transaction, tick: number, limit: number): Promise<DueTicketRow[]> {
  const { rows } = await tx.query<DueTicketRow>(
    `SELECT id, user_id, persona_id, format FROM game_tickets
      WHERE status = 'waiting' AND due_tick <= $1
      ORDER BY due_tick, queued_at, id
      LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [tick, limit],
  );
  return rows;
}

/** True when some waiting ticket is due by `tick` (the cheap check before a matching pass). */
export async function anyDue(q: Queryable, tick: number): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM game_tickets WHERE status = 'waiting' AND due_tick <= $1 LIMIT 1`,
    [tick],
  );
  return rows.length > 0;
}

export interface AiCandidate {
  id: string;
  owner_id: string | null;
}

/** AI personas that may take a seat: public house personas and public AI personas entered in the pool. */
export async function aiCandidates(q: Queryable): Promise<AiCandidate[]> {
  const { rows } = await q.query<AiCandidate>(
    `SELECT p.id, p.owner_id FROM personas p
      WHERE p.kind = 'ai' AND p.deleted_at IS NULL AND p.visibility = 'public'
        AND (p.owner_id IS NULL OR EXISTS (SELECT 1 FROM game_pool g WHERE g.persona_id = p.id))
      ORDER BY random() LIMIT 500`,
  );
  return rows;
}

/**
 * For each user, the AI personas of their latest round (never seated with them twice in a row): the personas
 * its AI seats played for.
 */
export async function lastAiPartners(q: Queryable, userIds: string[]): Promise<Map<string, Set<string>>> {
  const { rows } = await q.query<{ user_id: string; persona_id: string }>(
    `SELECT last.user_id, coalesce(seat.seat_of, seat.id) AS persona_id
       FROM unnest($1::uuid[]) AS u(id)
       CROSS JOIN LATERAL (
         SELECT t.user_id, t.conversation_id FROM game_tickets t
          WHERE t.user_id = u.id AND t.status = 'matched' ORDER BY t.queued_at DESC LIMIT 1) last
       JOIN conversation_participants cp ON cp.conversation_id = last.conversation_id AND cp.user_id IS NULL
       JOIN personas seat ON seat.id = cp.persona_id`,
    [userIds],
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) out.set(r.user_id, (out.get(r.user_id) ?? new Set()).add(r.persona_id));
  return out;
}

export interface NewRound {
  format: Format;
  topic: string;
  tickets: DueTicketRow[];
  /** One per ticket (in ticket order), then one per AI seat. */
  seats: SeatPlan[];
  startsAt: Date;
  endsAt: Date;
  votingClosesAt: Date;
  maxAiTurnsInRow: number;
}

/**
 * The round's seat copies, its conversation (every seat joins at the same instant, so the participant
 * order is by alias, not by kind), the round, and the tickets marked matched.
 */
export async function insertRound(
  tx: Transaction,
  r: NewRound,
): Promise<{ conversationId: string; tickets: TicketRow[] }> {
  await insertSeatCopies(tx, r.seats, r.startsAt);
  const id = await insertGameConversation(tx, {
    topic: r.topic,
    createdBy: r.tickets[0]!.user_id,
    maxAiTurnsInRow: r.maxAiTurnsInRow,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    seats: r.seats.map((s, i) => ({ personaId: s.id, userId: r.tickets[i]?.user_id ?? null })),
  });
  await tx.query(
    `INSERT INTO rounds (conversation_id, format, starts_at, ends_at, voting_closes_at) VALUES ($1, $2, $3, $4, $5)`,
    [id, r.format, r.startsAt, r.endsAt, r.votingClosesAt],
  );
  const { rows } = await tx.query<TicketRow>(
    `UPDATE game_tickets AS t SET status = 'matched', conversation_id = $1, matched_at = $3
      WHERE t.id = ANY($2::uuid[]) RETURNING ${TICKET}`,
    [id, r.tickets.map((t) => t.id), r.startsAt],
  );
  return { conversationId: id, tickets: rows };
}

export interface RoundRow {
  conversation_id: string;
  format: Format;
  phase: Phase;
  starts_at: Date;
  ends_at: Date;
  voting_closes_at: Date;
  revealed_at: Date | null;
  all_voted: boolean;
  last_vote_at: Date | null;
  /** The caller has voted (false when no caller was given). */
  my_votes: boolean;
  /** The caller plays a seat in the round. */
  member: boolean;
}

const ROUND = `r.conversation_id, r.format, r.phase, r.starts_at, r.ends_at, r.voting_closes_at, r.revealed_at,
  NOT EXISTS (SELECT 1 FROM conversation_participants h WHERE h.conversation_id = r.conversation_id
               AND h.user_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.conversation_id = r.conversation_id
                                AND v.voter_persona_id = h.persona_id)) AS all_voted,
  (SELECT max(v.created_at) FROM votes v WHERE v.conversation_id = r.conversation_id) AS last_vote_at,
  EXISTS (SELECT 1 FROM votes v WHERE v.conversation_id = r.conversation_id AND v.voter_user_id = $2) AS my_votes,
  EXISTS (SELECT 1 FROM conversation_participants m WHERE m.conversation_id = r.conversation_id
           AND m.user_id = $2) AS member`;

export async function findRounds(q: Queryable, ids: string[], userId: string | null): Promise<RoundRow[]> {
  const { rows } = await q.query<RoundRow>(
    `SELECT ${ROUND} FROM rounds r WHERE r.conversation_id = ANY($1::uuid[])`,
    [ids, userId],
  );
  return rows;
}

/**
 * Rounds whose phase is due to move on at `now` (live past its end, or voting past its close), oldest end
 * first: what the sweeper settles when nobody asked. Rounds where every human voted early are settled by
 * the vote itself.
 */
export async function dueRounds(q: Queryable, now: Date, limit: number): Promise<RoundRow[]> {
  const { rows } = await q.query<RoundRow>(
    `SELECT ${ROUND} FROM rounds r
      WHERE r.phase <> 'revealed' AND r.ends_at <= $1 AND (r.phase = 'live' OR r.voting_closes_at <= $1)
      ORDER BY r.ends_at, r.conversation_id LIMIT $3`,
    [now, null, limit],
  );
  return rows;
}

/** The users who have voted in the round (each viewer's `myVotesSubmitted`). */
export async function votersOf(q: Queryable, id: string): Promise<Set<string>> {
  const { rows } = await q.query<{ voter_user_id: string }>(
    'SELECT DISTINCT voter_user_id FROM votes WHERE conversation_id = $1',
    [id],
  );
  return new Set(rows.map((r) => r.voter_user_id));
}

export async function lockRound(tx: Transaction, id: string): Promise<RoundRow | undefined> {
  await lockConversation(tx, id); // the lock order every writer uses: the conversation first
  await tx.query('SELECT 1 FROM rounds WHERE conversation_id = $1 FOR UPDATE', [id]);
  return (await findRounds(tx, [id], null))[0];
}

/** Ends the round's chat at its end time: no more messages, nobody typing. */
export async function endRoundChat(tx: Transaction, id: string, endsAt: Date): Promise<void> {
  await endConversationAt(tx, id, endsAt);
}

export async function setPhase(tx: Transaction, id: string, phase: Phase, revealedAt: Date | null) {
  await tx.query('UPDATE rounds SET phase = $2, revealed_at = $3 WHERE conversation_id = $1', [
    id,
    phase,
    revealedAt,
  ]);
  if (phase === 'revealed') {
    await tx.query(
      `UPDATE votes v SET correct = (v.verdict = p.kind) FROM personas p
        WHERE v.conversation_id = $1 AND p.id = v.judged_persona_id`,
      [id],
    );
  }
}

export interface SeatRow {
  persona_id: string;
  name: string;
  kind: Kind;
  user_id: string | null;
}

export async function seatsOf(q: Queryable, id: string): Promise<SeatRow[]> {
  const { rows } = await q.query<SeatRow>(
    `SELECT cp.persona_id, p.name, p.kind, cp.user_id FROM conversation_participants cp
       JOIN personas p ON p.id = cp.persona_id
      WHERE cp.conversation_id = $1 ORDER BY cp.joined_at, p.name, cp.persona_id`,
    [id],
  );
  return rows;
}

export interface VoteRow {
  voter_user_id: string;
  voter_persona_id: string;
  judged_persona_id: string;
  verdict: Kind;
  confidence: number | null;
  correct: boolean | null;
}

export async function votesOf(q: Queryable, id: string): Promise<VoteRow[]> {
  const { rows } = await q.query<VoteRow>(
    `SELECT voter_user_id, voter_persona_id, judged_persona_id, verdict, confidence, correct
       FROM votes WHERE conversation_id = $1 ORDER BY voter_persona_id, judged_persona_id`,
    [id],
  );
  return rows;
}

export async function insertVotes(
  tx: Transaction,
  id: string,
  voter: { userId: string; personaId: string },
  votes: Array<{ personaId: string; verdict: Kind; confidence?: number }>,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO votes (conversation_id, voter_user_id, voter_persona_id, judged_persona_id, verdict, confidence, created_at)
     SELECT $1, $2, $3, v.judged, v.verdict, v.confidence, $7
       FROM unnest($4::uuid[], $5::text[], $6::smallint[]) AS v(judged, verdict, confidence)`,
    [
      id,
      voter.userId,
      voter.personaId,
      votes.map((v) => v.personaId),
      votes.map((v) => v.verdict),
      votes.map((v) => v.confidence ?? null),
      at,
    ],
  );
}

// Stats: revealed rounds only.

export interface MyVerdictRow {
  conversation_id: string;
  revealed_at: Date;
  kind: Kind;
  correct: boolean;
}

/** The user's verdicts in revealed rounds, oldest round first. */
export async function myVerdicts(q: Queryable, userId: string): Promise<MyVerdictRow[]> {
  const { rows } = await q.query<MyVerdictRow>(
    `SELECT v.conversation_id, r.revealed_at, p.kind, coalesce(v.correct, false) AS correct
       FROM votes v JOIN rounds r ON r.conversation_id = v.conversation_id AND r.phase = 'revealed'
       JOIN personas p ON p.id = v.judged_persona_id
      WHERE v.voter_user_id = $1 ORDER BY r.revealed_at, v.conversation_id`,
    [userId],
  );
  return rows;
}

/** Revealed rounds the user played, and the verdicts others gave the personas they played in them. */
export async function myRoundsAndJudgements(q: Queryable, userId: string) {
  const { rows } = await q.query<{ rounds: number; human: number; ai: number }>(
    `SELECT count(DISTINCT cp.conversation_id)::int AS rounds,
            count(v.*) FILTER (WHERE v.verdict = 'human')::int AS human,
            count(v.*) FILTER (WHERE v.verdict = 'ai')::int AS ai
       FROM conversation_participants cp
       JOIN rounds r ON r.conversation_id = cp.conversation_id AND r.phase = 'revealed'
       LEFT JOIN votes v ON v.conversation_id = cp.conversation_id AND v.judged_persona_id = cp.persona_id
      WHERE cp.user_id = $1`,
    [userId],
  );
  return rows[0] ?? { rounds: 0, human: 0, ai: 0 };
}

export async function globalCounts(q: Queryable) {
  const { rows } = await q.query<{ rounds: number; kind: Kind | null; verdicts: number; correct: number }>(
    `SELECT (SELECT count(*) FROM rounds WHERE phase = 'revealed')::int AS rounds, p.kind,
            count(v.*)::int AS verdicts, count(v.*) FILTER (WHERE v.correct)::int AS correct
       FROM votes v JOIN rounds r ON r.conversation_id = v.conversation_id AND r.phase = 'revealed'
       JOIN personas p ON p.id = v.judged_persona_id
      GROUP BY p.kind`,
  );
  return rows;
}

export interface BoardRow {
  id: string;
  name: string;
  owner_id: string | null;
  rounds: number;
  verdicts: number;
  hits: number;
}

/** Players by accuracy, or AI personas by judged-human rate, over rounds revealed since `since`. */
export async function board(
  q: Queryable,
  kind: 'players' | 'personas',
  since: Date | null,
  minimum: number,
  limit: number,
): Promise<BoardRow[]> {
  const players = `
    SELECT v.voter_user_id AS id, u.display_name AS name, v.voter_user_id AS owner_id,
           count(DISTINCT v.conversation_id)::int AS rounds, count(*)::int AS verdicts,
           count(*) FILTER (WHERE v.correct)::int AS hits
      FROM votes v JOIN rounds r ON r.conversation_id = v.conversation_id AND r.phase = 'revealed'
       AND ($1::timestamptz IS NULL OR r.revealed_at >= $1)
      JOIN users u ON u.id = v.voter_user_id
     GROUP BY v.voter_user_id, u.display_name HAVING count(DISTINCT v.conversation_id) >= $2`;
  const personas = `
    SELECT p.id, p.name, p.owner_id, count(DISTINCT v.conversation_id)::int AS rounds, count(*)::int AS verdicts,
           count(*) FILTER (WHERE v.verdict = 'human')::int AS hits
      FROM votes v JOIN rounds r ON r.conversation_id = v.conversation_id AND r.phase = 'revealed'
       AND ($1::timestamptz IS NULL OR r.revealed_at >= $1)
      JOIN personas seat ON seat.id = v.judged_persona_id
      JOIN personas p ON p.id = coalesce(seat.seat_of, seat.id) AND p.kind = 'ai' AND p.deleted_at IS NULL
     GROUP BY p.id, p.name, p.owner_id HAVING count(*) >= $2`;
  const { rows } = await q.query<BoardRow>(
    `SELECT * FROM (${kind === 'players' ? players : personas}) b
      ORDER BY b.hits::float8 / b.verdicts DESC, b.verdicts DESC, b.id LIMIT $3`,
    [since, minimum, limit],
  );
  return rows;
}

export async function inPool(q: Queryable, personaId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM game_pool WHERE persona_id = $1', [personaId]);
  return rows.length > 0;
}

export async function setPool(q: Queryable, personaId: string, on: boolean): Promise<void> {
  await q.query(
    on
      ? 'INSERT INTO game_pool (persona_id) VALUES ($1) ON CONFLICT DO NOTHING'
      : 'DELETE FROM game_pool WHERE persona_id = $1',
    [personaId],
  );
}

/** Verdicts on the seats one persona played, per revealed round, newest first. */
export async function personaRounds(q: Queryable, personaId: string, limit: number) {
  const { rows } = await q.query<{
    conversation_id: string;
    revealed_at: Date;
    format: Format;
    human: number;
    ai: number;
  }>(
    `SELECT r.conversation_id, r.revealed_at, r.format,
            count(*) FILTER (WHERE v.verdict = 'human')::int AS human,
            count(*) FILTER (WHERE v.verdict = 'ai')::int AS ai
       FROM votes v JOIN rounds r ON r.conversation_id = v.conversation_id AND r.phase = 'revealed'
      WHERE v.judged_persona_id = ANY(ARRAY(SELECT id FROM personas WHERE seat_of = $1))
      GROUP BY r.conversation_id, r.revealed_at, r.format
      ORDER BY r.revealed_at DESC, r.conversation_id LIMIT $2`,
    [personaId, limit],
  );
  return rows;
}
