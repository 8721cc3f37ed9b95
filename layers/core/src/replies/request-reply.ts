/**
 * POST /api/ai/generate-response: one AI participant replies now, through the same engine as the worker.
 * Game integrity: in a game only the persona's owner (or an admin) may ask, and every other persona gets the
 * same 403 whether it is AI or not, so the endpoint cannot be used to probe who is an AI.
 */

import type { AuthContext } from '@amianai/shared/auth';
import { Conflict, Forbidden, HttpError, NotFound, Upstream } from '@amianai/shared/http';
import { ModelCallError } from '@amianai/shared/openai';
import type { Static } from '@sinclair/typebox';
import { BudgetExceededError } from '../usage/errors';
import { ReplyUnavailableError, respondNow } from './respond-now';
import type { GenerateResponseBody, MessageView } from './schemas';
import { replyAccess } from './store';
import { toMessageView } from './views';

/** Time kept back from the invocation's remaining time for storing and answering. */
const MARGIN_MS = 3_000;

export function budgetExceeded(err: BudgetExceededError): HttpError {
  const resetsAt = err.resetsAt.toISOString();
  return new HttpError(
    429,
    'budget_exceeded',
    `Your daily AI budget of $${err.budgetUsd.toFixed(2)} is spent; it resets at ${resetsAt}`,
    [{ path: 'resetsAt', message: resetsAt }],
    { 'Retry-After': String(Math.max(1, Math.ceil((err.resetsAt.getTime() - Date.now()) / 1000))) },
  );
}

function upstream(err: ModelCallError): HttpError {
  switch (err.kind) {
    case 'timeout':
      return new Upstream(504, 'ai_timeout', 'The reply took too long; try again');
    case 'rate_limited':
    case 'unavailable':
      return new Upstream(503, 'ai_unavailable', 'Replies are unavailable right now; try again shortly');
    default:
      return new Upstream(502, 'ai_failed', 'The reply could not be generated');
  }
}

export async function generateResponse(
  auth: AuthContext,
  body: Static<typeof GenerateResponseBody>,
  remainingMs: number,
): Promise<Static<typeof MessageView>> {
  const conversationId = body.conversationId.toLowerCase();
  const personaId = body.personaId.toLowerCase();
  const access = await replyAccess(conversationId, personaId, auth.user.id);
  if (!access || (!access.isParticipantUser && !auth.isAdmin)) throw new NotFound('Conversation');
  // Rounds play themselves: the same 403 for every participant, AI or not, owner or not.
  if (access.mode === 'game') throw new Forbidden('Nobody can ask for replies in a round');
  if (!access.isAiParticipant) throw new NotFound('AI participant');
  if (access.status !== 'active') throw new Conflict('The conversation has ended', 'conversation_ended');
  try {
    const message = await respondNow(
      { conversationId, personaId, userId: auth.user.id },
      { deadline: Date.now() + remainingMs - MARGIN_MS },
    );
    return toMessageView(message, { userId: auth.user.id, isAdmin: auth.isAdmin });
  } catch (err) {
    if (err instanceof BudgetExceededError) throw budgetExceeded(err);
    if (err instanceof ModelCallError) throw upstream(err);
    if (err instanceof ReplyUnavailableError) throw new Conflict(err.message, err.reason);
    throw err;
  }
}
