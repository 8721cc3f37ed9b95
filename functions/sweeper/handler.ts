/**
 * Sweeper (EventBridge schedule, every minute): re-queues reply jobs stuck in queued/running, fails those
 * that crashed on their last attempt, and publishes replies that are due in conversations nobody is watching.
 * For the game it settles rounds whose phase is due (pushing each new phase to the round's sockets) and runs
 * the matching pass, since both otherwise wait for the next request.
 */
import { matchDueTickets, settleDueRounds } from '@amianai/core/games/sweep';
import { sweepReplyJobs } from '@amianai/core/replies/sweep';
import { withObservability } from '@amianai/shared/observability';
import type { ScheduledEvent } from 'aws-lambda';

export const handler = withObservability(async (_event: ScheduledEvent) => {
  const result = await sweepReplyJobs();
  const rounds = await settleDueRounds();
  const matched = await matchDueTickets();
  return { ...result, roundsSettled: rounds, roundsFormed: matched };
});
