/**
 * The reply queue: job ids go to SQS after the transaction that created the jobs commits, and again with a
 * delay when a reply should be published later. A send failure loses nothing — the jobs stay in the
 * database and the sweeper re-queues (or publishes) them.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from '../aws/timeouts';
import { config } from '../config';
import { logger } from '../observability/logger';
import { tracer } from '../observability/tracer';

let client: { queueUrl: string; sqs: Promise<SQSClient> } | undefined;

/**
 * One client per execution environment. For a queue that is not on an AWS host (the local server's SQS
 * emulation) the endpoint is the queue URL's origin, which the SDK would otherwise warn about on every send.
 */
function sqs(queueUrl: string): Promise<SQSClient> {
  if (client?.queueUrl !== queueUrl) {
    const url = new URL(queueUrl);
    const endpoint = /\.amazonaws\.com(\.cn)?$/.test(url.hostname) ? undefined : url.origin;
    client = {
      queueUrl,
      sqs: import('@aws-sdk/client-sqs').then(({ SQSClient }) =>
        tracer.captureAWSv3Client(new SQSClient({ ...awsClientConfig(), ...(endpoint ? { endpoint } : {}) })),
      ),
    };
  }
  return client.sqs;
}

export interface ReplyJobMessage {
  jobId: string;
}

/** SQS delays are whole seconds up to 15 minutes. */
const delayOf = (seconds: number) => Math.min(900, Math.max(0, Math.ceil(seconds)));

/** Sends job ids in batches of 10, each delivered after `delaySeconds`; returns how many were accepted. Never throws. */
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
      const out = await (await sqs(queueUrl)).send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((jobId, n) => ({
            Id: String(n),
            MessageBody: JSON.stringify({ jobId } satisfies ReplyJobMessage),
            DelaySeconds: delayOf(delaySeconds),
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
