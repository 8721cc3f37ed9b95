/**
 * The sweeper's work (every minute): nothing is lost when a queue send failed, a worker crashed or nobody is
 * watching a conversation. Bounded per run so one sweep never outgrows its invocation.
 */

import { logger, MetricUnit, metrics } from '@amianai/shared/observability';
import { sendReplyJobs } from '@amianai/shared/queue';
import { publishJobs } from './publish';
import { conversationsWithDueReplies, exhaustedJobs, failJob, requeueStuckJobs } from './store';

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
  const requeueIds = await requeueStuckJobs(limit);
  if (requeueIds.length) await sendReplyJobs(requeueIds);

  // Crashed on its last attempt: fail it (silently, like any failure) instead of trying forever.
  const exhausted = await exhaustedJobs(limit);
  let failed = 0;
  for (const j of exhausted) {
    const res = await failJob({ id: j.id, attempts: j.attempts }, 'attempts_exhausted');
    if (res.failed) failed++;
  }

  // Replies whose time has come in conversations nobody is polling.
  const due = await conversationsWithDueReplies(opts.conversations ?? 50);
  let published = 0;
  for (const id of due) published += (await publishJobs(id)).length;

  if (failed) metrics.addMetric('AiReplyFailed', MetricUnit.Count, failed);
  if (requeueIds.length) metrics.addMetric('AiJobsRequeued', MetricUnit.Count, requeueIds.length);
  logger.info('reply jobs swept', { requeued: requeueIds.length, failed, published });
  return { requeued: requeueIds.length, failed, published };
}
