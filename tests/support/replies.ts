/**
 * The reply engine's tests: conversations and human posts stored as the conversations function stores them
 * (with their reply jobs), the jobs, moving their clocks on, and delivering them to the worker as SQS does.
 */
import { randomUUID } from 'node:crypto';
import { allocateSequence } from '@amianai/core/conversations';
import { createReplyJobs } from '@amianai/core/replies';
import { query, withTransaction } from '@amianai/shared/db';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext } from './events';
import { type AiPersonaInput, aiPersona } from './personas';
import type { Player } from './players';

export interface SeedConversation {
  createdBy: Player;
  /** Players taking part with their own persona (default: the creator alone). */
  players?: Player[];
  /** AI persona ids. */
  ais: string[];
  mode?: 'chat' | 'game';
  maxAiTurnsInRow?: number;
}

/** Stores a conversation with its participants directly (rounds, or personas the API would not seat). */
export async function seedConversation(input: SeedConversation): Promise<string> {
  return withTransaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO conversations (title, topic, mode, created_by, settings) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        'Test chat',
        'anything',
        input.mode ?? 'chat',
        input.createdBy.userId,
        JSON.stringify({ maxAiTurnsInRow: input.maxAiTurnsInRow ?? 3 }),
      ],
    );
    const id = rows[0]!.id;
    for (const p of input.players ?? [input.createdBy]) {
      await tx.query(
        'INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3)',
        [id, p.personaId, p.userId],
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
 * Posts as `who`'s persona the way the conversations function does (sequence, message and reply jobs in one
 * transaction), without the API's push and queue send; returns the message and reply job ids. The jobs are
 * then marked read (as if the reading delay had passed) unless `read: false`, so a test can deliver them at
 * once; tests of reading itself pass `read: false`.
 */
export async function seedPost(
  conversationId: string,
  who: Player,
  content: string,
  opts: { read?: boolean } = {},
): Promise<{ messageId: string; jobIds: string[] }> {
  const posted = await withTransaction(async (tx) => {
    const seq = await allocateSequence(tx, conversationId);
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO messages (conversation_id, seq, persona_id, content) VALUES ($1, $2, $3, $4) RETURNING id',
      [conversationId, seq, who.personaId, content],
    );
    const messageId = rows[0]!.id;
    const jobIds = await createReplyJobs(tx, {
      conversationId,
      messageId,
      personaId: who.personaId,
      userId: who.userId,
    });
    return { messageId, jobIds };
  });
  if (opts.read !== false) await makeRead(posted.jobIds);
  return posted;
}

/**
 * A chat between `owner` and one AI persona: a new one made from `ai` unless `ai` is an id. A persona answers
 * one chat at a time, so a test that needs it free makes a new one.
 */
export async function chatWithAi(
  owner: Player,
  ai: AiPersonaInput | string = {},
  mode: 'chat' | 'game' = 'chat',
): Promise<{ persona: string; conversationId: string }> {
  const persona = typeof ai === 'string' ? ai : await aiPersona(ai);
  const conversationId = await seedConversation({ createdBy: owner, ais: [persona], mode });
  return { persona, conversationId };
}

/** A new chat with a new AI persona in which `owner` has written `content`, read already: its one reply job. */
export async function pendingReply(
  owner: Player,
  ai: AiPersonaInput,
  content: string,
): Promise<{ persona: string; conversationId: string; jobId: string }> {
  const chat = await chatWithAi(owner, ai);
  const { jobIds } = await seedPost(chat.conversationId, owner, content);
  expect(jobIds).toHaveLength(1);
  return { ...chat, jobId: jobIds[0]! };
}

/** Queued jobs become claimable now (their personas have read the messages). */
export async function makeRead(jobIds: string[]): Promise<void> {
  await query(
    "UPDATE ai_jobs SET visible_at = now() - interval '1 millisecond' WHERE id = ANY($1) AND status = 'queued'",
    [jobIds],
  );
}

/** Makes a ready reply due now (as if its typing time had passed). */
export async function makeDue(jobId: string): Promise<void> {
  await query("UPDATE ai_jobs SET visible_at = now() - interval '1 second' WHERE id = $1", [jobId]);
}

/** Ages a job past the stale threshold (as if its worker had stopped answering minutes ago). */
export async function makeStale(jobId: string): Promise<void> {
  await query("UPDATE ai_jobs SET updated_at = now() - interval '10 minutes' WHERE id = $1", [jobId]);
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

const JOB_COLUMNS = 'id, persona_id, status, attempts, last_error, message_id, visible_at, started_at';

export async function jobsOf(conversationId: string): Promise<JobRow[]> {
  const { rows } = await query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM ai_jobs WHERE conversation_id = $1 ORDER BY created_at, id`,
    [conversationId],
  );
  return rows;
}

export async function job(jobId: string): Promise<JobRow> {
  const { rows } = await query<JobRow>(`SELECT ${JOB_COLUMNS} FROM ai_jobs WHERE id = $1`, [jobId]);
  return rows[0]!;
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
