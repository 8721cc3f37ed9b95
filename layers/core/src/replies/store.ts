/**
 * The reply job lifecycle in SQL: queued → running (claimed) → ready (reply stored, waiting for visible_at)
 * → done (published), or skipped / failed. Every write after the claim is fenced on `attempts`, so a worker
 * whose claim went stale (and was taken over) can no longer change the job.
 *
 * `visible_at` means "when this job next matters": while queued, when the persona has read the messages it
 * answers (it cannot be claimed before); while running, when typing started (the claim); once ready, when the
 * reply appears. The persona shows as typing from the claim until the reply is published.
 */

import type { Queryable, Transaction } from '@amianai/shared/db';
import { query, queryScript, withTransaction } from '@amianai/shared/db';
import { lockConversation, replyCompletionCtes } from '../conversations/store';
import { budgetDay } from '../usage/budget';
import { recordUsageCte, type UsageRecord } from '../usage/store';
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
  /** The newest message seq when the job was claimed (history is read up to here). */
  lastSeq: number;
  /** Still an active, undeleted participant. */
  participating: boolean;
  persona: PersonaProfile;
  conversation: ConversationContext;
  spentTodayUsd: number;
  /** The recent visible messages up to `lastSeq`, oldest first, read by the claim itself. */
  history: HistoryMessage[];
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
  last_seq: number;
  history: Array<{ persona_id: string | null; name: string; content: string; kind: 'text' | 'system' }>;
}

/**
 * Claims the job if it is queued and read (or running but stale); undefined if someone else has it, it is
 * finished, the persona has not finished reading yet, or (in chat) the persona is busy answering in another
 * chat: a person answers one conversation at a time. Locking the persona row first makes "busy elsewhere"
 * exact under concurrent claims. Typing shows from the claim.
 */
