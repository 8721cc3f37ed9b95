/**
 * games.match.p99: a queue poll that matches its player, through the warm games handler, while 200 other
 * players wait (their tickets not yet due, so every pass reads past them). Time is scripted with the game
 * clock: each sample queues one player, moves to their deadline and times the poll that matches them.
 */
import { clock, GAME } from '@amianai/core/games';
import { ensureUser } from '@amianai/shared/auth';
import { query } from '@amianai/shared/db';
import { handler } from '../functions/games/handler';
import { apiEvent, lambdaContext, newCaller, type TestCaller } from '../tests/support/events';
import { percentile, round } from './stats';
import { benchDatabase } from './support';
import type { BenchResult } from './types';

const WAITING = 200;
const SAMPLES = 150;

async function caller(name: string): Promise<TestCaller> {
  const c = newCaller(name);
  await ensureUser({ sub: c.sub, name: c.name, groups: [], isAdmin: false });
  return c;
}

const call = async (who: TestCaller, method: string) =>
  (await handler(
    apiEvent({ method, resource: '/api/games/queue', caller: who, body: method === 'POST' ? {} : undefined }),
    lambdaContext('games'),
  )) as { statusCode: number; body: string };

export async function run(): Promise<BenchResult[]> {
  process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
  const db = await benchDatabase();
  let now = new Date(Date.UTC(2033, 0, 1));
  clock.set(() => now);
  try {
    for (let i = 0; i < 8; i++) {
      await query(
        `INSERT INTO personas (owner_id, name, kind, visibility, ai) VALUES (NULL, $1, 'ai', 'public', '{}')`,
        [`House ${i}`],
      );
    }
    // 200 players whose tickets fall due only long after the run.
    for (let i = 0; i < WAITING; i++) await call(await caller(`Waiting ${i}`), 'POST');
    await query(`UPDATE game_tickets SET due_tick = due_tick + 1000000 WHERE status = 'waiting'`);
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES + 10; i++) {
      const who = await caller(`Sample ${i}`);
      const joined = JSON.parse((await call(who, 'POST')).body) as { matchDeadline: string };
      now = new Date(joined.matchDeadline);
      const started = performance.now();
      const res = await call(who, 'GET');
      const ms = performance.now() - started;
      if ((JSON.parse(res.body) as { status: string }).status !== 'matched')
        throw new Error('poll did not match');
      if (i >= 10) samples.push(ms);
      now = new Date(now.getTime() + GAME.tickMs);
    }
    const waiting = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM game_tickets WHERE status = 'waiting'`,
    );
    return [
      {
        name: 'games.match.p99',
        unit: 'ms',
        value: round(percentile(samples, 99), 2),
        notes: `warm handler, ${waiting.rows[0]?.n} players waiting, ${SAMPLES} matching polls; p50 ${round(percentile(samples, 50), 2)} ms`,
      },
    ];
  } finally {
    clock.reset();
    await db.stop();
  }
}
