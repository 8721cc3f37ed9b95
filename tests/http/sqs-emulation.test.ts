/**
 * The local SQS emulation, driven by the real @aws-sdk/client-sqs as the app's queue module drives it:
 * sends, delays, batch item failures with redelivery, and the dead-letter queue.
 */
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { LocalServer } from '../../local/server';
import { batchSizes, deliveries } from '../fixtures/local-server/functions/worker/handler';
import { START_TIMEOUT_MS, startFixtureServer, waitFor } from './local-server';

let server: LocalServer;
let sqs: SQSClient;
let queueUrl: string;

beforeAll(async () => {
  server = await startFixtureServer({ queueVisibilityTimeoutMs: 50 });
  queueUrl = server.queues.get('WorkQueue')!.url;
  // No region or credentials given: the server's environment supplies them, as it does for handlers.
  sqs = new SQSClient({});
}, START_TIMEOUT_MS);
afterAll(async () => {
  sqs?.destroy();
  await server?.stop();
});

let n = 0;
const body = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: `m${++n}-${Date.now()}`, ...extra });
const deliveriesOf = (messageId: string | undefined): SQSRecord[] =>
  deliveries.filter((d) => d.messageId === messageId);

describe('SendMessage', () => {
  it('delivers to the subscribed function with the real SQS record shape', async () => {
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body(),
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'reply' } },
      }),
    );
    const [record] = await waitFor(
      () => deliveriesOf(sent.MessageId).length > 0 && deliveriesOf(sent.MessageId),
    );
    expect(record).toMatchObject({
      messageId: sent.MessageId,
      receiptHandle: expect.any(String),
      md5OfBody: sent.MD5OfMessageBody,
      md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'reply', stringListValues: [], binaryListValues: [] },
      },
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:WorkQueue',
      awsRegion: 'us-east-1',
    });
  });

  it('holds a message back for its DelaySeconds', async () => {
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body(), DelaySeconds: 1 }),
    );
    const [record] = await waitFor(
      () => deliveriesOf(sent.MessageId).length > 0 && deliveriesOf(sent.MessageId),
    );
    const { SentTimestamp, ApproximateFirstReceiveTimestamp } = record!.attributes;
    expect(Number(ApproximateFirstReceiveTimestamp) - Number(SentTimestamp)).toBeGreaterThanOrEqual(1000);
  });

  it('answers QueueDoesNotExist for an unknown queue', async () => {
    const send = sqs.send(
      new SendMessageCommand({ QueueUrl: `${server.url}/__local/sqs/NoSuchQueue`, MessageBody: 'x' }),
    );
    await expect(send).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it('rejects a DelaySeconds over 900 as SQS does', async () => {
    const send = sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x', DelaySeconds: 901 }),
    );
    await expect(send).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('SendMessageBatch and the event source mapping', () => {
  it('delivers a batch together, up to the event BatchSize', async () => {
    const before = batchSizes.length;
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: ['a', 'b', 'c', 'd'].map((Id) => ({ Id, MessageBody: body() })),
      }),
    );
    expect(out.Successful).toHaveLength(4);
    expect(out.Failed ?? []).toHaveLength(0);
    await waitFor(() => out.Successful!.every((s) => deliveriesOf(s.MessageId).length > 0));
    expect(batchSizes.slice(before)).toEqual([3, 1]);
  });

  it('redelivers only the failed items of a batch, counting receives', async () => {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'ok', MessageBody: body() },
          { Id: 'flaky', MessageBody: body({ failTimes: 1 }) },
        ],
      }),
    );
    const id = (entry: string) => out.Successful!.find((s) => s.Id === entry)!.MessageId;
    const flaky = await waitFor(() => deliveriesOf(id('flaky')).length === 2 && deliveriesOf(id('flaky')));
    expect(flaky.map((d) => d.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(deliveriesOf(id('ok'))).toHaveLength(1);
  });

  it('moves a message that keeps failing to the dead-letter queue after maxReceiveCount receives', async () => {
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body({ failTimes: 'always' }) }),
    );
    const deadLetter = server.queues.get('WorkDeadLetterQueue')!;
    const moved = await waitFor(() =>
      deadLetter.snapshot().messages.find((m) => m.messageId === sent.MessageId),
    );
    expect(moved.receiveCount).toBe(2);
    expect(deliveriesOf(sent.MessageId).map((d) => d.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
  });

  it('reports a bad entry in a batch as Failed without failing the others', async () => {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'good', MessageBody: body() },
          { Id: 'late', MessageBody: body(), DelaySeconds: 1000 },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(['good']);
    expect(out.Failed).toEqual([
      expect.objectContaining({ Id: 'late', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
  });
});