export async function claimJob(jobId: string, opts: { now?: Date } = {}): Promise<ClaimedJob | undefined> {
  // One round trip: the lock, then the claim in a snapshot taken after the lock was granted.
  const [, claimed] = await queryScript<ClaimRow>(
    [
      'SELECT 1 FROM personas WHERE id = (SELECT persona_id FROM ai_jobs WHERE id = $1::uuid) FOR NO KEY UPDATE',
      `WITH claimed AS (
         UPDATE ai_jobs
            SET status = 'running', attempts = attempts + 1, started_at = now(), updated_at = now(), visible_at = now()
          WHERE id = $1::uuid
            AND ((status = 'queued' AND (visible_at IS NULL OR visible_at <= now()))
                 OR (status = 'running' AND updated_at < now() - make_interval(secs => $2::float8)))
            AND NOT ${BUSY_ELSEWHERE.replaceAll('{job}', 'ai_jobs')}
          RETURNING *
       )
       SELECT j.id, j.conversation_id, j.persona_id, j.trigger_message_id, j.triggered_by, j.attempts,
              c.title, c.topic, c.mode, c.last_seq,
              CASE WHEN c.closes_at <= now() THEN 'ended' ELSE c.status END AS conversation_status,
              p.name, p.description, p.personality, p.knowledge, p.communication_style, p.ai,
              (cp.persona_id IS NOT NULL AND cp.left_at IS NULL AND p.deleted_at IS NULL AND p.kind = 'ai') AS participating,
              tm.content AS trigger_content,
              ARRAY(SELECT p2.name FROM conversation_participants cp2 JOIN personas p2 ON p2.id = cp2.persona_id
                     WHERE cp2.conversation_id = j.conversation_id AND cp2.left_at IS NULL
                     ORDER BY cp2.joined_at, p2.name) AS participant_names,
              -- who pays: the persona's owner, or (null) the house
              (SELECT COALESCE(sum(u.cost_usd), 0) FROM ai_usage u
                WHERE u.user_id IS NOT DISTINCT FROM j.triggered_by AND u.created_at >= $3) AS spent_today,
              -- the prompt's history, in the same snapshot as last_seq (see HISTORY_SQL)
              (SELECT COALESCE(json_agg(h ORDER BY h.seq), '[]'::json)
                 FROM (${HISTORY_SQL.replace('$1', 'j.conversation_id').replace('$2', String(HISTORY_LIMIT))}) h) AS history
         FROM claimed j
         JOIN conversations c ON c.id = j.conversation_id
         JOIN personas p ON p.id = j.persona_id
         LEFT JOIN conversation_participants cp ON cp.conversation_id = j.conversation_id AND cp.persona_id = j.persona_id
         LEFT JOIN messages tm ON tm.id = j.trigger_message_id`,
    ],
    [jobId, STALE_AFTER_SECONDS, budgetDay(opts.now).start],
  );
  const r = claimed?.rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    attempts: r.attempts,
    conversationId: r.conversation_id,
    personaId: r.persona_id,
    triggerMessageId: r.trigger_message_id,
    triggeredBy: r.triggered_by,
    triggerContent: r.trigger_content ?? '',
    lastSeq: r.last_seq,
    history: historyOf(r.history),
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

/**
 * True when the job `{job}` is in a chat and its persona is typing (or about to post) in another active chat.
 * Rounds are exempt: an AI persona may sit in several rounds at once (no player is in two).
 */
const BUSY_ELSEWHERE = `(
  (SELECT mode FROM conversations WHERE id = {job}.conversation_id) = 'chat'
  AND EXISTS (SELECT 1 FROM ai_jobs o JOIN conversations oc ON oc.id = o.conversation_id
               WHERE o.persona_id = {job}.persona_id AND o.conversation_id <> {job}.conversation_id
                 AND oc.mode = 'chat' AND oc.status = 'active'
                 AND (o.status = 'ready'
                      OR (o.status = 'running' AND o.updated_at > now() - make_interval(secs => ${'$'}2::float8)))))`;

/** The persona's own earlier messages in the conversation, newest first (the offline responder avoids repeating them). */
export async function ownMessages(conversationId: string, personaId: string, limit = 200): Promise<string[]> {
  const { rows } = await query<{ content: string }>(
    `SELECT content FROM messages WHERE conversation_id = $1 AND persona_id = $2 AND kind = 'text'
      ORDER BY seq DESC LIMIT $3`,
    [conversationId, personaId, limit],
  );
  return rows.map((r) => r.content);
}

/** The conversation's recent visible messages, newest first ($1 the conversation, $2 how many). */
const HISTORY_SQL = `SELECT m.seq, m.persona_id, COALESCE(p.name, '') AS name, m.content, m.kind
       FROM (SELECT seq, persona_id, content, kind FROM messages
              WHERE conversation_id = $1 AND visible_at <= now()
              ORDER BY seq DESC
              LIMIT $2) m
       LEFT JOIN personas p ON p.id = m.persona_id
      ORDER BY m.seq DESC`;

function historyOf(rows: ClaimRow['history']): HistoryMessage[] {
  return rows.map((r) => ({ personaId: r.persona_id, name: r.name, content: r.content, kind: r.kind }));
}

/** The conversation's recent visible messages, oldest first. */
export async function loadHistory(conversationId: string): Promise<HistoryMessage[]> {
  const { rows } = await query<ClaimRow['history'][number]>(HISTORY_SQL, [conversationId, HISTORY_LIMIT]);
  return historyOf(rows.reverse());
}

/** A data-modifying CTE recording the job's model call (the usage store's statement), from parameter `first`. */
const usageCte = (job: ClaimedJob, usage: UsageRecord | undefined, first: number) =>
  recordUsageCte(
    { userId: job.triggeredBy, personaId: job.personaId, conversationId: job.conversationId, jobId: job.id },
    usage,
    first,
  );

/** A reply published by the completion itself (what `publishReadyJobs` returns for one reply). */
export interface InlinePublished {
  id: string;
  seq: number;
  createdAt: Date;
  avatarUrl: string | null;
  ownerId: string | null;
}

export type CompleteOutcome =
  /** Stored as ready: due in this many seconds (≤ 0: due now); `published` when the completion published it. */
  | { status: 'ready'; dueIn: number; published?: InlinePublished }
  /** Someone wrote since the history was read: generate again so the reply answers the latest messages. */
  | { status: 'outdated' }
  /** The claim was lost (taken over, or the conversation ended and the job was dropped). */
  | { status: 'lost' };

/**
 * Stores the reply as 'ready' until `visible_at` (claim + typing time, never earlier than now) with its usage
 * row, holding the conversation's lock — the lock every post takes — so a message posted meanwhile is either
 * seen here (`outdated`, unless `force`) or sees this job ready (and reopens it). The usage row is stored
 * whatever happens: the call was made and costs money.
 *
 * Usually one statement: it locks the conversation row (`FOR UPDATE` returns its newest version, whatever the
 * statement's snapshot) and stores the reply only if no message at all arrived since the history was read
 * (`last_seq` unchanged). A reply already due is published by that same statement, as `publishReadyJobs`
 * would, when nothing else could come first or follow from it: the conversation is active, no other reply
 * of it is due, and no other AI takes part (a published AI reply triggers only other AIs). Otherwise it is
 * left ready for `publishJobs`. When a message did arrive (or without the row) the statement has stored just
 * the usage, and the exact check — a text message by someone else — runs in a transaction that takes the
 * lock before reading.
 */
export async function completeJob(
  job: ClaimedJob,
  reply: string,
  metadata: Record<string, unknown>,
  typingMs: number,
  usage: UsageRecord,
  opts: { historySeq: number; force?: boolean },
): Promise<CompleteOutcome> {
  const force = opts.force === true;
  const cte = usageCte(job, usage, 9);
  const { rows } = await query<{
    fresh: boolean;
    due_in: number | null;
    message_id: string | null;
    seq: number | null;
    created_at: Date | null;
    avatar_url: string | null;
    owner_id: string | null;
  }>(
    `${cte.sql}, ${replyCompletionCtes.lock('$8')},
     fresh AS (SELECT COALESCE((SELECT last_seq FROM conv) <= $6, false) OR $7 AS ok),
     job AS (
       SELECT persona_id, greatest(now(), started_at + make_interval(secs => $5::float8)) AS visible_at
         FROM ai_jobs WHERE id = $1 AND status = 'running' AND attempts = $2 AND (SELECT ok FROM fresh)
          FOR UPDATE
     ),
     ${replyCompletionCtes.append({
       conversationId: '$8',
       from: 'job',
       // Published at once only when nothing could come first or follow from it (see above).
       when: `job.visible_at <= now()
          AND NOT EXISTS (SELECT 1 FROM ai_jobs o
                           WHERE o.conversation_id = $8 AND o.id <> $1 AND o.status = 'ready' AND o.visible_at <= now())
          AND NOT EXISTS (SELECT 1 FROM conversation_participants cp JOIN personas p ON p.id = cp.persona_id
                           WHERE cp.conversation_id = $8 AND cp.left_at IS NULL AND p.deleted_at IS NULL
                             AND p.kind = 'ai' AND p.id <> job.persona_id)`,
       content: '$3::text',
       jobId: '$1',
       metadata: '$4::jsonb',
     })},
     done AS (
       UPDATE ai_jobs
          SET status = CASE WHEN EXISTS (SELECT 1 FROM msg) THEN 'done' ELSE 'ready' END,
              message_id = (SELECT id FROM msg),
              finished_at = CASE WHEN EXISTS (SELECT 1 FROM msg) THEN now() END,
              reply = $3::text, reply_metadata = $4::jsonb, last_error = NULL, updated_at = now(),
              visible_at = (SELECT visible_at FROM job)
        WHERE id = $1 AND status = 'running' AND attempts = $2 AND EXISTS (SELECT 1 FROM job)
        RETURNING persona_id, EXTRACT(EPOCH FROM (visible_at - now()))::float8 AS due_in
     )
     SELECT (SELECT ok FROM fresh) AS fresh, done.due_in, msg.id AS message_id, msg.seq, msg.created_at,
            p.avatar_url, p.owner_id
       FROM (SELECT 1) one
       LEFT JOIN done ON true
       LEFT JOIN msg ON true
       LEFT JOIN personas p ON p.id = done.persona_id`,
    [
      job.id,
      job.attempts,
      reply,
      JSON.stringify(metadata),
      typingMs / 1000,
      opts.historySeq,
      force,
      job.conversationId,
      ...cte.params,
    ],
    { idempotent: false },
  );
  const fast = rows[0];
  if (fast?.fresh) {
    // Nothing arrived: stored (and maybe published), or the claim was lost (taken over, or the job dropped
    // with its conversation).
    if (fast.due_in === null) return { status: 'lost' };
    const published =
      fast.message_id !== null && fast.seq !== null && fast.created_at !== null
        ? {
            id: fast.message_id,
            seq: fast.seq,
            createdAt: fast.created_at,
            avatarUrl: fast.avatar_url,
            ownerId: fast.owner_id,
          }
        : undefined;
    return { status: 'ready', dueIn: fast.due_in, ...(published ? { published } : {}) };
  }
  return withTransaction(async (tx) => {
    await lockConversation(tx, job.conversationId);
    const { rows } = await tx.query<{ due_in: number | null; status: string; attempts: number }>(
      `WITH done AS (
         UPDATE ai_jobs
            SET ${READY_SET}
          WHERE id = $1 AND status = 'running' AND attempts = $2
            AND ($7 OR NOT EXISTS (SELECT 1 FROM messages m
                                    WHERE m.conversation_id = ai_jobs.conversation_id AND m.seq > $6
                                      AND m.kind = 'text' AND m.persona_id IS DISTINCT FROM ai_jobs.persona_id))
          RETURNING EXTRACT(EPOCH FROM (visible_at - now()))::float8 AS due_in
       )
       SELECT (SELECT due_in FROM done) AS due_in, j.status, j.attempts FROM ai_jobs j WHERE j.id = $1`,
      [job.id, job.attempts, reply, JSON.stringify(metadata), typingMs / 1000, opts.historySeq, force],
    );
    const r = rows[0];
    if (r?.due_in !== null && r?.due_in !== undefined) return { status: 'ready', dueIn: r.due_in };
    if (r?.status === 'running' && r.attempts === job.attempts) return { status: 'outdated' };
    return { status: 'lost' };
  });
}

/** A stored reply: ready, due after the typing time ($3 reply, $4 metadata, $5 typing seconds). */
const READY_SET = `status = 'ready', reply = $3, reply_metadata = $4, last_error = NULL, updated_at = now(),
              visible_at = greatest(now(), started_at + make_interval(secs => $5::float8))`;

/** The newest seq of the conversation: history read now covers messages up to it. */
export async function lastSeqOf(conversationId: string): Promise<number> {
  const { rows } = await query<{ last_seq: number }>('SELECT last_seq FROM conversations WHERE id = $1', [
    conversationId,
  ]);
  return rows[0]?.last_seq ?? 0;
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

/**
 * Fails the job for good, silently: it stops showing as typing and nothing is posted (a person who doesn't
 * answer is normal; a "stepped away" notice only an AI could produce would tell the players what it is). The
 * persona's owner finds it among their failed replies. Returns whether this call failed it.
 */
export async function failJob(
  job: JobRef,
  reason: string,
  usage?: { record: UsageRecord; job: ClaimedJob },
): Promise<{ failed: boolean }> {
  const cte = usage ? usageCte(usage.job, usage.record, 4) : { sql: '', params: [] };
  const { rowCount } = await query(
    `${cte.sql}UPDATE ai_jobs SET status = 'failed', last_error = $3, visible_at = NULL, finished_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'running' AND attempts = $2`,
    [job.id, job.attempts, reason.slice(0, 500), ...cte.params],
    { idempotent: !usage },
  );
  return { failed: (rowCount ?? 0) > 0 };
}

/** A reply of one of the owner's personas that failed for good (shown to that owner only). */
export interface FailedReply {
  personaId: string;
  name: string;
  conversationId: string;
  reason: string;
  failedAt: string;
}

/** The owner's personas' replies that failed in the last `days` days, newest first. */
export async function failedRepliesOfOwner(ownerId: string, days = 7, limit = 20): Promise<FailedReply[]> {
  const { rows } = await query<{
    persona_id: string;
    name: string;
    conversation_id: string;
    last_error: string | null;
    finished_at: Date;
  }>(
    `SELECT j.persona_id, p.name, j.conversation_id, j.last_error, j.finished_at
       FROM personas p JOIN ai_jobs j ON j.persona_id = p.id
      WHERE p.owner_id = $1 AND j.status = 'failed' AND j.finished_at > now() - make_interval(days => $2)
      ORDER BY j.finished_at DESC LIMIT $3`,
    [ownerId, days, limit],
  );
  return rows.map((r) => ({
    personaId: r.persona_id,
    name: r.name,
    conversationId: r.conversation_id,
    reason: r.last_error ?? 'failed',
    failedAt: r.finished_at.toISOString(),
  }));
}

/**
 * The conversation ended: its pending replies are dropped, so nobody types in it any more and its personas are
 * free to answer elsewhere. A worker still generating loses its claim (its usage is still recorded).
 */
export async function dropPendingJobs(q: Queryable, conversationId: string): Promise<void> {
  await q.query(
    `UPDATE ai_jobs SET status = 'skipped', last_error = 'conversation_ended', visible_at = NULL,
                        finished_at = now(), updated_at = now()
      WHERE conversation_id = $1 AND status IN ('queued', 'running', 'ready')`,
    [conversationId],
  );
}

// ---- the outbox: who may reply to a trigger, and their jobs ----

export interface ParticipantRow {
  persona_id: string;
  name: string;
  kind: 'human' | 'ai';
  ai: unknown;
  /** The persona's pending reply in this conversation, if any (at most one: see `insertReplyJobs`). */
  pending_job_id: string | null;
  pending_status: 'queued' | 'running' | 'ready' | null;
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
            pj.id AS pending_job_id, pj.status AS pending_status,
            m.content, m.kind AS message_kind, c.settings, c.status AS conversation_status
       FROM messages m
       JOIN conversations c ON c.id = m.conversation_id
       JOIN conversation_participants cp ON cp.conversation_id = m.conversation_id AND cp.left_at IS NULL
       JOIN personas p ON p.id = cp.persona_id AND p.deleted_at IS NULL
       LEFT JOIN LATERAL (SELECT j.id, j.status FROM ai_jobs j
                           WHERE j.conversation_id = m.conversation_id AND j.persona_id = p.id
                             AND j.status IN ('queued', 'running', 'ready')
                           ORDER BY j.created_at DESC LIMIT 1) pj ON true
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

/**
 * One job per responder (idempotent per conversation, persona and trigger); returns the new ids. Each waits
 * until its persona has read the trigger (`readingMs`). Who pays: the persona's owner in chat, the house (null)
 * for house personas and in rounds — never the player who happened to write.
 */
export async function insertReplyJobs(
  tx: Transaction,
  conversationId: string,
  messageId: string,
  responders: Array<{ personaId: string; readingMs: number }>,
): Promise<string[]> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO ai_jobs (conversation_id, persona_id, trigger_message_id, triggered_by, visible_at)
     SELECT $1, x.persona_id, $3, CASE WHEN c.mode = 'chat' THEN p.owner_id END,
            now() + make_interval(secs => x.reading_ms / 1000.0)
       FROM unnest($2::uuid[], $4::float8[]) AS x (persona_id, reading_ms)
       JOIN personas p ON p.id = x.persona_id
       JOIN conversations c ON c.id = $1
     ON CONFLICT (conversation_id, persona_id, trigger_message_id) DO NOTHING
     RETURNING id`,
    [conversationId, responders.map((r) => r.personaId), messageId, responders.map((r) => r.readingMs)],
  );
  return inserted.rows.map((r) => r.id);
}

/**
 * A persona with a pending reply was written to again: the one pending reply answers the latest messages.
 * Queued (still reading): it reads this message too before it starts. Ready (typed but not sent): it is
 * rewritten — back to queued after reading, as a person rewrites a draft the conversation has overtaken.
 * Running: nothing here; the writer sees the new message when it stores the reply and generates again.
 * Returns the ids that need a queue message (the reopened ones).
 */
export async function extendPendingJobs(
  tx: Transaction,
  pending: Array<{ jobId: string; readingMs: number }>,
): Promise<string[]> {
  if (pending.length === 0) return [];
  const { rows } = await tx.query<{ id: string; reopened: boolean }>(
    `WITH x AS (SELECT * FROM unnest($1::uuid[], $2::float8[]) AS x (job_id, reading_ms)),
     queued AS (
       UPDATE ai_jobs j SET visible_at = greatest(j.visible_at, now() + make_interval(secs => x.reading_ms / 1000.0)),
                            updated_at = now()
         FROM x WHERE j.id = x.job_id AND j.status = 'queued'
       RETURNING j.id
     ),
     reopened AS (
       UPDATE ai_jobs j SET status = 'queued', attempts = 0, reply = NULL, reply_metadata = NULL, last_error = NULL,
                            visible_at = now() + make_interval(secs => x.reading_ms / 1000.0), updated_at = now()
         FROM x WHERE j.id = x.job_id AND j.status = 'ready'
       RETURNING j.id
     )
     SELECT id, false AS reopened FROM queued UNION ALL SELECT id, true FROM reopened`,
    [pending.map((p) => p.jobId), pending.map((p) => p.readingMs)],
  );
  return rows.filter((r) => r.reopened).map((r) => r.id);
}

// ---- generate-response: who may ask whom ----

export interface ReplyAccess {
  mode: 'chat' | 'game';
  status: 'active' | 'ended';
  /** The caller controls one of the participants (or is an admin: decided by the caller). */
  isParticipantUser: boolean;
  /** The persona is an active, undeleted participant (AI or not: the answer must not differ). */
  isParticipant: boolean;
  kind: 'human' | 'ai' | null;
  personaOwnerId: string | null;
  /** The caller plays this persona here. */
  playedByCaller: boolean;
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
    is_participant: boolean;
    kind: 'human' | 'ai' | null;
    owner_id: string | null;
    played_by_caller: boolean;
  }>(
    `SELECT c.mode, c.status,
            EXISTS (SELECT 1 FROM conversation_participants cp
                     WHERE cp.conversation_id = c.id AND cp.user_id = $3) AS is_participant_user,
            (tp.persona_id IS NOT NULL AND tp.left_at IS NULL AND p.deleted_at IS NULL) AS is_participant,
            p.kind, p.owner_id, (tp.user_id IS NOT NULL AND tp.user_id = $3) AS played_by_caller
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
      isParticipant: r.is_participant,
      kind: r.kind,
      personaOwnerId: r.owner_id,
      playedByCaller: r.played_by_caller,
    }
  );
}

