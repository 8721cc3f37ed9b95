/**
 * The reply queue: job ids go to SQS after the transaction that created the jobs commits. A send failure
 * loses nothing — the jobs stay `queued` in the database and the sweeper re-queues them.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { config } from '../config';
import { logger } from '../observability/logger';
import { tracer } from '../observability/tracer';

let client: Promise<SQSClient> | undefined;

async function sqs(): Promise<SQSClient> {
  client ??= import('@aws-sdk/client-sqs').then(({ SQSClient }) =>
    tracer.captureAWSv3Client(new SQSClient({})),
  );
  return client;
}

export interface ReplyJobMessage {
  jobId: string;
}

/** Sends job ids in batches of 10; returns how many were accepted. Never throws. */
export async function sendReplyJobs(jobIds: string[], delaySeconds = 0): Promise<number> {
  const queueUrl = config().replyQueueUrl;
  if (jobIds.length === 0) return 0;
  if (!queueUrl) {
    logger.warn('REPLY_QUEUE_URL is not set; jobs wait for the sweeper', { count: jobIds.length });
    return 0;
  }
  const { SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  let sent = 0;
  for (let i = 0; i < jobIds.length; i += 10) {
    const batch = jobIds.slice(i, i + 10);
    try {
      const out = await (await sqs()).send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((jobId, n) => ({
            Id: String(n),
            MessageBody: JSON.stringify({ jobId } satisfies ReplyJobMessage),
            DelaySeconds: Math.min(900, Math.max(0, Math.round(delaySeconds))),
          })),
        }),
      );
      sent += out.Successful?.length ?? 0;
      if (out.Failed?.length) logger.warn('some reply jobs were not queued', { failed: out.Failed.length });
    } catch (err) {
      logger.warn('reply queue unavailable; jobs wait for the sweeper', { error: (err as Error).name });
    }
  }
  return sent;
}
