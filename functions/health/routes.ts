/** GET /api/health: liveness and version. Public, and never touches the database. */
import { config } from '@amianai/shared/config';
import { ok, Router } from '@amianai/shared/http';
import { Type } from '@sinclair/typebox';

const HealthView = Type.Object(
  {
    status: Type.Literal('ok'),
    version: Type.String(),
    stage: Type.String(),
    startedAt: Type.String({ format: 'date-time' }),
    time: Type.String({ format: 'date-time' }),
  },
  { $id: 'Health', additionalProperties: false },
);

const startedAt = new Date().toISOString();

export const router = new Router().get(
  '/api/health',
  {
    auth: 'public',
    summary: 'Liveness and version; no token, no database',
    responses: { 200: HealthView },
  },
  async () =>
    ok({
      status: 'ok' as const,
      version: config().version,
      stage: config().stage,
      startedAt,
      time: new Date().toISOString(),
    }),
);
