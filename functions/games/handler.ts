/**
 * Games function: the matchmaking queue, verdicts, results, stats and leaderboards (DESIGN §11). Wiring only;
 * the game lives in @amianai/core/games.
 */
import { apiHandler } from '@amianai/shared/http';
import { router } from './routes';

export { router };
export const handler = apiHandler(router);
