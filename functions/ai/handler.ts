/** The ai function: the routes in routes.ts behind the shared API handler. */

import { apiHandler } from '@amianai/shared/http';
import { announceAiProvider } from '@amianai/shared/openai';
import { router } from './routes';

announceAiProvider();

export const handler = apiHandler(router);
export { router };
