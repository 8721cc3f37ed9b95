/**
 * GET /api/me: the caller's user record and own personas. The first request of a new Cognito user creates
 * the user and a default human persona named after them (`authenticate` does that).
 */
import { authenticate } from '@amianai/shared/auth';
import { db } from '@amianai/shared/db';
import { apiHandler, ok, Router } from '@amianai/shared/http';
import { listOwnPersonas, toOwnerView } from '@amianai/shared/personas';
import { MeResponse } from './schemas';

export const router = new Router().get(
  '/api/me',
  {
    summary: "The caller's user record and own personas (creates both on the first request)",
    responses: { 200: MeResponse },
  },
  async (req) => {
    const { user } = await authenticate(req.event);
    const personas = await listOwnPersonas(db, user.id);
    return ok({
      user: { id: user.id, displayName: user.displayName, email: user.email, role: user.role },
      personas: personas.map(toOwnerView),
    });
  },
);

export const handler = apiHandler(router);
