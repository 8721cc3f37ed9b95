/**
 * A stand-in for the reply queue: a real HTTP endpoint speaking the SQS JSON protocol (SendMessage and
 * SendMessageBatch, as the AWS SDK sends them to REPLY_QUEUE_URL) that records what was sent and with which
 * delay. Tests and the benchmark drain it into the worker themselves.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  jobId: string;
  delaySeconds: number;
  sentAt: number;
}

export interface FakeReplyQueue {
  readonly url: string;
  readonly sent: SentMessage[];
  /** Removes and returns everything sent so far. */
  take(): SentMessage[];
  /** Refuse every send while true. */
  failing: boolean;
  close(): Promise<void>;
}

interface Entry {
  Id?: string;
  MessageBody: string;
  DelaySeconds?: number;
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

export async function startFakeReplyQueue(): Promise<FakeReplyQueue> {
  const sent: SentMessage[] = [];
  const state = { failing: false };
  const record = (e: Entry) => {
    const body = JSON.parse(e.MessageBody) as { jobId: string };
    sent.push({ jobId: body.jobId, delaySeconds: e.DelaySeconds ?? 0, sentAt: Date.now() });
    return { MessageId: randomUUID(), MD5OfMessageBody: md5(e.MessageBody) };
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      // Refused outright (not retried by the SDK): the send is simply lost.
      if (state.failing) return reply(403, { __type: 'com.amazonaws.sqs#AccessDenied', message: 'refused' });
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        Entries?: Entry[];
      } & Entry;
      if (target.endsWith('.SendMessageBatch')) {
        const entries = input.Entries ?? [];
        return reply(200, { Successful: entries.map((e) => ({ Id: e.Id, ...record(e) })), Failed: [] });
      }
      if (target.endsWith('.SendMessage')) return reply(200, record(input));
      return reply(400, { __type: 'com.amazonaws.sqs#InvalidAction', message: target });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/123456789012/ReplyQueue`,
    sent,
    take: () => sent.splice(0, sent.length),
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Jest hooks: the fake queue as REPLY_QUEUE_URL for this file (with the fake credentials the SDK needs). */
export function useFakeReplyQueue(): FakeReplyQueue {
  let queue: FakeReplyQueue | undefined;
  const must = () => {
    if (!queue) throw new Error('fake reply queue not started yet');
    return queue;
  };
  beforeAll(async () => {
    queue = await startFakeReplyQueue();
    Object.assign(process.env, {
      REPLY_QUEUE_URL: queue.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    const { resetConfig } = await import('@amianai/shared/config');
    resetConfig();
  });
  beforeEach(() => {
    if (queue) {
      queue.take();
      queue.failing = false;
    }
  });
  afterAll(async () => {
    delete process.env.REPLY_QUEUE_URL;
    await queue?.close();
  });
  return {
    get url() {
      return must().url;
    },
    get sent() {
      return must().sent;
    },
    take: () => must().take(),
    get failing() {
      return must().failing;
    },
    set failing(v: boolean) {
      must().failing = v;
    },
    close: () => must().close(),
  };
}
