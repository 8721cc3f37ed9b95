/** Stats and leaderboards: revealed rounds only, with the minimums of §11 (5 rounds, 10 verdicts). */
import { planSeats } from '@amianai/core/games';
import { insertSeatCopies } from '@amianai/core/personas';
import { query, withTransaction } from '@amianai/shared/db';
import {
  aiPersona,
  callGames,
  type Player,
  player,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';

withoutWriteLimit();
useTestDatabase();

/** Seat copies for a round, as matchmaking makes them: their ids, in the order given. */
async function seats(...personaIds: string[]): Promise<string[]> {
  const planned = planSeats(personaIds, Math.random);
  await withTransaction((tx) => insertSeatCopies(tx, planned, new Date()));
  return planned.map((s) => s.id);
}

/** A duel between a player and a persona (each on a seat), revealed (or not), with the player's verdict. */
async function duel(
  p: Player,
  opponent: string,
  verdict: 'human' | 'ai',
  revealed = true,
  judgedBack?: 'human' | 'ai',
) {
  const { rows } = await query<{ id: string }>(
    `INSERT INTO conversations (title, mode, status, created_by) VALUES ('Round', 'game', 'ended', $1) RETURNING id`,
    [p.userId],
  );
  const id = rows[0]!.id;
  const [mine, theirs] = await seats(p.personaId, opponent);
  await query(
    `INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3), ($1, $4, NULL)`,
    [id, mine, p.userId, theirs],
  );
  await query(
    `INSERT INTO rounds (conversation_id, format, phase, starts_at, ends_at, voting_closes_at, revealed_at)
     VALUES ($1, 'duel', $2, now() - interval '10 minutes', now() - interval '8 minutes', now() - interval '7 minutes',
             CASE WHEN $2 = 'revealed' THEN now() - interval '7 minutes' END)`,
    [id, revealed ? 'revealed' : 'voting'],
  );
  await query(
    `INSERT INTO votes (conversation_id, voter_user_id, voter_persona_id, judged_persona_id, verdict, correct, created_at)
     SELECT $1, $2, $3, $4, $5, CASE WHEN $6 THEN $5 = p.kind END, now() FROM personas p WHERE p.id = $4`,
    [id, p.userId, mine, theirs, verdict, revealed],
  );
  if (judgedBack) {
    const other = await player('Judge');
    const [judge] = await seats(other.personaId);
    await query(
      `INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3)`,
      [id, judge, other.userId],
    );
    await query(
      `INSERT INTO votes (conversation_id, voter_user_id, voter_persona_id, judged_persona_id, verdict, correct, created_at)
       VALUES ($1, $2, $3, $4, $5, $5 = 'human', now())`,
      [id, other.userId, judge, mine, judgedBack],
    );
  }
  return id;
}

describe('my stats', () => {
  it('counts revealed rounds only: accuracy against AIs and humans, judged-human rate, streaks', async () => {
    const me = await player('Sleuth');
    const bot = await aiPersona({ name: 'Bot' });
    await duel(me, bot, 'ai');
    await duel(me, bot, 'ai', true, 'human');
    await duel(me, bot, 'human', true, 'ai');
    await duel(me, bot, 'ai');
    await duel(me, bot, 'ai');
    await duel(me, bot, 'human', false); // not revealed: not counted
    const res = await callGames(me, 'GET', '/api/stats/me');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      rounds: 5,
      points: 4 + 1,
      overall: { verdicts: 5, correct: 4, accuracy: 0.8 },
      vsHumans: { verdicts: 0, correct: 0, accuracy: null },
      vsAis: { verdicts: 5, correct: 4, accuracy: 0.8 },
      judgedAs: { human: 1, ai: 1 },
      judgedHumanRate: 0.5,
      streaks: { current: 2, best: 2 },
    });
  });
});

