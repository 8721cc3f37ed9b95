/**
 * The slice of the SQS API the app uses, over the AWS JSON 1.0 protocol the AWS SDK speaks
 * (`X-Amz-Target: AmazonSQS.SendMessage`, content type application/x-amz-json-1.0), with SQS's reply and
 * error shapes so the real @aws-sdk/client-sqs works unchanged against the local queues.
 */
import type { HttpResponse } from './proxy-result';
import type { MessageAttributeValue } from './sqs-checksums';
import type { LocalQueue, LocalQueues } from './sqs-queues';
import { isRecord } from './template';

export const SQS_TARGET_PREFIX = 'AmazonSQS.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_DELAY_SECONDS = 900;

class SqsError extends Error {
  constructor(
    readonly type: string,
    readonly queryCode: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new SqsError('InvalidParameterValue', 'InvalidParameterValue', message);

function reply(statusCode: number, body: unknown, extra: Record<string, string> = {}): HttpResponse {
  const headers: Record<string, string[]> = { 'Content-Type': [CONTENT_TYPE] };
  for (const [name, value] of Object.entries(extra)) headers[name] = [value];
  return { statusCode, headers, body: Buffer.from(JSON.stringify(body)) };
}

function errorReply(err: SqsError): HttpResponse {
  return reply(
    400,
    { __type: `com.amazonaws.sqs#${err.type}`, message: err.message },
    { 'x-amzn-query-error': `${err.queryCode};Sender` },
  );
}

function queueFor(queues: LocalQueues, input: Record<string, unknown>): LocalQueue {
  if (typeof input.QueueUrl !== 'string')
    throw new SqsError('MissingParameter', 'MissingParameter', 'QueueUrl is required');
  const queue = queues.byUrl(input.QueueUrl);
  if (!queue) {
    throw new SqsError(
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      'The specified queue does not exist.',
    );
  }
  return queue;
}

function messageInput(entry: Record<string, unknown>) {
  const { MessageBody, DelaySeconds, MessageAttributes } = entry;
  if (typeof MessageBody !== 'string' || MessageBody.length === 0)
    throw invalid('MessageBody must be a non-empty string');
  if (Buffer.byteLength(MessageBody) > MAX_MESSAGE_BYTES)
    throw invalid(`MessageBody must be at most ${MAX_MESSAGE_BYTES} bytes`);
  if (DelaySeconds !== undefined) {
    if (
      typeof DelaySeconds !== 'number' ||
      !Number.isInteger(DelaySeconds) ||
      DelaySeconds < 0 ||
      DelaySeconds > MAX_DELAY_SECONDS
    ) {
      throw invalid(`DelaySeconds must be an integer from 0 to ${MAX_DELAY_SECONDS}`);
    }
  }
  const attributes: Record<string, MessageAttributeValue> = {};
  if (MessageAttributes !== undefined) {
    if (!isRecord(MessageAttributes)) throw invalid('MessageAttributes must be an object');
    for (const [name, value] of Object.entries(MessageAttributes)) {
      if (!isRecord(value) || typeof value.DataType !== 'string')
        throw invalid(`MessageAttribute ${name} needs a DataType`);
      attributes[name] = {
        DataType: value.DataType,
        ...(typeof value.StringValue === 'string' ? { StringValue: value.StringValue } : {}),
        ...(typeof value.BinaryValue === 'string' ? { BinaryValue: value.BinaryValue } : {}),
      };
    }
  }
  return {
    body: MessageBody,
    delaySeconds: DelaySeconds as number | undefined,
    messageAttributes: attributes,
  };
}

function sent(queue: LocalQueue, entry: Record<string, unknown>) {
  const message = queue.send(messageInput(entry));
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
  };
}

function sendMessageBatch(queue: LocalQueue, input: Record<string, unknown>) {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new SqsError(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'There should be at least one entry in the request.',
    );
  }
  if (entries.length > 10) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      'Maximum number of entries per request are 10.',
    );
  }
  const ids = entries.map((entry) => (isRecord(entry) ? entry.Id : undefined));
  if (ids.some((id) => typeof id !== 'string' || !/^[\w-]{1,80}$/.test(id))) {
    throw new SqsError(
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores.',
    );
  }
  if (new Set(ids).size !== ids.length) {
    throw new SqsError(
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id.',
    );
  }
  const successful: Array<Record<string, unknown>> = [];
  const failed: Array<Record<string, unknown>> = [];
  for (const entry of entries as Array<Record<string, unknown>>) {
    try {
      successful.push({ Id: entry.Id, ...sent(queue, entry) });
    } catch (err) {
      if (!(err instanceof SqsError)) throw err;
      failed.push({ Id: entry.Id, SenderFault: true, Code: err.type, Message: err.message });
    }
  }
  return { Successful: successful, Failed: failed };
}

export function isSqsRequest(method: string, target: string | undefined): boolean {
  return method === 'POST' && typeof target === 'string' && target.startsWith(SQS_TARGET_PREFIX);
}

/** Answers one SQS API call; `target` is the X-Amz-Target header value. */
export function handleSqsRequest(queues: LocalQueues, target: string, body: Buffer): HttpResponse {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return errorReply(
      new SqsError('InvalidParameterValue', 'InvalidParameterValue', 'The request body is not valid JSON.'),
    );
  }
  if (!isRecord(input)) return errorReply(invalid('The request body must be a JSON object.'));
  try {
    switch (target.slice(SQS_TARGET_PREFIX.length)) {
      case 'SendMessage':
        return reply(200, sent(queueFor(queues, input), input));
      case 'SendMessageBatch':
        return reply(200, sendMessageBatch(queueFor(queues, input), input));
      case 'GetQueueUrl': {
        const queue = typeof input.QueueName === 'string' ? queues.get(input.QueueName) : undefined;
        if (!queue)
          return errorReply(
            new SqsError(
              'QueueDoesNotExist',
              'AWS.SimpleQueueService.NonExistentQueue',
              'The specified queue does not exist.',
            ),
          );
        return reply(200, { QueueUrl: queue.url });
      }
      default:
        return errorReply(
          new SqsError(
            'UnsupportedOperation',
            'AWS.SimpleQueueService.UnsupportedOperation',
            `${target} is not emulated locally.`,
          ),
        );
    }
  } catch (err) {
    if (err instanceof SqsError) return errorReply(err);
    throw err;
  }
}
