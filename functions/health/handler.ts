/** GET /api/health: liveness and version. Public, and never touches the database. */
import { config } from '@amianai/shared/config';
import { apiHandler, ok, Router } from '@amianai/shared/http';

const startedAt = new Date().toISOString();

export const router = new Router().get(
  '/api/health',
  { summary: 'Liveness and version; no token, no database' },
  async () =>
    ok({
      status: 'ok',
      version: config().version,
      stage: config().stage,
      startedAt,
      time: new Date().toISOString(),
    }),
);

export const handler = apiHandler(router);