/**
 * Asked to reply: a job answering the conversation's latest message, unless the persona already has a reply
 * pending here (that one answers the latest messages when it is written). A failed or skipped job for the same
 * message is tried again. Returns the job id to queue, if any.
 */
export async function requestReplyJob(
  tx: Transaction,
  conversationId: string,
  personaId: string,
  readingMsOf: (content: string) => number,
): Promise<string | undefined> {
  const latest = await tx.query<{ id: string; content: string; pending: boolean }>(
    `SELECT m.id, m.content,
            EXISTS (SELECT 1 FROM ai_jobs j WHERE j.conversation_id = $1 AND j.persona_id = $2
                      AND j.status IN ('queued', 'running', 'ready')) AS pending
       FROM messages m WHERE m.conversation_id = $1 AND m.kind = 'text' ORDER BY m.seq DESC LIMIT 1`,
    [conversationId, personaId],
  );
  const trigger = latest.rows[0];
  if (!trigger || trigger.pending) return undefined;
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO ai_jobs (conversation_id, persona_id, trigger_message_id, triggered_by, visible_at)
     SELECT $1, p.id, $3, CASE WHEN c.mode = 'chat' THEN p.owner_id END, now() + make_interval(secs => $4 / 1000.0)
       FROM personas p, conversations c WHERE p.id = $2 AND c.id = $1
     ON CONFLICT (conversation_id, persona_id, trigger_message_id) DO UPDATE
        SET status = 'queued', attempts = 0, last_error = NULL, visible_at = EXCLUDED.visible_at, updated_at = now()
      WHERE ai_jobs.status IN ('failed', 'skipped') AND ai_jobs.message_id IS NULL
     RETURNING id`,
    [conversationId, personaId, trigger.id, readingMsOf(trigger.content)],
  );
  return rows[0]?.id;
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

/** Locks the conversation's due ready jobs (all, or only `jobIds`), oldest first. */
export async function lockReadyJobs(
  tx: Transaction,
  conversationId: string,
  opts: { jobIds?: string[] },
): Promise<ReadyRow[]> {
  const { rows } = await tx.query<ReadyRow>(
    `SELECT j.id, j.persona_id, p.name, p.avatar_url, p.owner_id, j.reply, j.reply_metadata, j.triggered_by
       FROM ai_jobs j JOIN personas p ON p.id = j.persona_id
      WHERE j.conversation_id = $1 AND j.status = 'ready'
        AND ($2::uuid[] IS NULL OR j.id = ANY($2))
        AND j.visible_at <= now()
      ORDER BY j.visible_at, j.id
      FOR UPDATE OF j SKIP LOCKED`,
    [conversationId, opts.jobIds ?? null],
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
 * AI personas shown as typing: a claimed job (claimed once the persona has read the messages) and a generated
 * reply until it is published. A crashed (stale) claim stops showing after two minutes; failed, skipped and
 * still-reading jobs never show, and nobody types in an ended conversation.
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
        AND ((j.status = 'running' AND j.updated_at > now() - interval '2 minutes') OR j.status = 'ready')
      ORDER BY p.name`,
    [conversationId],
  );
  return rows.map((r) => ({ personaId: r.persona_id, name: r.name }));
}

export interface JobState {
  status: string;
  conversation_id: string;
  /** Seconds until visible_at (queued: until read; ready: until due); negative when passed. */
  due_in: number | null;
  /** Queued in a chat while its persona answers in another chat. */
  busy_elsewhere: boolean;
}

/** A job's status, how long until it is due, and whether its persona is busy in another chat. */
export async function jobState(jobId: string): Promise<JobState | undefined> {
  const { rows } = await query<JobState>(
    `SELECT status, conversation_id, EXTRACT(EPOCH FROM (visible_at - now()))::float8 AS due_in,
            ${BUSY_ELSEWHERE.replaceAll('{job}', 'ai_jobs')} AS busy_elsewhere
       FROM ai_jobs WHERE id = $1`,
    [jobId, STALE_AFTER_SECONDS],
  );
  return rows[0];
}

/** Every reply job ever queued (the admin status page runs it as a subquery among the others). */
export const REPLY_JOBS_COUNT_SQL = 'SELECT count(*) FROM ai_jobs';
