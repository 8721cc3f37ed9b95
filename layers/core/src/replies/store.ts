/**
 * The reply job lifecycle in SQL: queued → running (claimed) → ready (reply stored, waiting for visible_at)
 * → done (published), or skipped / failed. Every write after the claim is fenced on `attempts`, so a worker
 * whose claim went stale (and was taken over) can no longer change the job.
 *
 * `visible_at` means "when this job becomes visible": while running, when the typing indicator appears
 * (after the persona has read the message); once ready, when the reply appears.
 */

import type { Queryable, Transaction } from '@amianai/shared/db';
import { query, withTransaction } from '@amianai/shared/db';
import { allocateSequence, insertSystemNotice, lockConversation } from '../conversations/store';
import { budgetDay } from '../usage/budget';
import { jitter, READING_MS } from './timing';
import { aiSettings, type ConversationContext, type HistoryMessage, type PersonaProfile } from './types';

/** A running job not heard of for this long is presumed crashed and may be claimed again. */
export const STALE_AFTER_SECONDS = 120;
/** Claims per job (first try included) before it is failed for good. */
export const MAX_JOB_ATTEMPTS = 3;
/** How much conversation history is read for a prompt (then trimmed to the token budget). */
const HISTORY_LIMIT = 40;

export interface JobRef {
  id: string;
  attempts: number;
}

export interface ClaimedJob extends JobRef {
  conversationId: string;
  personaId: string;
  triggerMessageId: string;
  triggeredBy: string | null;
  triggerContent: string;
  /** Still an active, undeleted participant. */
  participating: boolean;
  persona: PersonaProfile;
  conversation: ConversationContext;
  spentTodayUsd: number;
}

interface ClaimRow {
  id: string;
  conversation_id: string;
  persona_id: string;
  trigger_message_id: string;
  triggered_by: string | null;
  attempts: number;
  title: string;
  topic: string;
  mode: 'chat' | 'game';
  conversation_status: 'active' | 'ended';
  name: string;
  description: string;
  personality: { traits?: Record<string, number>; summary?: string } | null;
  knowledge: string[];
  communication_style: string;
  ai: unknown;
  participating: boolean;
  trigger_content: string | null;
  participant_names: string[];
  spent_today: number;
}

/**
 * Claims the job if it is queued (or running but stale); undefined if someone else has it or it is finished.
 * The same statement sets when typing shows: after the persona has read the trigger (`readingDelayMs`, in SQL
 * so no reader ever sees a claimed job without it).
 */
export async function claimJob(
  jobId: string,
  opts: { readingScale: number; now?: Date },
): Promise<ClaimedJob | undefined> {
  const r0 = READING_MS;
  const { rows } = await query<ClaimRow>(
    `WITH claimed AS (
       UPDATE ai_jobs
          SET status = 'running', attempts = attempts + 1, started_at = now(), updated_at = now(),
              visible_at = now() + make_interval(secs => $8::float8 * least($5::float8, greatest($4::float8,
                ($4::float8 + $6::float8 * coalesce((SELECT length(content) FROM messages WHERE id = ai_jobs.trigger_message_id), 0))
                * $7::float8)) / 1000.0)
        WHERE id = $1
          AND (status = 'queued' OR (status = 'running' AND updated_at < now() - make_interval(secs => $2::float8)))
        RETURNING *
     )
     SELECT j.id, j.conversation_id, j.persona_id, j.trigger_message_id, j.triggered_by, j.attempts,
            c.title, c.topic, c.mode,
            CASE WHEN c.closes_at <= now() THEN 'ended' ELSE c.status END AS conversation_status,
            p.name, p.description, p.personality, p.knowledge, p.communication_style, p.ai,
            (cp.persona_id IS NOT NULL AND cp.left_at IS NULL AND p.deleted_at IS NULL AND p.kind = 'ai') AS participating,
            tm.content AS trigger_content,
            ARRAY(SELECT p2.name FROM conversation_participants cp2 JOIN personas p2 ON p2.id = cp2.persona_id
                   WHERE cp2.conversation_id = j.conversation_id AND cp2.left_at IS NULL
                   ORDER BY cp2.joined_at, p2.name) AS participant_names,
            (SELECT COALESCE(sum(u.cost_usd), 0) FROM ai_usage u
              WHERE u.user_id IS NOT DISTINCT FROM j.triggered_by AND u.created_at >= $3) AS spent_today
       FROM claimed j
       JOIN conversations c ON c.id = j.conversation_id
       JOIN personas p ON p.id = j.persona_id
       LEFT JOIN conversation_participants cp ON cp.conversation_id = j.conversation_id AND cp.persona_id = j.persona_id
       LEFT JOIN messages tm ON tm.id = j.trigger_message_id`,
    [
      jobId,
      STALE_AFTER_SECONDS,
      budgetDay(opts.now).start,
      r0.min,
      r0.max,
      r0.perChar,
      jitter(`read:${jobId}`),
      opts.readingScale,
    ],
    // Not repeatable: a retry after a lost answer would find the job already claimed (by us).
    { idempotent: false },
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    attempts: r.attempts,
    conversationId: r.conversation_id,
    personaId: r.persona_id,
    triggerMessageId: r.trigger_message_id,
    triggeredBy: r.triggered_by,
    triggerContent: r.trigger_content ?? '',
    participating: r.participating,
    spentTodayUsd: r.spent_today,
    persona: {
      id: r.persona_id,
      name: r.name,
      description: r.description,
      personality: { traits: r.personality?.traits ?? {}, summary: r.personality?.summary ?? '' },
      knowledge: r.knowledge,
      communicationStyle: r.communication_style,
      ai: aiSettings(r.ai),
    },
    conversation: {
      id: r.conversation_id,
      title: r.title,
      topic: r.topic,
      mode: r.mode,
      status: r.conversation_status,
      participantNames: r.participant_names,
    },
  };
}

