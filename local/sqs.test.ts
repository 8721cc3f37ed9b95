import { md5Hex, md5OfMessageAttributes } from './sqs-checksums';
import { failedMessageIds } from './sqs-delivery';
import { LocalQueues, type QueueMessage } from './sqs-queues';
import type { CfnTemplate } from './template';

describe('SQS checksums', () => {
  it('computes MD5OfMessageBody', () => {
    expect(md5Hex('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
  });

  it('computes MD5OfMessageAttributes as SQS does (published test vectors)', () => {
    expect(
      md5OfMessageAttributes({
        ordinal: { DataType: 'Number', StringValue: '1' },
        category: { DataType: 'String', StringValue: 'test' },
      }),
    ).toBe('d21ae90c49061e927f57df5f5d72be1f');
    expect(md5OfMessageAttributes({ timestamp: { DataType: 'Number', StringValue: '1493147359900' } })).toBe(
      '235c5c510d26fb653d073faed50ae77c',
    );
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});

const template: CfnTemplate = {
  Resources: {
    Work: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dead', 'Arn'] }, maxReceiveCount: 2 },
      },
    },
    Dead: { Type: 'AWS::SQS::Queue' },
  },
};

describe('LocalQueue', () => {
  const queues = new LocalQueues(template, 'http://127.0.0.1:1/__local/sqs');
  const work = queues.get('Work')!;
  const dead = queues.get('Dead')!;
  afterAll(() => queues.stop());

  it('finds queues by URL whatever the host', () => {
    expect(queues.byUrl('http://elsewhere:9/123456789012/Work')).toBe(work);
    expect(queues.byUrl('http://127.0.0.1:1/__local/sqs/Nope')).toBeUndefined();
  });

  it('keeps a delayed message invisible until its delay has passed', () => {
    const sent = work.send({ body: 'later', delaySeconds: 10 }, 1_000);
    expect(work.receive(10, 10_999)).toEqual([]);
    const [received] = work.receive(10, 11_000);
    expect(received).toMatchObject({
      messageId: sent.messageId,
      receiveCount: 1,
      firstReceiveTimestamp: 11_000,
    });
    work.delete(sent.messageId);
  });

  it('redelivers a released message after the visibility timeout, then dead-letters it after maxReceiveCount', () => {
    const sent = work.send({ body: 'poison' }, 0);
    expect(work.receive(1, 0)).toHaveLength(1);
    work.release(sent.messageId, 100, 0);
    expect(work.receive(1, 99)).toEqual([]);
    const [again] = work.receive(1, 100);
    expect(again?.receiveCount).toBe(2);
    work.release(sent.messageId, 100, 100);
    expect(work.receive(1, 200)).toEqual([]);
    expect(dead.snapshot(200).messages).toEqual([
      { messageId: sent.messageId, body: 'poison', receiveCount: 2 },
    ]);
  });
});

describe('failedMessageIds', () => {
  const batch = [{ messageId: 'a' }, { messageId: 'b' }] as QueueMessage[];

  it('fails only the reported items with ReportBatchItemFailures', () => {
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'b' }] }, batch, true)).toEqual(
      new Set(['b']),
    );
    expect(failedMessageIds({ batchItemFailures: [] }, batch, true)).toEqual(new Set());
    expect(failedMessageIds(undefined, batch, true)).toEqual(new Set());
  });

  it('fails the whole batch when the report names an unknown or empty identifier', () => {
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'zzz' }] }, batch, true)).toEqual(
      new Set(['a', 'b']),
    );
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: '' }] }, batch, true)).toEqual(
      new Set(['a', 'b']),
    );
  });

  it('ignores the result without ReportBatchItemFailures', () => {
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'a' }] }, batch, false)).toEqual(
      new Set(),
    );
  });
});
