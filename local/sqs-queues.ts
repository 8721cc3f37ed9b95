/**
 * In-memory SQS queues, one per `AWS::SQS::Queue` in the template: delays, visibility, receive counts and
 * the RedrivePolicy's dead-letter queue. Consumers subscribe and are told when messages become visible.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type MessageAttributeValue, md5Hex, md5OfMessageAttributes } from './sqs-checksums';
import { type CfnTemplate, isRecord, LOCAL_ACCOUNT_ID, localRegion, resourcesOfType } from './template';

export interface QueueMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes?: string;
  sentTimestamp: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  receiptHandle?: string;
}

export interface SendInput {
  body: string;
  delaySeconds?: number;
  messageAttributes?: Record<string, MessageAttributeValue>;
}

export interface QueueSettings {
  delaySeconds: number;
  maxReceiveCount?: number;
  deadLetterQueue?: string;
}

export class LocalQueue {
  /** Waiting messages (visible or delayed); received ones sit in `inFlight` until deleted or released. */
  private readonly waiting: QueueMessage[] = [];
  private readonly inFlight = new Map<string, QueueMessage>();
  private readonly listeners = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly settings: QueueSettings,
    private readonly resolveQueue: (name: string) => LocalQueue | undefined,
  ) {}

  send(input: SendInput, now = Date.now()): QueueMessage {
    const messageAttributes = input.messageAttributes ?? {};
    const message: QueueMessage = {
      messageId: randomUUID(),
      body: input.body,
      md5OfBody: md5Hex(input.body),
      messageAttributes,
      md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
      sentTimestamp: now,
      visibleAt: now + (input.delaySeconds ?? this.settings.delaySeconds) * 1000,
      receiveCount: 0,
    };
    this.enqueue(message);
    return message;
  }

  private enqueue(message: QueueMessage): void {
    this.waiting.push(message);
    this.wakeListeners();
  }

  /**
   * Receives up to `max` visible messages, as ReceiveMessage does: each receive counts, and a message already
   * received maxReceiveCount times moves to the dead-letter queue instead.
   */
  receive(max: number, now = Date.now()): QueueMessage[] {
    const received: QueueMessage[] = [];
    for (let i = 0; i < this.waiting.length && received.length < max; ) {
      const message = this.waiting[i]!;
      if (message.visibleAt > now) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      const deadLetter = this.settings.deadLetterQueue
        ? this.resolveQueue(this.settings.deadLetterQueue)
        : undefined;
      if (
        deadLetter &&
        this.settings.maxReceiveCount &&
        message.receiveCount >= this.settings.maxReceiveCount
      ) {
        deadLetter.enqueue({ ...message, visibleAt: now, receiptHandle: undefined });
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.receiptHandle = randomBytes(24).toString('base64url');
      this.inFlight.set(message.messageId, message);
      received.push(message);
    }
    this.scheduleWake();
    return received;
  }

  /** Processed: gone for good. */
  delete(messageId: string): void {
    this.inFlight.delete(messageId);
  }

  /** Not processed: visible again once the visibility timeout has passed. */
  release(messageId: string, visibilityTimeoutMs: number, now = Date.now()): void {
    const message = this.inFlight.get(messageId);
    if (!message) return;
    this.inFlight.delete(messageId);
    this.waiting.push({ ...message, visibleAt: now + visibilityTimeoutMs });
    this.scheduleWake();
  }

  /** Calls `listener` whenever messages may have become visible; returns the unsubscribe function. */
  onAvailable(listener: () => void): () => void {
    this.listeners.add(listener);
    this.wakeListeners();
    return () => this.listeners.delete(listener);
  }

  /** Counts and waiting messages, for tests and GET /__local/sqs. */
  snapshot(now = Date.now()) {
    return {
      name: this.name,
      url: this.url,
      visible: this.waiting.filter((m) => m.visibleAt <= now).length,
      delayedOrInvisible: this.waiting.filter((m) => m.visibleAt > now).length,
      inFlight: this.inFlight.size,
      messages: this.waiting.map((m) => ({
        messageId: m.messageId,
        body: m.body,
        receiveCount: m.receiveCount,
      })),
    };
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private wakeListeners(): void {
    if (this.stopped || this.listeners.size === 0) return;
    // Let a whole SendMessageBatch land before the consumer looks, so it can arrive as one batch.
    setImmediate(() => {
      if (this.stopped) return;
      for (const listener of this.listeners) listener();
    });
    this.scheduleWake();
  }

  /** One timer, for the next message that becomes visible later (delays, visibility timeouts). */
  private scheduleWake(now = Date.now()): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || this.listeners.size === 0) return;
    const next = Math.min(...this.waiting.map((m) => m.visibleAt).filter((at) => at > now));
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(() => this.wakeListeners(), next - now);
  }
}

/** The logical id an ARN-valued property points at: `!GetAtt X.Arn` or an ARN string ending in the name. */
export function queueNameFrom(value: unknown): string | undefined {
  if (typeof value === 'string') return value.split(':').pop();
  if (!isRecord(value)) return undefined;
  const att = value['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  if (typeof att === 'string') return att.split('.')[0];
  return typeof value.Ref === 'string' ? value.Ref : undefined;
}

/** Every queue of the template, reachable at `<baseUrl>/<LogicalId>`. */
export class LocalQueues {
  private readonly queues = new Map<string, LocalQueue>();

  constructor(template: CfnTemplate, baseUrl: string) {
    for (const [name, resource] of resourcesOfType(template, 'AWS::SQS::Queue')) {
      const props = resource.Properties ?? {};
      const redrive = isRecord(props.RedrivePolicy) ? props.RedrivePolicy : {};
      const settings: QueueSettings = {
        delaySeconds: Number(props.DelaySeconds ?? 0) || 0,
        maxReceiveCount: Number(redrive.maxReceiveCount) || undefined,
        deadLetterQueue: queueNameFrom(redrive.deadLetterTargetArn),
      };
      const arn = `arn:aws:sqs:${localRegion()}:${LOCAL_ACCOUNT_ID}:${name}`;
      this.queues.set(
        name,
        new LocalQueue(name, `${baseUrl}/${name}`, arn, settings, (n) => this.queues.get(n)),
      );
    }
  }

  get(name: string): LocalQueue | undefined {
    return this.queues.get(name);
  }

  /** The queue a QueueUrl names (its last path segment), whatever host it carries. */
  byUrl(queueUrl: string): LocalQueue | undefined {
    const name = queueUrl.replace(/\/+$/, '').split('/').pop();
    return name ? this.queues.get(name) : undefined;
  }

  all(): LocalQueue[] {
    return [...this.queues.values()];
  }

  stop(): void {
    for (const queue of this.queues.values()) queue.stop();
  }
}
