/**
 * The numbers of the game (docs/design.md, "Game rounds"; the reasons are in docs/decisions.md, "Game rounds") and the phase
 * of a round, a pure function of its own times.
 */

export type Format = 'duel' | 'group';
export type Phase = 'live' | 'voting' | 'revealed';
export type Kind = 'human' | 'ai';

export const GAME = {
  /** Matching happens on shared ticks of wall-clock time. */
  tickMs: 3_000,
  /** A ticket falls due 1–4 ticks after it is queued, drawn uniformly. */
  dueTicks: { min: 1, max: 4 },
  /** A due human still gets only AI partners with this probability. */
  aiPartnerProbability: 1 / 3,
  seats: { duel: 2, group: 4 } as Record<Format, number>,
  liveMs: { duel: 120_000, group: 240_000 } as Record<Format, number>,
  votingMs: 60_000,
  /** AI messages in a row before the AIs wait for a human (a group can hold three AIs). */
  maxAiTurnsInRow: 2,
  /** Tickets one matching pass takes (the rest wait for the next request). */
  batch: 200,
  leaderboard: { minRounds: 5, minVerdicts: 10, size: 20 },
} as const;

export const tickOf = (at: Date): number => Math.floor(at.getTime() / GAME.tickMs);
export const tickTime = (tick: number): Date => new Date(tick * GAME.tickMs);

export interface RoundTimes {
  endsAt: Date;
  votingClosesAt: Date;
  /** Every human participant has voted. */
  allVoted: boolean;
}

/** live until endsAt; then voting until everyone voted or votingClosesAt; then revealed. */
export function phaseAt(round: RoundTimes, now: Date): Phase {
  if (now.getTime() < round.endsAt.getTime()) return 'live';
  if (round.allVoted || now.getTime() >= round.votingClosesAt.getTime()) return 'revealed';
  return 'voting';
}

/** When the round moved (or will move) into `revealed`, given the moment its last human vote landed. */
export function revealTime(round: Omit<RoundTimes, 'allVoted'>, lastVoteAt: Date | null): Date {
  if (lastVoteAt === null) return round.votingClosesAt;
  return new Date(
    Math.max(round.endsAt.getTime(), Math.min(lastVoteAt.getTime(), round.votingClosesAt.getTime())),
  );
}
