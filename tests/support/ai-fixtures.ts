/**
 * Data and events for the AI tests: users, personas, conversations, and human messages posted exactly as the
 * conversations function posts them (seq allocation + message + reply jobs in one transaction).
 */
import { randomUUID } from 'node:crypto';
import { allocateSequence } from '@amianai/core/conversations';
import { createDefaultPersona } from '@amianai/core/personas';
import { type AiSettings, createReplyJobs } from '@amianai/core/replies';
import { ensureUser, onFirstSignIn } from '@amianai/shared/auth';
import { query, withTransaction } from '@amianai/shared/db';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext, newCaller, type TestCaller } from './events';

export interface TestUser {
  id: string;
  caller: TestCaller;
  /** The human persona created with the user. */
  personaId: string;
}

// As every function with user routes does: a new user starts with their own human persona.
onFirstSignIn(createDefaultPersona);

export async function createUser(name = 'Alice', admin = false): Promise<TestUser> {
  const caller = newCaller(name, admin);
  const user = await ensureUser({
    sub: caller.sub,
    name: caller.name,
    groups: admin ? ['admin'] : [],
    isAdmin: admin,
  });
  const { rows } = await query<{ id: string }>(
    "SELECT id FROM personas WHERE owner_id = $1 AND kind = 'human'",
    [user.id],
  );
  return { id: user.id, caller, personaId: rows[0]!.id };
}

export interface AiPersonaInput {
  name: string;
  ownerId?: string | null;
  style?: string;
  summary?: string;
  knowledge?: string[];
  ai?: Partial<AiSettings>;
}

export async function createAiPersona(input: AiPersonaInput): Promise<string> {
  const { rows } = await query<{ id: string }>(
    `INSERT INTO personas (owner_id, name, kind, description, personality, knowledge, communication_style, ai)
     VALUES ($1, $2, 'ai', $3, $4, $5, $6, $7) RETURNING id`,
    [
      input.ownerId ?? null,
      input.name,
      `${input.name}, a regular.`,
      JSON.stringify({ traits: { extraversion: 70 }, summary: input.summary ?? 'Friendly.' }),
      input.knowledge ?? ['cooking'],
      input.style ?? 'casual',
      JSON.stringify({ model: 'gpt-4o-mini', typingWpm: 60, talkativeness: 0.5, ...input.ai }),
    ],
  );
  return rows[0]!.id;
}

export interface ConversationInput {
  createdBy: TestUser;
  /** Human participants (their own persona) and AI persona ids. */
  humans?: TestUser[];
  ais: string[];
  mode?: 'chat' | 'game';
  maxAiTurnsInRow?: number;
}

export async function createConversation(input: ConversationInput): Promise<string> {
  return withTransaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO conversations (title, topic, mode, created_by, settings) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        'Test chat',
        'anything',
        input.mode ?? 'chat',
        input.createdBy.id,
        JSON.stringify({ maxAiTurnsInRow: input.maxAiTurnsInRow ?? 3 }),
      ],
    );
    const id = rows[0]!.id;
    const humans = input.humans ?? [input.createdBy];
    for (const h of humans) {
      await tx.query(
        'INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3)',
        [id, h.personaId, h.id],
      );
    }
    for (const ai of input.ais) {
      await tx.query('INSERT INTO conversation_participants (conversation_id, persona_id) VALUES ($1, $2)', [
        id,
        ai,
      ]);
    }
    return id;
  });
}

/**
 * Posts as `user`'s persona the way the conversations function does; returns the message and reply job ids.
 * The jobs are then marked read (as if the reading delay had passed) unless `read: false`, so a test can
 * deliver them at once; tests of reading itself pass `read: false`.
 */
export async function postHuman(
  conversationId: string,
  user: TestUser,
  content: string,
  opts: { read?: boolean } = {},
) {
  const posted = await withTransaction(async (tx) => {
    const seq = await allocateSequence(tx, conversationId);
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO messages (conversation_id, seq, persona_id, content) VALUES ($1, $2, $3, $4) RETURNING id',
      [conversationId, seq, user.personaId, content],
    );
    const messageId = rows[0]!.id;
    const jobIds = await createReplyJobs(tx, {
      conversationId,
      messageId,
      personaId: user.personaId,
      userId: user.id,
    });
    return { messageId, jobIds };
  });
  if (opts.read !== false) await makeRead(posted.jobIds);
  return posted;
}

/** Queued jobs become claimable now (their personas have read the messages). */
export async function makeRead(jobIds: string[]): Promise<void> {
  await query(
    "UPDATE ai_jobs SET visible_at = now() - interval '1 millisecond' WHERE id = ANY($1) AND status = 'queued'",
    [jobIds],
  );
}

export interface MessageRow {
  seq: number;
  persona_id: string | null;
  content: string;
  kind: 'text' | 'system';
  ai_job_id: string | null;
  metadata: Record<string, unknown>;
}

export async function messagesOf(conversationId: string): Promise<MessageRow[]> {
  const { rows } = await query<MessageRow>(
    'SELECT seq, persona_id, content, kind, ai_job_id, metadata FROM messages WHERE conversation_id = $1 ORDER BY seq',
    [conversationId],
  );
  return rows;
}

export interface JobRow {
  id: string;
  persona_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  visible_at: Date | null;
  started_at: Date | null;
}

export async function jobsOf(conversationId: string): Promise<JobRow[]> {
  const { rows } = await query<JobRow>(
    `SELECT id, persona_id, status, attempts, last_error, message_id, visible_at, started_at
       FROM ai_jobs WHERE conversation_id = $1 ORDER BY created_at, id`,
    [conversationId],
  );
  return rows;
}

export async function job(jobId: string): Promise<JobRow> {
  const { rows } = await query<JobRow>(
    'SELECT id, persona_id, status, attempts, last_error, message_id, visible_at, started_at FROM ai_jobs WHERE id = $1',
    [jobId],
  );
  return rows[0]!;
}

/** Makes a ready reply due now (as if its typing time had passed). */
export async function makeDue(jobId: string): Promise<void> {
  await query("UPDATE ai_jobs SET visible_at = now() - interval '1 second' WHERE id = $1", [jobId]);
}

/** Ages a job past the stale threshold (as if its worker had stopped answering minutes ago). */
export async function makeStale(jobId: string): Promise<void> {
  await query("UPDATE ai_jobs SET updated_at = now() - interval '10 minutes' WHERE id = $1", [jobId]);
}

/** An SQS event as the reply queue delivers it: one record per body. */
export function sqsEvent(jobIds: Array<string | { raw: string }>, receiveCount = 1): SQSEvent {
  return {
    Records: jobIds.map((j) => ({
      messageId: randomUUID(),
      receiptHandle: `handle-${randomUUID()}`,
      body: typeof j === 'string' ? JSON.stringify({ jobId: j }) : j.raw,
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: String(Date.now()),
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:ReplyQueue',
      awsRegion: 'us-east-1',
    })),
  };
}

type WorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** Delivers job ids to the worker handler as one SQS batch. */
export function deliver(handler: WorkerHandler, jobIds: Array<string | { raw: string }>, receiveCount = 1) {
  return handler(sqsEvent(jobIds, receiveCount), lambdaContext('ai-worker'));
}
