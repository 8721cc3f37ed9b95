/**
 * The games' part of the scheduled sweeper: matching that fell due with nobody asking, and rounds whose
 * phase is due. Its own entry, so the sweeper loads neither the API schemas nor stats and votes.
 */
export { matchDueTickets } from './matchmaking';
export { SWEEP_LIMIT, settleDueRounds } from './rounds';
