/**
 * GET /api/me: the caller's user record and own personas. The first request of a new Cognito user creates
 * the user and a default human persona named after them (`authenticate` does that).
 */

import { listOwnPersonas, toOwnerView } from '@amianai/core/personas';
import { db } from '@amianai/shared/db';
import { ok, Router } from '@amianai/shared/http';
import { MeResponse } from './schemas';

export const router = new Router().get(
  '/api/me',
  {
    auth: 'user',
    summary: "The caller's user record and own personas (creates both on the first request)",
    responses: { 200: MeResponse },
  },
  async (req) => {
    const { user } = req.auth;
    const personas = await listOwnPersonas(db, user.id);
    return ok({
      user: { id: user.id, displayName: user.displayName, email: user.email, role: user.role },
      personas: personas.map(toOwnerView),
    });
  },
);
