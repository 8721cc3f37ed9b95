// The games API (docs/api.md): one function per route, typed from the generated OpenAPI types like the rest
// of the app's endpoints, so a route the API renames or reshapes fails the type check here too.
import { type Api, typedCall } from '../api/endpoints';
import type { GameFormat, Leaderboard, Verdict } from '../api/types';

export type {
  Accuracy,
  GameFormat as Format,
  Leaderboard,
  Round,
  Ticket,
  Verdict,
} from '../api/types';

export function gamesApi(api: Api) {
  const call = typedCall(api.client);
  return {
    join: (format: GameFormat) => call('post', '/api/games/queue', { body: { format } }),
    poll: () => call('get', '/api/games/queue', {}),
    leave: () => call('delete', '/api/games/queue', {}),
    /** The round's conversation: participants and `round` (phase and times). */
    round: (conversationId: string, signal?: AbortSignal) => api.getConversation(conversationId, signal),
    vote: (conversationId: string, votes: Array<{ personaId: string; verdict: Verdict }>) =>
      call('post', '/api/games/{id}/votes', { path: { id: conversationId }, body: { votes } }),
    result: (conversationId: string) =>
      call('get', '/api/games/{id}/result', { path: { id: conversationId } }),
    myStats: () => call('get', '/api/stats/me', {}),
    stats: () => call('get', '/api/stats', {}),
    leaderboard: (board: Leaderboard['board'], period: Leaderboard['period']) =>
      call('get', '/api/leaderboard', { query: { board, period } }),
    personaGame: (personaId: string) => call('get', '/api/games/personas/{id}', { path: { id: personaId } }),
    setPool: (personaId: string, gamePool: boolean) =>
      call('put', '/api/games/personas/{id}/pool', { path: { id: personaId }, body: { gamePool } }),
  };
}

export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;
