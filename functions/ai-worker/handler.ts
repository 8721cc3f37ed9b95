/**
 * AI worker: consumes the reply queue (SQS event source, ReportBatchItemFailures). Each message `{jobId}` runs
 * the job or publishes its ready reply; a record fails only on unexpected errors, so SQS redelivers just that
 * one (and the dead-letter queue catches a poison message). Malformed bodies are dropped with a warning.
 */
import { handleReplyJob } from '@amianai/core/replies';
import { logger, withObservability } from '@amianai/shared/observability';
import { announceAiProvider } from '@amianai/shared/openai';
import { Value } from '@sinclair/typebox/value';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ReplyJobMessage } from './schemas';

announceAiProvider();

/** Kept back from the invocation's remaining time to store the result after the model call. */
const MARGIN_MS = 5_000;

function jobIdOf(record: SQSRecord): string | undefined {
  try {
    const body: unknown = JSON.parse(record.body);
    return Value.Check(ReplyJobMessage, body) ? body.jobId.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

export const handler = withObservability(async (event: SQSEvent, context): Promise<SQSBatchResponse> => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS;
  const batchItemFailures: SQSBatchItemFailure[] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      const jobId = jobIdOf(record);
      if (!jobId) {
        logger.warn('dropping a malformed reply-queue message', { messageId: record.messageId });
        return;
      }
      try {
        const result = await handleReplyJob(jobId, { deadline });
        logger.info('reply job handled', {
          jobId,
          outcome: result.outcome,
          receiveCount: record.attributes?.ApproximateReceiveCount,
          ...result.timings,
        });
      } catch (err) {
        logger.error('reply job failed unexpectedly; SQS will redeliver it', {
          jobId,
          error: (err as Error)?.name,
          message: (err as Error)?.message,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures };
});
