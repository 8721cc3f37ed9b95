/**
 * Publishing: a ready reply becomes a message (allocating the next seq) only when its `visible_at` has come,
 * so seq order is visibility order and `?after=<seq>` polling never misses a late reply. Publishing is
 * idempotent (one message per job: `messages.ai_job_id` is unique, and the job row is locked while it
 * happens) and runs from the read path, the worker's delayed queue message and the sweeper alike.
 * A published AI reply is itself a trigger: the same policy decides whether another AI answers it.
 */

import type { Transaction } from '@amianai/shared/db';
import { db, withTransaction } from '@amianai/shared/db';
import { logger } from '@amianai/shared/observability';
import { pushEnabled, pushMessages, type TypingSources } from '@amianai/shared/push';
import { sendReplyJobs } from '@amianai/shared/queue';
import { toMessageView, type Viewer } from '../conversations/message-view';
import { allocateSequence, insertReplies, lockConversation, typingPeople } from '../conversations/store';
import { createReplyJobs } from './outbox';
import { hasDueReplies, lockReadyJobs, markJobsPublished, skipEndedJobs, typingPersonas } from './store';

export { typingPersonas } from './store';

/** A conversation's typing list as the HTTP feed builds it: heartbeats plus the replies being typed. */
export const typingSources: TypingSources = {
  people: (conversationId) => typingPeople(db, conversationId),
  ais: (conversationId) => typingPersonas(db, conversationId),
};

export interface PublishedMessage {
  id: string;
  conversationId: string;
  seq: number;
  personaId: string;
  personaName: string;
  avatarUrl: string | null;
  /** The persona's owner (null for house personas): they and admins may see `metadata`. */
  ownerId: string | null;
  content: string;
  kind: 'text';
  createdAt: string;
  metadata: Record<string, unknown>;
  jobId: string;
}

/** A published reply as GET …/messages shows it to `viewer` (the event followers receive). */
const publishedView = (m: PublishedMessage, viewer: Viewer) =>
  toMessageView({ ...m, clientMessageId: null, visibleAt: m.createdAt }, viewer);

export interface PublishOptions {
  /** Only these jobs (default: every due job of the conversation). */
  jobIds?: string[];
  /** Give up at once if another writer holds the conversation (the read path must not queue behind posts). */
  skipLocked?: boolean;
}

/** Publishes due replies inside `tx`; returns them and the follow-up AI jobs they triggered. */
export async function publishReadyJobs(
  tx: Transaction,
  conversationId: string,
  opts: PublishOptions = {},
): Promise<{ published: PublishedMessage[]; followUpJobIds: string[] }> {
  const status = await lockConversation(tx, conversationId, { skipLocked: opts.skipLocked });
  if (!status) return { published: [], followUpJobIds: [] };
  const rows = await lockReadyJobs(tx, conversationId, opts);
  if (rows.length === 0) return { published: [], followUpJobIds: [] };

  if (status !== 'active') {
    // The conversation ended before these replies were due: they are dropped, their usage stays recorded.
    await skipEndedJobs(
      tx,
      rows.map((r) => r.id),
    );
    return { published: [], followUpJobIds: [] };
  }

  const first = await allocateSequence(tx, conversationId, { count: rows.length });
  if (first === undefined) throw new Error('conversation vanished while publishing replies');
  const inserted = await insertReplies(
    tx,
    conversationId,
    rows.map((r, i) => ({
      seq: first + i,
      personaId: r.persona_id,
      content: r.reply,
      jobId: r.id,
      metadata: r.reply_metadata ?? {},
    })),
  );
  const byJob = new Map(inserted.map((m) => [m.ai_job_id, m]));
  await markJobsPublished(
    tx,
    rows.map((r) => r.id),
  );

  const published: PublishedMessage[] = [];
  const followUpJobIds: string[] = [];
  for (const r of rows) {
    const m = byJob.get(r.id)!;
    published.push({
      id: m.id,
      conversationId,
      seq: m.seq,
      personaId: r.persona_id,
      personaName: r.name,
      avatarUrl: r.avatar_url,
      ownerId: r.owner_id,
      content: r.reply,
      kind: 'text',
      createdAt: m.created_at.toISOString(),
      metadata: r.reply_metadata ?? {},
      jobId: r.id,
    });
    followUpJobIds.push(
      ...(await createReplyJobs(tx, {
        conversationId,
        messageId: m.id,
        personaId: r.persona_id,
      })),
    );
  }
  return { published, followUpJobIds };
}

/** Publishes in its own transaction, then queues the follow-up jobs. */
export async function publishJobs(
  conversationId: string,
  opts: PublishOptions = {},
): Promise<PublishedMessage[]> {
  const { published, followUpJobIds } = await withTransaction((tx) =>
    publishReadyJobs(tx, conversationId, opts),
  );
  await announcePublished(conversationId, published, followUpJobIds);
  return published;
}

/** After the commit that published replies: push them to followers and queue the jobs they triggered. */
export async function announcePublished(
  conversationId: string,
  published: PublishedMessage[],
  followUpJobIds: string[] = [],
): Promise<void> {
  if (published.length && pushEnabled()) await pushMessages(conversationId, published, publishedView);
  if (followUpJobIds.length) await sendReplyJobs(followUpJobIds);
  if (published.length) logger.debug('replies published', { conversationId, count: published.length });
}

/**
 * The read-path hook: publishes this conversation's replies whose time has come. One indexed query when
 * nothing is due; never waits behind another writer (the next poll picks them up). Returns how many.
 */
export async function publishDueReplies(conversationId: string): Promise<number> {
  if (!(await hasDueReplies(conversationId))) return 0;
  return (await publishJobs(conversationId, { skipLocked: true })).length;
}
