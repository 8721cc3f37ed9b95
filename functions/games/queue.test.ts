/** The queue through the games handler: fair ticks, concurrency, AI seats (docs/design.md, "Game rounds"). */
import { clock, GAME } from '@amianai/core/games';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  callGames,
  manualClock,
  type Player,
  player,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';

withoutWriteLimit();
useTestDatabase();
const Q = '/api/games/queue';
let time: ReturnType<typeof manualClock>;
let ais: string[];

beforeAll(async () => {
  ais = [];
  for (let i = 0; i < 8; i++) ais.push(await aiPersona({ name: `House ${i}` }));
});
beforeEach(() => {
  time = manualClock(Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e9) * GAME.tickMs);
});
afterAll(() => clock.reset());

/** A round's seats, each with the persona it plays for (`persona_id`; the seat's own id is `seat_id`). */
async function seatsOf(conversationId: string) {
  const { rows } = await query<{ seat_id: string; persona_id: string; user_id: string | null; kind: string }>(
    `SELECT cp.persona_id AS seat_id, p.seat_of AS persona_id, cp.user_id, p.kind FROM conversation_participants cp
       JOIN personas p ON p.id = cp.persona_id WHERE cp.conversation_id = $1`,
    [conversationId],
  );
  return rows;
}

/** Joins, then moves the clock to the ticket's deadline and polls. */
async function playAlone(p: Player) {
  const joined = await callGames(p, 'POST', Q, { body: {} });
  time.at = new Date(joined.body.matchDeadline);
  return (await callGames(p, 'GET', Q)).body;
}

