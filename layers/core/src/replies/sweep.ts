/**
 * The sweeper's work (every minute): nothing is lost when a queue send failed, a worker crashed or nobody is
 * watching a conversation. Bounded per run so one sweep never outgrows its invocation.
 */
import { query } from '@amianai/shared/db';
import { logger, MetricUnit, metrics } from '@amianai/shared/observability';
import { sendReplyJobs } from '@amianai/shared/queue';
import { failJob, MAX_JOB_ATTEMPTS, STALE_AFTER_SECONDS } from './jobs';
import { publishJobs } from './publish';

export interface SweepResult {
  requeued: number;
  failed: number;
  published: number;
}

export interface SweepOptions {
  /** Jobs re-queued or failed per run. */
  limit?: number;
  /** Conversations whose overdue replies are published per run. */
  conversations?: number;
}

export async function sweepReplyJobs(opts: SweepOptions = {}): Promise<SweepResult> {
  const limit = opts.limit ?? 100;
  // Queued but never picked up (send failed, message lost), or running on a worker that stopped answering.
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
  const requeueIds = stuck.rows.map((r) => r.id);
  if (requeueIds.length) await sendReplyJobs(requeueIds);

  // Crashed on its last attempt: fail it (with the neutral notice) instead of trying forever.
  const exhausted = await query<{ id: string; attempts: number; conversation_id: string }>(
    `SELECT id, attempts, conversation_id FROM ai_jobs
      WHERE status = 'running' AND attempts >= $3 AND updated_at < now() - make_interval(secs => $1::float8)
      ORDER BY updated_at LIMIT $2`,
    [STALE_AFTER_SECONDS, limit, MAX_JOB_ATTEMPTS],
  );
  let failed = 0;
  for (const j of exhausted.rows) {
    const res = await failJob(
      { id: j.id, attempts: j.attempts, conversationId: j.conversation_id },
      'attempts_exhausted',
    );
    if (res.failed) failed++;
  }

  // Replies whose time has come in conversations nobody is polling.
  const due = await query<{ conversation_id: string }>(
    `SELECT DISTINCT conversation_id FROM ai_jobs WHERE status = 'ready' AND visible_at <= now() LIMIT $1`,
    [opts.conversations ?? 50],
  );
  let published = 0;
  for (const r of due.rows) published += (await publishJobs(r.conversation_id)).length;

  if (failed) metrics.addMetric('AiReplyFailed', MetricUnit.Count, failed);
  if (requeueIds.length) metrics.addMetric('AiJobsRequeued', MetricUnit.Count, requeueIds.length);
  logger.info('reply jobs swept', { requeued: requeueIds.length, failed, published });
  return { requeued: requeueIds.length, failed, published };
}
