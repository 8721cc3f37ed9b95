/**
 * Sweeper (EventBridge schedule, every minute): re-queues reply jobs stuck in queued/running, fails those
 * that crashed on their last attempt, and publishes replies that are due in conversations nobody is watching.
 */
import { sweepReplyJobs } from '@amianai/core/replies';
import { withObservability } from '@amianai/shared/observability';
import type { ScheduledEvent } from 'aws-lambda';

export const handler = withObservability(async (_event: ScheduledEvent) => {
  const result = await sweepReplyJobs();
  return result;
});
