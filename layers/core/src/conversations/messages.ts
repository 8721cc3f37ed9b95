/** Messages: post (race-free sequence numbers, idempotent retries, AI reply outbox), read, typing. */

import type { AuthContext } from '@amianai/shared/auth';
import { db, isUniqueViolation, withTransaction } from '@amianai/shared/db';
import { Conflict, decodeCursor, encodeCursor, Forbidden, Invalid, NotFound } from '@amianai/shared/http';
import { enforceWriteLimit } from '@amianai/shared/limits';
import { pushMessages, pushTyping } from '@amianai/shared/push';
import { sendReplyJobs } from '@amianai/shared/queue';
import type { Static } from '@sinclair/typebox';
import { assertRoundOpen, settleRound } from '../games/rounds';
import { createReplyJobs, publishDueReplies, typingPersonas, typingSources } from '../replies';
import { requiredText, viewerOf } from './conversations';
import {
  LIMITS,
  type ListMessagesQuery,
  MessageCursor,
  type MessagePage,
  type MessageView,
  type PostMessageBody,
} from './schemas';
import {
  allocateSequence,
  type FeedMessage,
  type FeedWindow,
  findMessageByClientId,
  insertMessage,
  type PostingRights,
  postingRights,
  readFeed,
  upsertTyping,
} from './store';
import { type MessageRow, toMessageView, type Viewer } from './views';

type Message = Static<typeof MessageView>;

const CLIENT_ID_CONSTRAINT = 'messages_conversation_id_client_message_id_key';

const ended = () => new Conflict('The conversation has ended', 'conversation_ended');

/** 404 unless the caller may see the conversation, 403 unless the persona is theirs to act as. */
function checkRights(rights: PostingRights | undefined, viewer: Viewer): asserts rights is PostingRights {
  if (!rights || (!rights.member && !viewer.isAdmin)) throw new NotFound('Conversation');
  if (!rights.canPost)
    throw new Forbidden('You can only act as one of your own human personas in this conversation');
}

/** A retry with a known client message id: the same message again, if it really is the same request. */
function replay(existing: MessageRow, personaId: string, content: string, viewer: Viewer): Message {
  if (existing.persona_id !== personaId || existing.content !== content) {
    throw new Conflict(
      'This clientMessageId was already used for a different message',
      'client_message_id_reused',
    );
  }
  return toMessageView(existing, viewer);
}

export interface PostResult {
  message: Message;
  /** False when an earlier request with the same clientMessageId had already stored it. */
  created: boolean;
}

export async function postMessage(
  auth: AuthContext,
  conversationId: string,
  body: PostMessageBody,
): Promise<PostResult> {
  const viewer = viewerOf(auth);
  const content = requiredText(body.content, 'body/content');
  const personaId = body.personaId.toLowerCase();
  const clientMessageId = body.clientMessageId ?? null;
  await enforceWriteLimit(db, auth.user.id);
  try {
    const outcome = await withTransaction(async (tx) => {
      const rights = await postingRights(tx, conversationId, personaId, auth.user.id);
      checkRights(rights, viewer);
      // A retry of a message that was stored is answered even if the conversation ended since.
      if (clientMessageId) {
        const existing = await findMessageByClientId(tx, conversationId, clientMessageId);
        if (existing)
          return { message: replay(existing, personaId, content, viewer), created: false, jobIds: [] };
      }
      const inRound = await assertRoundOpen(tx, conversationId, auth.user.id);
      if (rights.status !== 'active') throw ended();
      const seq = await allocateSequence(tx, conversationId, { activeOnly: true });
      if (seq === undefined) throw ended();
      const row = await insertMessage(tx, { conversationId, seq, personaId, content, clientMessageId });
      const jobIds = await createReplyJobs(tx, {
        conversationId,
        messageId: row.id,
        personaId,
        // Replies in a round are the house's: a player's usage never shows whether a partner is an AI.
        userId: inRound ? null : auth.user.id,
      });
      return { message: toMessageView(row, viewer), created: true, jobIds, row };
    });
    if (outcome.created) await pushMessages(conversationId, [outcome.row!], toMessageView);
    // After commit: a lost send is recovered by the sweeper, which re-queues jobs left queued.
    if (outcome.jobIds.length) await sendReplyJobs(outcome.jobIds);
    return { message: outcome.message, created: outcome.created };
  } catch (err) {
    // A concurrent request with the same client message id committed first; ours rolled back whole
    // (sequence number included), so answer with the stored message.
    const constraint = (err as { constraint?: string }).constraint;
    if (clientMessageId && isUniqueViolation(err) && constraint === CLIENT_ID_CONSTRAINT) {
      const existing = await findMessageByClientId(db, conversationId, clientMessageId);
      if (existing) return { message: replay(existing, personaId, content, viewer), created: false };
    }
    throw err;
  }
}

