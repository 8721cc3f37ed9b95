/**
 * Games function: the matchmaking queue, verdicts, results, stats and leaderboards (docs/api.md). Wiring only;
 * the game lives in @amianai/core/games.
 */
import { createDefaultPersona } from '@amianai/core/personas';
import { onFirstSignIn } from '@amianai/shared/auth';
import { apiHandler } from '@amianai/shared/http';
import { router } from './routes';

// Whichever route a new user calls first, their starting persona is created with their users row.
onFirstSignIn(createDefaultPersona);

export { router };
export const handler = apiHandler(router);
