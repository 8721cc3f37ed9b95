/**
 * The synchronous path behind POST /api/ai/generate-response: the same engine for one AI participant,
 * replying to the conversation's latest message and published at once (no typing delay: the caller asked).
 */
import { query } from '@amianai/shared/db';
import { logger, MetricUnit, metrics } from '@amianai/shared/observability';
import { ModelCallError } from '@amianai/shared/openai';
import { assertWithinBudget } from '../usage/budget';
import { spentTodayUsd } from '../usage/store';
import { failedUsage, produceReply, type RunOptions } from './engine';
import { type PublishedMessage, publishJobs } from './publish';
import { claimJob, completeJob, failJob, loadHistory, skipJob } from './store';

/** The persona is already replying to the latest message (or there is nothing to reply to). */
export class ReplyUnavailableError extends Error {
  override name = 'ReplyUnavailableError';
  constructor(
    readonly reason: 'reply_in_progress' | 'nothing_to_reply_to',
    message: string,
  ) {
    super(message);
  }
}

export interface RespondNowInput {
  conversationId: string;
  personaId: string;
  /** Charged for the call. */
  userId: string;
}

const inProgress = () => new ReplyUnavailableError('reply_in_progress', 'That persona is already replying');

interface JobRow {
  id: string;
  status: 'queued' | 'running' | 'ready' | 'done' | 'failed' | 'skipped';
  message_id: string | null;
}

/** A job for (persona, latest message): the existing one, or a new one; a skipped/failed one without a message is reopened. */
async function jobForLatestMessage(input: RespondNowInput): Promise<JobRow> {
  const latest = await query<{ id: string }>(
    'SELECT id FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT 1',
    [input.conversationId],
  );
  const triggerId = latest.rows[0]?.id;
  if (!triggerId)
    throw new ReplyUnavailableError(
      'nothing_to_reply_to',
      'The conversation has no messages to reply to yet',
    );
  const upserted = await query<JobRow>(
    `INSERT INTO ai_jobs (conversation_id, persona_id, trigger_message_id, triggered_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (conversation_id, persona_id, trigger_message_id) DO UPDATE
        SET status = 'queued', attempts = 0, last_error = NULL, triggered_by = EXCLUDED.triggered_by, updated_at = now()
      WHERE ai_jobs.status IN ('failed', 'skipped') AND ai_jobs.message_id IS NULL
     RETURNING id, status, message_id`,
    [input.conversationId, input.personaId, triggerId, input.userId],
    { idempotent: false },
  );
  if (upserted.rows[0]) return upserted.rows[0];
  const existing = await query<JobRow>(
    'SELECT id, status, message_id FROM ai_jobs WHERE conversation_id = $1 AND persona_id = $2 AND trigger_message_id = $3',
    [input.conversationId, input.personaId, triggerId],
  );
  if (!existing.rows[0]) throw inProgress();
  return existing.rows[0];
}

async function storedMessage(messageId: string): Promise<PublishedMessage | undefined> {
  const { rows } = await query<{
    id: string;
    conversation_id: string;
    seq: number;
    persona_id: string;
    name: string;
    avatar_url: string | null;
    owner_id: string | null;
    content: string;
    kind: string;
    created_at: Date;
    metadata: Record<string, unknown>;
    ai_job_id: string;
  }>(
    `SELECT m.id, m.conversation_id, m.seq, m.persona_id, p.name, p.avatar_url, p.owner_id, m.content, m.kind, m.created_at, m.metadata, m.ai_job_id
       FROM messages m JOIN personas p ON p.id = m.persona_id WHERE m.id = $1 AND m.kind = 'text'`,
    [messageId],
  );
  const m = rows[0];
  return m
    ? {
        id: m.id,
        conversationId: m.conversation_id,
        seq: m.seq,
        personaId: m.persona_id,
        personaName: m.name,
        avatarUrl: m.avatar_url,
        ownerId: m.owner_id,
        content: m.content,
        kind: 'text',
        createdAt: m.created_at.toISOString(),
        metadata: m.metadata,
        jobId: m.ai_job_id,
      }
    : undefined;
}

/**
 * Budget first (BudgetExceededError before any model call), then claim, generate, store and publish.
 * Throws ModelCallError when the model finally fails (the job is then failed, quietly: the caller is told).
 */
export async function respondNow(input: RespondNowInput, opts: RunOptions): Promise<PublishedMessage> {
  assertWithinBudget(await spentTodayUsd({ query }, input.userId));
  const row = await jobForLatestMessage(input);
  if (row.status === 'done' && row.message_id) {
    const existing = await storedMessage(row.message_id);
    if (existing) return existing;
  }
  if (row.status === 'ready') {
    const [published] = await publishJobs(input.conversationId, { jobIds: [row.id], now: true });
    if (published) return published;
  }
  if (row.status !== 'queued') throw inProgress();

  const job = await claimJob(row.id, { readingScale: 0 });
  if (!job) throw inProgress();
  try {
    if (job.conversation.status !== 'active') {
      await skipJob(job, 'conversation_ended');
      throw new ReplyUnavailableError('nothing_to_reply_to', 'The conversation has ended');
    }
    const history = await loadHistory(job.conversationId);
    const started = performance.now();
    let produced: Awaited<ReturnType<typeof produceReply>>;
    try {
      produced = await produceReply(job, history, opts);
    } catch (err) {
      if (!(err instanceof ModelCallError)) throw err;
      const usage = failedUsage(job, err, performance.now() - started);
      await failJob(job, err.kind, usage && { record: usage, job }, { notice: false });
      metrics.addMetric('AiReplyFailed', MetricUnit.Count, 1);
      logger.error('AI reply failed (generate-response)', {
        jobId: job.id,
        kind: err.kind,
        status: err.status,
      });
      throw err;
    }
    if ((await completeJob(job, produced.text, produced.metadata, 0, produced.usage)) === undefined)
      throw inProgress();
    const [published] = await publishJobs(input.conversationId, { jobIds: [job.id], now: true });
    if (!published) throw inProgress();
    return published;
  } catch (err) {
    if (err instanceof ReplyUnavailableError || err instanceof ModelCallError) throw err;
    await failJob(job, `interrupted: ${(err as Error)?.name ?? 'error'}`, undefined, { notice: false }).catch(
      () => undefined,
    );
    throw err;
  }
}