describe('joining and leaving', () => {
  it('answers 404 before the first ticket', async () => {
    const p = await player('Newcomer');
    expect((await callGames(p, 'GET', Q)).status).toBe(404);
  });

  it('queues with a deadline 1–4 ticks ahead, and returns the same open ticket when joined again', async () => {
    const p = await player('Rejoiner');
    const first = await callGames(p, 'POST', Q, { body: { format: 'duel' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual(
      expect.objectContaining({
        status: 'waiting',
        format: 'duel',
        personaId: p.personaId,
        conversationId: null,
      }),
    );
    const wait = Date.parse(first.body.matchDeadline) - time.at.getTime();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(GAME.dueTicks.max * GAME.tickMs);
    const again = await callGames(p, 'POST', Q, { body: { format: 'group' } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('leaves, and a new join is a new ticket', async () => {
    const p = await player('Leaver');
    const first = await callGames(p, 'POST', Q, { body: {} });
    const left = await callGames(p, 'DELETE', Q);
    expect(left.body).toEqual(expect.objectContaining({ id: first.body.id, status: 'left' }));
    const next = await callGames(p, 'POST', Q, { body: {} });
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(first.body.id);
  });

  it('refuses a persona that is not one of your human personas, and unknown formats', async () => {
    const p = await player('Picky');
    const other = await player('Other');
    const notMine = await callGames(p, 'POST', Q, { body: { personaId: other.personaId } });
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.code).toBe('invalid_persona');
    const own = await aiPersona({ name: 'Own AI', ownerId: p.userId });
    expect((await callGames(p, 'POST', Q, { body: { personaId: own } })).status).toBe(400);
    expect((await callGames(p, 'POST', Q, { body: { format: 'trio' } })).status).toBe(400);
  });
});

describe('matching', () => {
  it('gives a lone player an AI partner by the deadline', async () => {
    const p = await player('Lonely');
    const joined = await callGames(p, 'POST', Q, { body: {} });
    time.at = new Date(Date.parse(joined.body.matchDeadline) - 1);
    expect((await callGames(p, 'GET', Q)).body.status).toBe('waiting');
    time.at = new Date(joined.body.matchDeadline);
    const ticket = (await callGames(p, 'GET', Q)).body;
    expect(ticket.status).toBe('matched');
    const seats = await seatsOf(ticket.conversationId);
    expect(seats).toHaveLength(2);
    expect(seats.find((s) => s.user_id === null)?.kind).toBe('ai');
  });

  it('never seats a player with their own AI persona, nor with the same AI twice in a row', async () => {
    const p = await player('Regular');
    const own = await aiPersona({ name: 'Mine', ownerId: p.userId });
    await query('INSERT INTO game_pool (persona_id) VALUES ($1)', [own]);
    let last: string | undefined;
    for (let i = 0; i < 6; i++) {
      const ticket = await playAlone(p);
      expect(ticket.status).toBe('matched');
      const ai = (await seatsOf(ticket.conversationId)).find((s) => s.user_id === null)!.persona_id;
      expect(ai).not.toBe(own);
      expect(ai).not.toBe(last);
      last = ai;
      time.advance(GAME.liveMs.duel);
    }
  });

  it('takes AI seats from pool personas too, but never a private one', async () => {
    const owner = await player('Creator');
    const pooled = await aiPersona({ name: 'Pooled', ownerId: owner.userId });
    await query('INSERT INTO game_pool (persona_id) VALUES ($1)', [pooled]);
    const hidden = await aiPersona({ name: 'Hidden', ownerId: owner.userId });
    await query(`UPDATE personas SET visibility = 'private' WHERE id = $1`, [hidden]);
    await query('INSERT INTO game_pool (persona_id) VALUES ($1)', [hidden]);
    const seen = new Set<string>();
    // Seats are drawn at random from ~10 candidates: 80 rounds miss the pooled one with p < 0.0003.
    for (let i = 0; i < 80; i++) {
      const ticket = await playAlone(await player(`Guest ${i}`));
      for (const s of await seatsOf(ticket.conversationId)) if (!s.user_id) seen.add(s.persona_id);
    }
    expect(seen.has(pooled)).toBe(true);
    expect(seen.has(hidden)).toBe(false);
  });

  it('matches 100 concurrent joins into disjoint rounds, nobody twice, no round over-filled', async () => {
    const players = await Promise.all(Array.from({ length: 100 }, (_, i) => player(`Crowd ${i}`)));
    const joins = await Promise.all(
      players.map((p, i) => callGames(p, 'POST', Q, { body: { format: i % 4 === 0 ? 'group' : 'duel' } })),
    );
    expect(joins.every((j) => j.status === 201)).toBe(true);
    time.advance((GAME.dueTicks.max + 1) * GAME.tickMs);
    const polls = await Promise.all(players.map((p) => callGames(p, 'GET', Q)));
    // Concurrent passes skip tickets another pass holds locked, so on a server some polls answer "waiting";
    // by design the next request matches them. Poll those again until every ticket is matched.
    for (let round = 0; round < 5 && polls.some((r) => r.body.status !== 'matched'); round++) {
      for (const [i, p] of players.entries()) {
        if (polls[i]!.body.status !== 'matched') polls[i] = await callGames(p, 'GET', Q);
      }
    }
    expect(polls.map((r) => r.body.status)).toEqual(players.map(() => 'matched'));

    const userIds = players.map((p) => p.userId);
    const { rows } = await query<{
      conversation_id: string;
      format: 'duel' | 'group';
      n: number;
      humans: number;
    }>(
      `SELECT r.conversation_id, r.format, count(*)::int AS n, count(cp.user_id)::int AS humans
         FROM rounds r JOIN conversation_participants cp ON cp.conversation_id = r.conversation_id
        WHERE r.conversation_id IN (SELECT conversation_id FROM game_tickets WHERE user_id = ANY($1))
        GROUP BY r.conversation_id, r.format`,
      [userIds],
    );
    for (const r of rows) expect(r.n).toBe(GAME.seats[r.format]);
    expect(rows.reduce((n, r) => n + r.humans, 0)).toBe(100);
    const seats = await query<{ user_id: string; rounds: number }>(
      `SELECT user_id, count(DISTINCT conversation_id)::int AS rounds FROM conversation_participants
        WHERE user_id = ANY($1) GROUP BY user_id`,
      [userIds],
    );
    expect(seats.rows).toHaveLength(100);
    expect(seats.rows.every((s) => s.rounds === 1)).toBe(true);
    // The ticket points at the round the player sits in.
    for (const [i, p] of players.entries()) {
      const sits = await query(
        'SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2',
        [polls[i]!.body.conversationId, p.userId],
      );
      expect(sits.rowCount).toBe(1);
    }
  });
});
