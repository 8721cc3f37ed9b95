/** The sweeper's game pass: rounds whose phase is due are settled without anyone asking, a bounded batch per run. */
import { clock, GAME, joinQueue, pollQueue, settleDueRounds } from '@amianai/core/games';
import { query } from '@amianai/shared/db';
import scheduled from '../../events/sweeper/schedule.json';
import { aiPersona, lambdaContext, manualClock, player, useTestDatabase } from '../../tests/support/fixtures';
import { handler as sweeper } from './handler';

useTestDatabase();
const solo = () => 0.1; // below the AI-partner draw: every player gets an AI partner
let time: ReturnType<typeof manualClock>;
let rounds: string[];

const phases = async () =>
  (
    await query<{ phase: string }>(
      'SELECT phase FROM rounds WHERE conversation_id = ANY($1::uuid[]) ORDER BY phase',
      [rounds],
    )
  ).rows.map((r) => r.phase);

beforeAll(async () => {
  for (let i = 0; i < 4; i++) await aiPersona({ name: `House ${i}` });
  time = manualClock(Date.UTC(2034, 0, 1));
  rounds = [];
  for (const name of ['Ivy', 'Jo', 'Kim']) {
    const p = await player(name);
    await joinQueue(p.userId, { format: 'duel' }, { random: solo });
    time.advance(GAME.dueTicks.max * GAME.tickMs);
    rounds.push((await pollQueue(p.userId, { random: solo })).conversationId!);
  }
});
afterAll(() => clock.reset());

describe('settling due rounds', () => {
  it('leaves live rounds alone, then moves at most a batch of due ones per pass', async () => {
    expect(await settleDueRounds(clock.now(), 2)).toBe(0);
    time.advance(GAME.liveMs.duel);
    expect(await settleDueRounds(clock.now(), 2)).toBe(2);
    expect(await phases()).toEqual(['live', 'voting', 'voting']);
    expect(await settleDueRounds(clock.now(), 2)).toBe(1);
    expect(await settleDueRounds(clock.now(), 2)).toBe(0);
  });

  it('runs on the schedule: voting rounds past their close are revealed', async () => {
    time.advance(GAME.votingMs);
    const result = await sweeper(scheduled as never, lambdaContext('sweeper'));
    expect(result).toMatchObject({ roundsSettled: 3 });
    expect(await phases()).toEqual(['revealed', 'revealed', 'revealed']);
  });
});