/** The conversation's recent visible messages, oldest first. */
export async function loadHistory(conversationId: string): Promise<HistoryMessage[]> {
  const { rows } = await query<{
    persona_id: string | null;
    name: string;
    content: string;
    kind: 'text' | 'system';
  }>(
    `SELECT m.persona_id, COALESCE(p.name, '') AS name, m.content, m.kind
       FROM messages m LEFT JOIN personas p ON p.id = m.persona_id
      WHERE m.conversation_id = $1 AND m.visible_at <= now()
      ORDER BY m.seq DESC
      LIMIT $2`,
    [conversationId, HISTORY_LIMIT],
  );
  return rows
    .reverse()
    .map((r) => ({ personaId: r.persona_id, name: r.name, content: r.content, kind: r.kind }));
}

export interface UsageRecord {
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  outcome: 'ok' | 'error' | 'timeout' | 'rate_limited';
}

/** A data-modifying CTE recording one model call, its parameters numbered from `first`. */
function usageCte(
  job: ClaimedJob,
  usage: UsageRecord | undefined,
  first: number,
): { sql: string; params: unknown[] } {
  if (!usage) return { sql: '', params: [] };
  const n = (i: number) => `$${first + i}`;
  return {
    sql: `WITH usage AS (
            INSERT INTO ai_usage (user_id, persona_id, conversation_id, job_id, model, provider, input_tokens,
                                  output_tokens, cost_usd, latency_ms, outcome)
            VALUES (${Array.from({ length: 11 }, (_, i) => n(i)).join(', ')})
          ) `,
    params: [
      job.triggeredBy,
      job.personaId,
      job.conversationId,
      job.id,
      usage.model.slice(0, 100),
      usage.provider,
      usage.inputTokens,
      usage.outputTokens,
      usage.costUsd,
      Math.round(usage.latencyMs),
      usage.outcome,
    ],
  };
}

/**
 * One statement, so one transaction: the reply waits in the job as 'ready' until `visible_at`, and the usage row
 * is stored with it (even when the claim was lost meanwhile: the call was made and costs money).
 * Returns the seconds until the reply is due, or undefined if the claim was lost.
 */
export async function completeJob(
  job: ClaimedJob,
  reply: string,
  metadata: Record<string, unknown>,
  delaySinceStartMs: number,
  usage: UsageRecord,
): Promise<number | undefined> {
  const cte = usageCte(job, usage, 6);
  const { rows } = await query<{ due_in: number }>(
    `${cte.sql}UPDATE ai_jobs
        SET status = 'ready', reply = $3, reply_metadata = $4, last_error = NULL, updated_at = now(),
            visible_at = greatest(now(), started_at + make_interval(secs => $5::float8))
      WHERE id = $1 AND status = 'running' AND attempts = $2
      RETURNING EXTRACT(EPOCH FROM (visible_at - now()))::float8 AS due_in`,
    [job.id, job.attempts, reply, JSON.stringify(metadata), delaySinceStartMs / 1000, ...cte.params],
    { idempotent: false },
  );
  return rows[0]?.due_in;
}

