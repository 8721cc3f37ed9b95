/**
 * Publishing: a ready reply becomes a message (allocating the next seq) only when its `visible_at` has come,
 * so seq order is visibility order and `?after=<seq>` polling never misses a late reply. Publishing is
 * idempotent (one message per job: `messages.ai_job_id` is unique, and the job row is locked while it
 * happens) and runs from the read path, the worker's delayed queue message and the sweeper alike.
 * A published AI reply is itself a trigger: the same policy decides whether another AI answers it.
 */

import type { Queryable, Transaction } from '@amianai/shared/db';
import { query, withTransaction } from '@amianai/shared/db';
import { logger } from '@amianai/shared/observability';
import { sendReplyJobs } from '@amianai/shared/queue';
import { allocateSequence, insertReplies, lockConversation } from '../conversations/store';
import { createReplyJobs } from './outbox';

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

interface ReadyRow {
  id: string;
  persona_id: string;
  name: string;
  avatar_url: string | null;
  owner_id: string | null;
  reply: string;
  reply_metadata: Record<string, unknown> | null;
  triggered_by: string | null;
}

export interface PublishOptions {
  /** Only these jobs (default: every due job of the conversation). */
  jobIds?: string[];
  /** Publish even if not yet due (the synchronous generate-response path). */
  now?: boolean;
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
  const { rows } = await tx.query<ReadyRow>(
    `SELECT j.id, j.persona_id, p.name, p.avatar_url, p.owner_id, j.reply, j.reply_metadata, j.triggered_by
       FROM ai_jobs j JOIN personas p ON p.id = j.persona_id
      WHERE j.conversation_id = $1 AND j.status = 'ready'
        AND ($2::uuid[] IS NULL OR j.id = ANY($2))
        AND ($3 OR j.visible_at <= now())
      ORDER BY j.visible_at, j.id
      FOR UPDATE OF j SKIP LOCKED`,
    [conversationId, opts.jobIds ?? null, opts.now === true],
  );
  if (rows.length === 0) return { published: [], followUpJobIds: [] };

  if (status !== 'active') {
    // The conversation ended before these replies were due: they are dropped, their usage stays recorded.
    await tx.query(
      `UPDATE ai_jobs SET status = 'skipped', last_error = 'conversation_ended', finished_at = now(), updated_at = now()
        WHERE id = ANY($1)`,
      [rows.map((r) => r.id)],
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
  await tx.query(
    `UPDATE ai_jobs j SET status = 'done', message_id = m.id, finished_at = now(), updated_at = now()
       FROM messages m WHERE m.ai_job_id = j.id AND j.id = ANY($1)`,
    [rows.map((r) => r.id)],
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
        userId: r.triggered_by,
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
  if (followUpJobIds.length) await sendReplyJobs(followUpJobIds);
  if (published.length) logger.debug('replies published', { conversationId, count: published.length });
  return published;
}

/**
 * The read-path hook: publishes this conversation's replies whose time has come. One indexed query when
 * nothing is due; never waits behind another writer (the next poll picks them up). Returns how many.
 */
export async function publishDueReplies(conversationId: string): Promise<number> {
  const due = await query(
    `SELECT 1 FROM ai_jobs WHERE conversation_id = $1 AND status = 'ready' AND visible_at <= now() LIMIT 1`,
    [conversationId],
  );
  if (due.rowCount === 0) return 0;
  return (await publishJobs(conversationId, { skipLocked: true })).length;
}

/**
 * AI personas shown as typing: a claimed job once the persona has "read" the message, and a generated reply
 * until it is published. A crashed (stale) claim stops showing after two minutes; failed jobs never show.
 */
export async function typingPersonas(
  db: Queryable,
  conversationId: string,
): Promise<Array<{ personaId: string; name: string }>> {
  const { rows } = await db.query<{ persona_id: string; name: string }>(
    `SELECT DISTINCT p.id AS persona_id, p.name
       FROM ai_jobs j JOIN personas p ON p.id = j.persona_id
      WHERE j.conversation_id = $1
        AND ((j.status = 'running' AND j.visible_at <= now() AND j.updated_at > now() - interval '2 minutes')
             OR j.status = 'ready')
      ORDER BY p.name`,
    [conversationId],
  );
  return rows.map((r) => ({ personaId: r.persona_id, name: r.name }));
}
