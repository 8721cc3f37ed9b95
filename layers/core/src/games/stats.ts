/** Stats and leaderboards, from revealed rounds only; an AI persona's owner sees how it was judged. */
import { db } from '@amianai/shared/db';
import { Invalid, NotFound } from '@amianai/shared/http';
import { canManagePersona, findPersona, type Viewer } from '../personas';
import { clock } from './clock';
import { GAME } from './rules';
import type {
  GlobalStatsView,
  LeaderboardQuery,
  LeaderboardView,
  MyStatsView,
  PersonaGameView,
} from './schemas';
import { accuracy, rate, streaks } from './scoring';
import {
  board,
  globalCounts,
  inPool,
  myRoundsAndJudgements,
  myVerdicts,
  personaRounds,
  setPool,
} from './store';

export async function myStats(userId: string): Promise<MyStatsView> {
  const verdicts = await myVerdicts(db, userId);
  const mine = await myRoundsAndJudgements(db, userId);
  const count = (rows: typeof verdicts) => accuracy(rows.length, rows.filter((r) => r.correct).length);
  const perfect = new Map<string, boolean>();
  for (const v of verdicts)
    perfect.set(v.conversation_id, (perfect.get(v.conversation_id) ?? true) && v.correct);
  const overall = count(verdicts);
  return {
    rounds: mine.rounds,
    points: overall.correct + mine.human,
    overall,
    vsHumans: count(verdicts.filter((v) => v.kind === 'human')),
    vsAis: count(verdicts.filter((v) => v.kind === 'ai')),
    judgedAs: { human: mine.human, ai: mine.ai },
    judgedHumanRate: rate(mine.human, mine.human + mine.ai),
    streaks: streaks([...perfect.values()]),
  };
}

export async function globalStats(): Promise<GlobalStatsView> {
  const rows = await globalCounts(db);
  const of = (kind: 'human' | 'ai') => rows.find((r) => r.kind === kind) ?? { verdicts: 0, correct: 0 };
  const [h, a] = [of('human'), of('ai')];
  return {
    rounds: rows[0]?.rounds ?? 0,
    overall: accuracy(h.verdicts + a.verdicts, h.correct + a.correct),
    vsHumans: accuracy(h.verdicts, h.correct),
    vsAis: accuracy(a.verdicts, a.correct),
  };
}

export async function leaderboard(
  userId: string,
  q: LeaderboardQuery,
  now = clock.now(),
): Promise<LeaderboardView> {
  const kind = q.board ?? 'players';
  const period = q.period ?? 'week';
  const since = period === 'week' ? new Date(now.getTime() - 7 * 86_400_000) : null;
  const minimum = kind === 'players' ? GAME.leaderboard.minRounds : GAME.leaderboard.minVerdicts;
  const rows = await board(db, kind, since, minimum, GAME.leaderboard.size);
  return {
    board: kind,
    period,
    minimum,
    items: rows.map((r, i) => ({
      rank: i + 1,
      id: r.id,
      name: r.name,
      rounds: r.rounds,
      verdicts: r.verdicts,
      rate: rate(r.hits, r.verdicts) ?? 0,
      isMe: r.owner_id === userId,
    })),
  };
}

/** The persona if the viewer manages it; 404 otherwise (as the personas API answers). */
async function managed(viewer: Viewer, personaId: string) {
  const row = await findPersona(db, personaId.toLowerCase());
  if (!row || !canManagePersona(row, viewer)) throw new NotFound('Persona');
  return row;
}

export async function personaGameStats(viewer: Viewer, personaId: string): Promise<PersonaGameView> {
  const row = await managed(viewer, personaId);
  const rounds = await personaRounds(db, row.id, 1000);
  const human = rounds.reduce((n, r) => n + r.human, 0);
  const ai = rounds.reduce((n, r) => n + r.ai, 0);
  return {
    personaId: row.id,
    gamePool: await inPool(db, row.id),
    rounds: rounds.length,
    judgedAs: { human, ai },
    judgedHumanRate: rate(human, human + ai),
    history: rounds.slice(0, 20).map((r) => ({
      conversationId: r.conversation_id,
      revealedAt: r.revealed_at.toISOString(),
      format: r.format,
      judgedHuman: r.human,
      judgedAi: r.ai,
    })),
  };
}

/** Enters an AI persona in the game's AI seats, or takes it out. Only public AI personas can play. */
export async function setGamePool(viewer: Viewer, personaId: string, on: boolean): Promise<PersonaGameView> {
  const row = await managed(viewer, personaId);
  const problem =
    row.kind !== 'ai'
      ? 'Only AI personas take AI seats; play your human personas yourself'
      : on && row.visibility !== 'public'
        ? 'Make the persona public to enter it in games'
        : undefined;
  if (problem) throw new Invalid(problem, [{ path: 'body/gamePool', message: problem }], 'not_playable');
  await setPool(db, row.id, on);
  return personaGameStats(viewer, row.id);
}