/** Puts the job back in the queue after a failure worth retrying; false if the claim was lost. */
export async function requeueJob(job: ClaimedJob, error: string, usage?: UsageRecord): Promise<boolean> {
  const cte = usageCte(job, usage, 4);
  const { rowCount } = await query(
    `${cte.sql}UPDATE ai_jobs SET status = 'queued', last_error = $3, visible_at = NULL, updated_at = now()
      WHERE id = $1 AND status = 'running' AND attempts = $2`,
    [job.id, job.attempts, error.slice(0, 500), ...cte.params],
    { idempotent: !usage },
  );
  return (rowCount ?? 0) > 0;
}

/** Ends the job without a reply and without a notice (budget spent, persona gone, conversation ended). */
export async function skipJob(job: JobRef, reason: string): Promise<void> {
  await query(
    `UPDATE ai_jobs SET status = 'skipped', last_error = $3, visible_at = NULL, finished_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'running' AND attempts = $2`,
    [job.id, job.attempts, reason],
    { idempotent: true },
  );
}

/** The neutral notice participants see when a persona's reply finally failed: no hint of why or of what it is. */
export const failureNotice = (name: string) => `${name} stepped away from the conversation.`;

/**
 * Fails the job for good and, if the conversation is still active, posts the neutral notice (stored under the
 * job's id, so there is one per job and a reply can no longer appear). Returns the notice's message id.
 * `notice: false` when the failure is reported to the caller directly (generate-response). Never in a game:
 * only an AI can "step away", so the notice would tell the players what the persona is.
 */
export async function failJob(
  job: JobRef & { conversationId: string },
  reason: string,
  usage?: { record: UsageRecord; job: ClaimedJob },
  opts: { notice?: boolean } = {},
): Promise<{ failed: boolean; noticeId?: string }> {
  return withTransaction(async (tx: Transaction) => {
    const status = await lockConversation(tx, job.conversationId);
    const cte = usage ? usageCte(usage.job, usage.record, 4) : { sql: '', params: [] };
    const { rows } = await tx.query<{ name: string; mode: 'chat' | 'game' }>(
      `${cte.sql}UPDATE ai_jobs j SET status = 'failed', last_error = $3, visible_at = NULL, finished_at = now(), updated_at = now()
         FROM personas p, conversations c
        WHERE j.id = $1 AND j.status = 'running' AND j.attempts = $2 AND p.id = j.persona_id
          AND c.id = j.conversation_id
        RETURNING p.name, c.mode`,
      [job.id, job.attempts, reason.slice(0, 500), ...cte.params],
    );
    const name = rows[0]?.name;
    if (!name) return { failed: false };
    if (status !== 'active' || opts.notice === false || rows[0]?.mode === 'game') return { failed: true };
    const seq = await allocateSequence(tx, job.conversationId);
    if (seq === undefined) return { failed: true };
    const noticeId = await insertSystemNotice(tx, {
      conversationId: job.conversationId,
      seq,
      content: failureNotice(name),
      jobId: job.id,
      metadata: { notice: 'reply_failed', reason },
    });
    await tx.query('UPDATE ai_jobs SET message_id = $2 WHERE id = $1', [job.id, noticeId]);
    return { failed: true, noticeId };
  });
}

// ---- the outbox: who may reply to a trigger, and their jobs ----

export interface ParticipantRow {
  persona_id: string;
  name: string;
  kind: 'human' | 'ai';
  ai: unknown;
  busy: boolean;
  content: string;
  message_kind: 'text' | 'system';
  settings: { maxAiTurnsInRow?: unknown } | null;
  conversation_status: 'active' | 'ended';
}

