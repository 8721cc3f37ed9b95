/** The health function: the routes in routes.ts behind the shared API handler. */
import { apiHandler } from '@amianai/shared/http';
import { router } from './routes';

export const handler = apiHandler(router);
export { router };
