/**
 * The games aggregate (docs/design.md, "Game rounds"): matchmaking queue, timed anonymous rounds, verdicts, reveal, scores,
 * stats and leaderboards. Tables: game_tickets, rounds, votes, game_pool (SQL only in store.ts). Every seat
 * is a persona copy made for its round (seats.ts).
 */
export { clock, dice } from './clock';
export { type MatchOptions, matchDueTickets, pickAiSeats, planTick } from './matchmaking';
export { joinQueue, leaveQueue, pollQueue } from './queue';
export {
  assertRoundOpen,
  SWEEP_LIMIT,
  settleDueRounds,
  settleRound,
  withRounds,
} from './rounds';
export { type Format, GAME, type Phase, phaseAt, tickOf, tickTime } from './rules';
export * from './schemas';
export { scoreRound, streaks } from './scoring';
export { ALIASES, planSeats, type SeatPlan } from './seats';
export { globalStats, leaderboard, myStats, personaGameStats, setGamePool } from './stats';
export { toRoundView, toTicketView } from './views';
export { roundResult, submitVotes } from './votes';
