/** The games API (docs/api.md): queue, votes, result, stats, leaderboard, and AI personas' game seats. */

import {
  GlobalStatsView,
  globalStats,
  JoinQueueBody,
  joinQueue,
  LeaderboardQuery,
  LeaderboardView,
  leaderboard,
  leaveQueue,
  MyStatsView,
  myStats,
  PersonaGameView,
  PoolBody,
  personaGameStats,
  pollQueue,
  ResultView,
  roundResult,
  setGamePool,
  submitVotes,
  TicketView,
  VotesBody,
  VotesView,
} from '@amianai/core/games';
import type { AuthContext } from '@amianai/shared/auth';
import { db } from '@amianai/shared/db';
import { created, IdParams, ok, Router } from '@amianai/shared/http';
import { enforceWriteLimit } from '@amianai/shared/limits';

const viewer = (auth: AuthContext) => ({ userId: auth.user.id, isAdmin: auth.isAdmin });

/** Spends one write of the caller's per-minute allowance. */
async function writer(auth: AuthContext): Promise<AuthContext> {
  await enforceWriteLimit(db, auth.user.id);
  return auth;
}

export const router = new Router()
  .post(
    '/api/games/queue',
    {
      auth: 'user',
      body: JoinQueueBody,
      summary: 'Join the matchmaking queue; joining again returns your open ticket (200)',
      responses: { 201: TicketView, 200: TicketView },
      errors: [429],
    },
    async (req) => {
      const auth = await writer(req.auth);
      const { ticket, created: isNew } = await joinQueue(auth.user.id, req.body);
      return isNew ? created(ticket) : ok(ticket);
    },
  )
  .get(
    '/api/games/queue',
    {
      auth: 'user',
      summary: 'Your current ticket; polling it also runs the matching that has fallen due',
      responses: { 200: TicketView },
      errors: [404],
    },
    async (req) => ok(await pollQueue(req.auth.user.id)),
  )
  .delete(
    '/api/games/queue',
    {
      auth: 'user',
      summary: 'Leave the queue (a ticket matched meanwhile stays matched)',
      responses: { 200: TicketView },
      errors: [404],
    },
    async (req) => ok(await leaveQueue(req.auth.user.id)),
  )
  .post(
    '/api/games/{id}/votes',
    {
      auth: 'user',
      params: IdParams,
      body: VotesBody,
      summary: 'Your verdicts on the other participants; final once stored (the same again is 200)',
      responses: { 201: VotesView, 200: VotesView },
      errors: [404, 409, 429],
    },
    async (req) => {
      const auth = await writer(req.auth);
      const { view, created: isNew } = await submitVotes(auth.user.id, req.params.id, req.body);
      return isNew ? created(view) : ok(view);
    },
  )
  .get(
    '/api/games/{id}/result',
    {
      auth: 'user',
      params: IdParams,
      summary: 'After the reveal, to the round’s own players: who was what, your score, how you were judged',
      responses: { 200: ResultView },
      errors: [404, 409],
    },
    async (req) => ok(await roundResult(req.auth.user.id, req.params.id)),
  )
  .get(
    '/api/stats/me',
    { auth: 'user', summary: 'Your record over revealed rounds', responses: { 200: MyStatsView } },
    async (req) => ok(await myStats(req.auth.user.id)),
  )
  .get(
    '/api/stats',
    {
      auth: 'user',
      summary: 'Everyone’s accuracy, against humans and against AIs',
      responses: { 200: GlobalStatsView },
    },
    async () => ok(await globalStats()),
  )
  .get(
    '/api/leaderboard',
    {
      auth: 'user',
      query: LeaderboardQuery,
      summary: 'Best detectives (at least 5 rounds) or most human AI personas (at least 10 verdicts)',
      responses: { 200: LeaderboardView },
    },
    async (req) => ok(await leaderboard(req.auth.user.id, req.query)),
  )
  .get(
    '/api/games/personas/{id}',
    {
      auth: 'user',
      params: IdParams,
      summary: 'Owners: whether the AI persona plays in games, and how it was judged',
      responses: { 200: PersonaGameView },
      errors: [404],
    },
    async (req) => ok(await personaGameStats(viewer(req.auth), req.params.id)),
  )
  .put(
    '/api/games/personas/{id}/pool',
    {
      auth: 'user',
      params: IdParams,
      body: PoolBody,
      summary: 'Owners: enter a public AI persona in the game’s AI seats, or take it out',
      responses: { 200: PersonaGameView },
      errors: [404, 429],
    },
    async (req) => ok(await setGamePool(viewer(await writer(req.auth)), req.params.id, req.body.gamePool)),
  );