export async function heartbeatTyping(
  auth: AuthContext,
  conversationId: string,
  personaId: string,
): Promise<void> {
  const id = personaId.toLowerCase();
  await assertRoundOpen(db, conversationId, auth.user.id);
  const written = await upsertTyping(db, conversationId, id, auth.user.id);
  if (written === 'started') await pushTyping(conversationId, typingSources, auth.user.id);
  if (written) return;
  // Nothing was written: find out why (the common path stays one statement).
  const rights = await postingRights(db, conversationId, id, auth.user.id);
  checkRights(rights, viewerOf(auth));
  throw ended();
}

function windowOf(query: ListMessagesQuery): FeedWindow {
  const limit = query.limit ?? LIMITS.messagesPage.default;
  if (query.after !== undefined && query.cursor !== undefined) {
    throw new Invalid('Use either after or cursor', [
      { path: 'query/after', message: 'Not together with cursor' },
    ]);
  }
  if (query.after !== undefined) return { kind: 'after', seq: query.after, limit };
  if (query.cursor === undefined) return { kind: 'latest', limit: limit + 1 };
  return { kind: 'before', seq: decodeCursor(MessageCursor, query.cursor).before, limit: limit + 1 };
}

/**
 * Picks what a page shows. Sequence order is display order, so a poller that resumes `after` the last
 * seq it saw must never have skipped one: the newest page and polls stop before the first message that
 * is not visible yet (older pages can only hide it).
 */
function selectPage(
  rows: FeedMessage[],
  window: FeedWindow,
): { shown: FeedMessage[]; before: number | null } {
  if (window.kind === 'after') {
    const stop = rows.findIndex((r) => !r.visible);
    return { shown: stop < 0 ? rows : rows.slice(0, stop), before: null };
  }
  const hasMore = rows.length === window.limit;
  const page = hasMore ? rows.slice(1) : rows;
  const firstHidden = page.find((r) => !r.visible)?.seq;
  const shown =
    window.kind === 'latest' && firstHidden !== undefined
      ? page.filter((r) => r.seq < firstHidden)
      : page.filter((r) => r.visible);
  return { shown, before: hasMore ? page[0]!.seq : null };
}

type Typist = { personaId: string; name: string };

/** One entry per persona, in a stable order (the ETag depends on it). */
function mergeTyping(people: Typist[], ais: Typist[]): Typist[] {
  const all = new Map(
    [...people, ...ais].map((t) => [t.personaId, { personaId: t.personaId, name: t.name }]),
  );
  const key = (t: Typist) => `${t.name}\u0000${t.personaId}`;
  return [...all.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export async function listMessages(
  auth: AuthContext,
  conversationId: string,
  query: ListMessagesQuery,
): Promise<Static<typeof MessagePage>> {
  const viewer = viewerOf(auth);
  const window = windowOf(query);
  // A round past its end is ended (and nobody typing) before anyone reads it.
  await settleRound(conversationId);
  await publishDueReplies(conversationId);
  const feed = await readFeed(db, conversationId, viewer, window);
  if (!feed) throw new NotFound('Conversation');
  const rows = [...feed.messages].sort((a, b) => a.seq - b.seq);
  const { shown, before } = selectPage(rows, window);
  // Who of the AIs shows as typing is the engine's rule (reading delay, stale claims); asked only while
  // some reply is in progress, so an idle poll stays one statement here.
  const typing = feed.ai_working
    ? mergeTyping(feed.typing, await typingPersonas(db, conversationId))
    : feed.typing;
  return {
    items: shown.map((r) => toMessageView(r, viewer)),
    nextCursor: before === null ? null : encodeCursor({ before }),
    typing,
    requests: feed.requests.map((r) => ({
      personaId: r.personaId,
      requestedAt: new Date(r.requestedAt).toISOString(),
    })),
  };
}
