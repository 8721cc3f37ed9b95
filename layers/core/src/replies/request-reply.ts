/**
 * POST /api/ai/generate-response: ask a participant you do not play to reply. It answers 202 `{ requestedAt }`
 * alike for an AI and a person (status, shape, checks and work done), so the button cannot be used to find out
 * who is an AI: an AI gets a reply job through the normal outbox and queue (the reply comes through the feed
 * with the usual reading and typing time); a person sees the request in their own feed for a while.
 * Chat only: in a round every persona gets the same 403.
 */

import type { AuthContext } from '@amianai/shared/auth';
import { config } from '@amianai/shared/config';
import { db, withTransaction } from '@amianai/shared/db';
import { Conflict, Forbidden, HttpError, Invalid, NotFound } from '@amianai/shared/http';
import { enforceWriteLimit } from '@amianai/shared/limits';
import { logger } from '@amianai/shared/observability';
import { pushEnabled, pushRequests } from '@amianai/shared/push';
import { sendReplyJobs } from '@amianai/shared/queue';
import type { Static } from '@sinclair/typebox';
import { requestsOfPlayer, upsertReplyRequest } from '../conversations/store';
import { assertWithinBudget } from '../usage/budget';
import { BudgetExceededError } from '../usage/errors';
import { spentTodayUsd } from '../usage/store';
import type { GenerateResponseAccepted, GenerateResponseBody } from './schemas';
import { replyAccess, requestReplyJob } from './store';
import { readingDelayMs } from './timing';

/** How long a person sees that they were asked to reply. */
export const REQUEST_SECONDS = 120;

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

/** The asked person's open tabs show the request at once instead of at their next poll. */
async function pushRequestTo(conversationId: string, personaId: string): Promise<void> {
  if (!pushEnabled()) return;
  try {
    const asked = await requestsOfPlayer(db, conversationId, personaId);
    if (!asked) return;
    const requests = asked.requests.map((r) => ({
      personaId: r.personaId,
      requestedAt: r.requestedAt.toISOString(),
    }));
    await pushRequests(conversationId, asked.userId, requests);
  } catch (err) {
    logger.warn('request push skipped', { conversationId, error: (err as Error)?.name ?? 'error' });
  }
}

export async function generateResponse(
  auth: AuthContext,
  body: Static<typeof GenerateResponseBody>,
): Promise<Static<typeof GenerateResponseAccepted>> {
  const conversationId = body.conversationId.toLowerCase();
  const personaId = body.personaId.toLowerCase();
  const access = await replyAccess(conversationId, personaId, auth.user.id);
  if (!access || (!access.isParticipantUser && !auth.isAdmin)) throw new NotFound('Conversation');
  // Rounds play themselves: the same 403 for every participant, AI or not, owner or not.
  if (access.mode === 'game') throw new Forbidden('Nobody can ask for replies in a round');
  if (!access.isParticipant) throw new NotFound('Participant');
  if (access.playedByCaller) {
    throw new Invalid('Invalid body', [
      { path: 'body/personaId', message: 'You play this persona yourself' },
    ]);
  }
  if (access.status !== 'active') throw new Conflict('The conversation has ended', 'conversation_ended');
  await enforceWriteLimit(db, auth.user.id);

  if (access.kind === 'ai') {
    // The owner asking their own AI pays for it, so they are told when their budget is spent (it is theirs
    // to know); anyone else's request is accepted and the persona simply may not answer.
    if (access.personaOwnerId === auth.user.id) {
      try {
        assertWithinBudget(await spentTodayUsd(db, auth.user.id));
      } catch (err) {
        if (err instanceof BudgetExceededError) throw budgetExceeded(err);
        throw err;
      }
    }
    const scale = config().aiTypingDelayScale;
    const jobId = await withTransaction((tx) =>
      requestReplyJob(tx, conversationId, personaId, (content) =>
        readingDelayMs(content, `${personaId}:${Date.now()}`, scale),
      ),
    );
    if (jobId) await sendReplyJobs([jobId]);
  } else {
    await upsertReplyRequest(db, {
      conversationId,
      personaId,
      userId: auth.user.id,
      seconds: REQUEST_SECONDS,
    });
    await pushRequestTo(conversationId, personaId);
  }
  return { requestedAt: new Date().toISOString() };
}