describe('leaderboards', () => {
  it('lists players with at least 5 revealed rounds, best accuracy first', async () => {
    const bot = await aiPersona({ name: 'Target' });
    const [good, fair, few] = [await player('Good'), await player('Fair'), await player('Few')];
    for (let i = 0; i < 5; i++) await duel(good, bot, 'ai');
    for (let i = 0; i < 6; i++) await duel(fair, bot, i < 3 ? 'ai' : 'human');
    for (let i = 0; i < 4; i++) await duel(few, bot, 'ai');
    const res = await callGames(fair, 'GET', '/api/leaderboard', {
      query: { board: 'players', period: 'all' },
    });
    const names = res.body.items.map((e: { name: string }) => e.name);
    expect(names.indexOf(good.caller.name)).toBeLessThan(names.indexOf(fair.caller.name));
    expect(names).not.toContain(few.caller.name);
    const mine = res.body.items.find((e: { isMe: boolean }) => e.isMe);
    expect(mine).toEqual(expect.objectContaining({ rounds: 6, verdicts: 6, rate: 0.5 }));
    expect(res.body.minimum).toBe(5);
  });

  it('lists AI personas with at least 10 verdicts by judged-human rate, and never a human persona', async () => {
    const p = await player('Voter');
    const [smooth, stiff, rare] = [
      await aiPersona({ name: 'Smooth' }),
      await aiPersona({ name: 'Stiff' }),
      await aiPersona({ name: 'Rare' }),
    ];
    for (let i = 0; i < 10; i++) await duel(p, smooth, i < 7 ? 'human' : 'ai');
    for (let i = 0; i < 10; i++) await duel(p, stiff, i < 2 ? 'human' : 'ai');
    for (let i = 0; i < 9; i++) await duel(p, rare, 'human');
    const res = await callGames(p, 'GET', '/api/leaderboard', { query: { board: 'personas' } });
    const ids = res.body.items.map((e: { id: string }) => e.id);
    expect(ids.indexOf(smooth)).toBeLessThan(ids.indexOf(stiff));
    expect(ids).not.toContain(rare);
    expect(res.body.items.find((e: { id: string }) => e.id === smooth).rate).toBe(0.7);
    expect(res.body.minimum).toBe(10);
  });

  it('rejects an unknown board with 400', async () => {
    const p = await player('Curious');
    expect((await callGames(p, 'GET', '/api/leaderboard', { query: { board: 'cats' } })).status).toBe(400);
  });
});

describe('an AI persona in the game', () => {
  it('lets its owner enter it in the pool and see how it was judged; others get 404', async () => {
    const owner = await player('Maker');
    const stranger = await player('Stranger');
    const mine = await aiPersona({ name: 'Mimic', ownerId: owner.userId });
    for (let i = 0; i < 4; i++) await duel(stranger, mine, i < 3 ? 'human' : 'ai');
    const on = await callGames(owner, 'PUT', '/api/games/personas/{id}/pool', {
      id: mine,
      body: { gamePool: true },
    });
    expect(on.status).toBe(200);
    expect(on.body).toEqual(
      expect.objectContaining({
        gamePool: true,
        rounds: 4,
        judgedAs: { human: 3, ai: 1 },
        judgedHumanRate: 0.75,
      }),
    );
    expect((await callGames(stranger, 'GET', '/api/games/personas/{id}', { id: mine })).status).toBe(404);
    const human = await callGames(owner, 'PUT', '/api/games/personas/{id}/pool', {
      id: owner.personaId,
      body: { gamePool: true },
    });
    expect(human.status).toBe(400);
  });

  it('counts global accuracy against humans and AIs', async () => {
    const p = await player('Any');
    const res = await callGames(p, 'GET', '/api/stats');
    expect(res.status).toBe(200);
    expect(res.body.vsAis.verdicts).toBeGreaterThan(0);
    expect(res.body.overall.verdicts).toBe(res.body.vsAis.verdicts + res.body.vsHumans.verdicts);
  });
});