/** The trigger with every live participant, whether each is already replying, and the conversation. */
export async function replyCandidates(
  tx: Transaction,
  conversationId: string,
  messageId: string,
): Promise<ParticipantRow[]> {
  const { rows } = await tx.query<ParticipantRow>(
    `SELECT p.id AS persona_id, p.name, p.kind, p.ai,
            EXISTS (SELECT 1 FROM ai_jobs j
                     WHERE j.conversation_id = m.conversation_id AND j.persona_id = p.id
                       AND j.status IN ('queued', 'running', 'ready')) AS busy,
            m.content, m.kind AS message_kind, c.settings, c.status AS conversation_status
       FROM messages m
       JOIN conversations c ON c.id = m.conversation_id
       JOIN conversation_participants cp ON cp.conversation_id = m.conversation_id AND cp.left_at IS NULL
       JOIN personas p ON p.id = cp.persona_id AND p.deleted_at IS NULL
      WHERE m.id = $1 AND m.conversation_id = $2`,
    [messageId, conversationId],
  );
  return rows;
}

/** Consecutive AI messages ending with (and including) `messageId`; system notices neither count nor break it. */
export async function aiTurnsInRow(
  tx: Transaction,
  conversationId: string,
  messageId: string,
  limit: number,
): Promise<number> {
  const { rows } = await tx.query<{ kind: string | null }>(
    `SELECT p.kind
       FROM messages m LEFT JOIN personas p ON p.id = m.persona_id
      WHERE m.conversation_id = $1 AND m.kind = 'text'
        AND m.seq <= (SELECT seq FROM messages WHERE id = $2)
      ORDER BY m.seq DESC
      LIMIT $3`,
    [conversationId, messageId, limit],
  );
  let n = 0;
  for (const r of rows) {
    if (r.kind !== 'ai') break;
    n++;
  }
  return n;
}

/** One job per responder (idempotent per conversation, persona and trigger); returns the new ids. */
export async function insertReplyJobs(
  tx: Transaction,
  conversationId: string,
  messageId: string,
  personaIds: string[],
  userId: string | null,
): Promise<string[]> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO ai_jobs (conversation_id, persona_id, trigger_message_id, triggered_by)
     SELECT $1, persona_id, $3, $4 FROM unnest($2::uuid[]) AS persona_id
     ON CONFLICT (conversation_id, persona_id, trigger_message_id) DO NOTHING
     RETURNING id`,
    [conversationId, personaIds, messageId, userId],
  );
  return inserted.rows.map((r) => r.id);
}

// ---- generate-response: who may ask which persona ----

export interface ReplyAccess {
  mode: 'chat' | 'game';
  status: 'active' | 'ended';
  /** The caller controls one of the participants (or is an admin: decided by the caller). */
  isParticipantUser: boolean;
  /** The persona is an active, undeleted AI participant. */
  isAiParticipant: boolean;
  personaOwnerId: string | null;
}

/** undefined when the conversation does not exist. */
export async function replyAccess(
  conversationId: string,
  personaId: string,
  userId: string,
): Promise<ReplyAccess | undefined> {
  const { rows } = await query<{
    mode: 'chat' | 'game';
    status: 'active' | 'ended';
    is_participant_user: boolean;
    is_ai_participant: boolean;
    owner_id: string | null;
  }>(
    `SELECT c.mode, c.status,
            EXISTS (SELECT 1 FROM conversation_participants cp
                     WHERE cp.conversation_id = c.id AND cp.user_id = $3) AS is_participant_user,
            (tp.persona_id IS NOT NULL AND tp.left_at IS NULL AND p.kind = 'ai' AND p.deleted_at IS NULL) AS is_ai_participant,
            p.owner_id
       FROM conversations c
       LEFT JOIN conversation_participants tp ON tp.conversation_id = c.id AND tp.persona_id = $2
       LEFT JOIN personas p ON p.id = tp.persona_id
      WHERE c.id = $1`,
    [conversationId, personaId, userId],
  );
  const r = rows[0];
  return (
    r && {
      mode: r.mode,
      status: r.status,
      isParticipantUser: r.is_participant_user,
      isAiParticipant: r.is_ai_participant,
      personaOwnerId: r.owner_id,
    }
  );
}

// ---- the sweeper ----

/** Queued jobs never picked up, and running ones whose worker went quiet: back to queued; their ids. */
export async function requeueStuckJobs(limit: number): Promise<string[]> {
  const stuck = await query<{ id: string }>(
    `UPDATE ai_jobs SET status = 'queued', visible_at = NULL, updated_at = now()
      WHERE id IN (SELECT id FROM ai_jobs
                    WHERE status IN ('queued', 'running') AND attempts < $3
                      AND updated_at < now() - make_interval(secs => $1::float8)
                    ORDER BY updated_at LIMIT $2
                    FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [STALE_AFTER_SECONDS, limit, MAX_JOB_ATTEMPTS],
    { idempotent: true },
  );
  return stuck.rows.map((r) => r.id);
}

