/** The personas function: the routes in routes.ts behind the shared API handler. */
import { createDefaultPersona } from '@amianai/core/personas/default-persona';
import { onFirstSignIn } from '@amianai/shared/auth';
import { apiHandler } from '@amianai/shared/http';
import { router } from './routes';

// Whichever route a new user calls first, their starting persona is created with their users row.
onFirstSignIn(createDefaultPersona);

export const handler = apiHandler(router);
export { router };
