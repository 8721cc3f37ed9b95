/**
 * The SQS event source mapping: takes visible messages in batches of the event's BatchSize, invokes the
 * function with the real SQS event shape, deletes what succeeded and lets the rest reappear after the
 * visibility timeout (so the queue's RedrivePolicy moves repeat failures to the dead-letter queue).
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionSpec } from './functions';
import type { Invoker } from './lambda-runtime';
import type { Log } from './log';
import type { LocalQueue, LocalQueues, QueueMessage } from './sqs-queues';
import { queueNameFrom } from './sqs-queues';
import { isRecord, localRegion } from './template';

export interface SqsSubscription {
  functionId: string;
  queue: LocalQueue;
  batchSize: number;
  reportBatchItemFailures: boolean;
}

export function readSubscriptions(functions: FunctionSpec[], queues: LocalQueues): SqsSubscription[] {
  return functions.flatMap((fn) =>
    fn.events.flatMap((event) => {
      if (event.type !== 'SQS' || event.properties.Enabled === false) return [];
      const queue = queues.get(queueNameFrom(event.properties.Queue) ?? '');
      if (!queue) return [];
      const types = event.properties.FunctionResponseTypes;
      return [
        {
          functionId: fn.logicalId,
          queue,
          batchSize: Number(event.properties.BatchSize ?? 10) || 10,
          reportBatchItemFailures: Array.isArray(types) && types.includes('ReportBatchItemFailures'),
        },
      ];
    }),
  );
}

const SENDER_ID = 'AIDALOCALSERVEREXAMPLE';

export function sqsRecord(message: QueueMessage, queue: LocalQueue): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(message.messageAttributes)) {
    messageAttributes[name] = {
      dataType: value.DataType,
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: SENDER_ID,
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
    },
    messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: localRegion(),
  };
}

/**
 * Which messages of a batch failed, per Lambda's rules: with ReportBatchItemFailures the listed ids (and an
 * invalid list fails the whole batch); without it, none unless the invocation itself failed.
 */
export function failedMessageIds(
  result: unknown,
  batch: QueueMessage[],
  reportBatchItemFailures: boolean,
): Set<string> {
  const all = new Set(batch.map((m) => m.messageId));
  if (!reportBatchItemFailures || result === undefined || result === null) return new Set();
  if (!isRecord(result) || result.batchItemFailures === undefined || result.batchItemFailures === null)
    return new Set();
  if (!Array.isArray(result.batchItemFailures)) return all;
  const failed = new Set<string>();
  for (const item of result.batchItemFailures) {
    const id = isRecord(item) ? item.itemIdentifier : undefined;
    if (typeof id !== 'string' || !all.has(id)) return all;
    failed.add(id);
  }
  return failed;
}

export interface DeliveryOptions {
  /** How long a failed message stays invisible before it is delivered again. */
  visibilityTimeoutMs: number;
  /** Batches of one subscription in flight at once (Lambda scales pollers; a few is enough locally). */
  maxConcurrentBatches: number;
}

export class QueueDelivery {
  private readonly running = new Set<Promise<void>>();
  private unsubscribe?: () => void;

  constructor(
    private readonly subscription: SqsSubscription,
    private readonly runtime: Invoker,
    private readonly options: DeliveryOptions,
    private readonly log: Log,
  ) {}

  start(): void {
    this.unsubscribe = this.subscription.queue.onAvailable(() => this.pump());
  }

  /** Stops taking messages and waits (briefly) for batches already handed to the function. */
  async stop(graceMs = 5_000): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(this.running), grace]);
    clearTimeout(timer);
  }

  private pump(): void {
    const { queue, batchSize } = this.subscription;
    while (this.unsubscribe && this.running.size < this.options.maxConcurrentBatches) {
      const batch = queue.receive(batchSize);
      if (batch.length === 0) return;
      const delivery = this.deliver(batch).finally(() => {
        this.running.delete(delivery);
        this.pump();
      });
      this.running.add(delivery);
    }
  }

  private async deliver(batch: QueueMessage[]): Promise<void> {
    const { queue, functionId, reportBatchItemFailures } = this.subscription;
    const event: SQSEvent = { Records: batch.map((message) => sqsRecord(message, queue)) };
    const invocation = await this.runtime.invoke(functionId, event);
    const failed =
      invocation.outcome === 'returned'
        ? failedMessageIds(invocation.result, batch, reportBatchItemFailures)
        : new Set(batch.map((m) => m.messageId));
    for (const message of batch) {
      if (failed.has(message.messageId)) queue.release(message.messageId, this.options.visibilityTimeoutMs);
      else queue.delete(message.messageId);
    }
    if (failed.size > 0)
      this.log.warn(`${functionId}: ${failed.size} of ${batch.length} message(s) will be retried`);
  }
}