/** Jobs that crashed on their last attempt. */
export async function exhaustedJobs(
  limit: number,
): Promise<{ id: string; attempts: number; conversation_id: string }[]> {
  const exhausted = await query<{ id: string; attempts: number; conversation_id: string }>(
    `SELECT id, attempts, conversation_id FROM ai_jobs
      WHERE status = 'running' AND attempts >= $3 AND updated_at < now() - make_interval(secs => $1::float8)
      ORDER BY updated_at LIMIT $2`,
    [STALE_AFTER_SECONDS, limit, MAX_JOB_ATTEMPTS],
  );
  return exhausted.rows;
}

/** Conversations with a reply whose time has come. */
export async function conversationsWithDueReplies(limit: number): Promise<string[]> {
  const due = await query<{ conversation_id: string }>(
    `SELECT DISTINCT conversation_id FROM ai_jobs WHERE status = 'ready' AND visible_at <= now() LIMIT $1`,
    [limit],
  );
  return due.rows.map((r) => r.conversation_id);
}

// ---- publishing ----

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

/** Locks the conversation's ready jobs (all due ones, or `jobIds`; `now` ignores visible_at), oldest first. */
export async function lockReadyJobs(
  tx: Transaction,
  conversationId: string,
  opts: { jobIds?: string[]; now?: boolean },
): Promise<ReadyRow[]> {
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
  return rows;
}

/** The conversation ended before these replies were due: dropped, their usage stays recorded. */
export async function skipEndedJobs(tx: Transaction, jobIds: string[]): Promise<void> {
  await tx.query(
    `UPDATE ai_jobs SET status = 'skipped', last_error = 'conversation_ended', finished_at = now(), updated_at = now()
  WHERE id = ANY($1)`,
    [jobIds],
  );
}

/** Jobs whose reply message now exists are done. */
export async function markJobsPublished(tx: Transaction, jobIds: string[]): Promise<void> {
  await tx.query(
    `UPDATE ai_jobs j SET status = 'done', message_id = m.id, finished_at = now(), updated_at = now()
       FROM messages m WHERE m.ai_job_id = j.id AND j.id = ANY($1)`,
    [jobIds],
  );
}

/** One indexed probe: is any reply of this conversation due? */
export async function hasDueReplies(conversationId: string): Promise<boolean> {
  const due = await query(
    `SELECT 1 FROM ai_jobs WHERE conversation_id = $1 AND status = 'ready' AND visible_at <= now() LIMIT 1`,
    [conversationId],
  );
  return (due.rowCount ?? 0) > 0;
}

/**
 * AI personas shown as typing: a claimed job once the persona has "read" the message, and a generated reply
 * until it is published. A crashed (stale) claim stops showing after two minutes; failed jobs never show;
 * in an ended (or closed) conversation nobody is typing.
 */
export async function typingPersonas(
  db: Queryable,
  conversationId: string,
): Promise<Array<{ personaId: string; name: string }>> {
  const { rows } = await db.query<{ persona_id: string; name: string }>(
    `SELECT DISTINCT p.id AS persona_id, p.name
       FROM ai_jobs j JOIN personas p ON p.id = j.persona_id
       JOIN conversations c ON c.id = j.conversation_id AND c.status = 'active'
        AND (c.closes_at IS NULL OR c.closes_at > now())
      WHERE j.conversation_id = $1
        AND ((j.status = 'running' AND j.visible_at <= now() AND j.updated_at > now() - interval '2 minutes')
             OR j.status = 'ready')
      ORDER BY p.name`,
    [conversationId],
  );
  return rows.map((r) => ({ personaId: r.persona_id, name: r.name }));
}

/** A job's status and how long until it is due (negative: overdue). */
export async function jobState(
  jobId: string,
): Promise<{ status: string; conversation_id: string; due_in: number | null } | undefined> {
  const { rows } = await query<{ status: string; conversation_id: string; due_in: number | null }>(
    `SELECT status, conversation_id, EXTRACT(EPOCH FROM (visible_at - now()))::float8 AS due_in
       FROM ai_jobs WHERE id = $1`,
    [jobId],
  );
  return rows[0];
}
