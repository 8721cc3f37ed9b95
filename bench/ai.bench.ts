/**
 * AI reply engine figures, with the real openai client against an instant fake model. A persona has one
 * pending reply per conversation (a message posted meanwhile is answered by that reply), so every
 * conversation here writes its next message only once the previous one is answered, as a person waiting
 * for an answer would; conversations run concurrently, each with its own AI persona (in chat a persona
 * answers one conversation at a time, which would serialize them).
 * - ai.engineOverhead.p50/.p99: job claim → committed reply (published when due at once, typing delay off),
 *   minus the model call (ms); one message, one reply, in one conversation;
 * - ai.repliesPerSecond: replies one worker (one Lambda instance taking batches of up to 5) generates and
 *   publishes while 10 conversations each wait for their reply before writing again (wall clock, posts
 *   included);
 * - ai.lost / ai.duplicated: 20 conversations of 10 human messages, job ids sent through a queue delivered at
 *   least once (10% of deliveries duplicated) with 10% of model calls failing (500, 429, malformed JSON, or a
 *   crash between the model call and the commit). Lost: an acknowledged human message never followed in its
 *   conversation by an AI reply or a failed reply (failures are silent to players, listed for the persona's
 *   owner). Duplicated: a job with more than one outcome, or an AI reply answering nothing (no human message
 *   since the previous AI reply). Both must be 0.
 */
import os from 'node:os';
import { handleReplyJob, runJob } from '@amianai/core/replies';
import { resetConfig } from '@amianai/shared/config';
import { query } from '@amianai/shared/db';
import { sendReplyJobs } from '@amianai/shared/queue';
import { handler as worker } from '../functions/ai-worker/handler';
import {
  aiPersona,
  deliver,
  type FakeBehaviour,
  type Player,
  player,
  seedConversation,
  seedPost,
  startFakeOpenAI,
  startFakeReplyQueue,
} from '../tests/support/fixtures';
import { percentile, round } from './stats';
import { benchDatabase } from './support';
import type { BenchResult } from './types';

const OVERHEAD_SAMPLES = 300;
const THROUGHPUT_CONVERSATIONS = 10;
const THROUGHPUT_MESSAGES = 20;
const CONVERSATIONS = 20;
const MESSAGES_PER_CONVERSATION = 10;
const FAILURE_RATE = 0.1;
const DUPLICATE_RATE = 0.1;
/** A message not answered by then counts as lost and its conversation moves on (keeps the run bounded). */
const ANSWER_TIMEOUT_MS = 60_000;
/** How long the queue is drained after the last conversation finished, for replies still on their way. */
const SETTLE_TIMEOUT_MS = 30_000;

/** A tiny deterministic PRNG, so every run injects the same failures. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The machine is shared: figures are read against its load (1-minute average, when the figure was taken). */
const machineLoad = () => `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Conversations of one human and one AI persona each (a persona of its own per conversation). */
async function conversationsWithOwnPersonas(users: Player[], label: string): Promise<string[]> {
  return Promise.all(
    users.map(async (user, i) =>
      seedConversation({ createdBy: user, ais: [await aiPersona({ name: `${label} ${i}` })] }),
    ),
  );
}

/**
 * Whether `messageId` has been answered, as its author sees it: an AI reply after it, or (seen by the
 * persona's owner only) a reply that failed for good since it was posted.
 */
async function answered(conversationId: string, messageId: string): Promise<boolean> {
  const { rows } = await query<{ answered: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = $1 AND r.ai_job_id IS NOT NULL AND r.seq > h.seq)
         OR EXISTS (SELECT 1 FROM ai_jobs j WHERE j.conversation_id = $1 AND j.status = 'failed'
                       AND j.finished_at >= h.created_at) AS answered
       FROM messages h WHERE h.id = $2`,
    [conversationId, messageId],
  );
  return rows[0]?.answered === true;
}

async function waitForAnswer(conversationId: string, messageId: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await answered(conversationId, messageId)) return true;
    await sleep(50);
  }
  return false;
}

async function engineOverhead(user: Player, persona: string): Promise<BenchResult[]> {
  const id = await seedConversation({ createdBy: user, ais: [persona] });
  const samples: number[] = [];
  // One message, one reply: a persona has one pending reply per conversation, so messages posted ahead would
  // all be answered by one job.
  for (let i = 0; i < OVERHEAD_SAMPLES + 20; i++) {
    const [jobId] = (await seedPost(id, user, `message ${i} from ${user.caller.name}`)).jobIds;
    if (!jobId) throw new Error('no reply job for a human message');
    const { timings } = await runJob(jobId, { deadline: Date.now() + 30_000 });
    if (timings && i >= 20) samples.push(timings.totalMs - timings.modelMs);
  }
  const notes = `claim → reply committed and published (2 round trips; typing delay off) minus the model call; ${samples.length} jobs, one message then its reply, instant fake model; ${machineLoad()}`;
  return [
    { name: 'ai.engineOverhead.p50', unit: 'ms', value: round(percentile(samples, 50)), notes },
    { name: 'ai.engineOverhead.p99', unit: 'ms', value: round(percentile(samples, 99)), notes },
  ];
}

/**
 * One worker instance taking the jobs waiting for it in batches of up to 5 (as the SQS event source hands
 * them over) while every conversation waits for its reply before writing again.
 */
async function throughput(owner: Player): Promise<BenchResult> {
  const conversations = await conversationsWithOwnPersonas(
    Array.from({ length: THROUGHPUT_CONVERSATIONS }, () => owner),
    'Throughput Bot',
  );
  const inbox: Array<{ jobId: string; delivered: () => void }> = [];
  let posting = true;
  const workerLoop = (async () => {
    while (posting || inbox.length > 0) {
      const batch = inbox.splice(0, 5);
      if (batch.length === 0) {
        await sleep(1);
        continue;
      }
      await deliver(
        worker,
        batch.map((b) => b.jobId),
      );
      for (const b of batch) b.delivered();
    }
  })();
  const started = performance.now();
  try {
    await Promise.all(
      conversations.map(async (id) => {
        for (let i = 0; i < THROUGHPUT_MESSAGES; i++) {
          const { messageId, jobIds } = await seedPost(id, owner, `message ${i} from ${owner.caller.name}`);
          const [jobId] = jobIds;
          if (!jobId) throw new Error('no reply job for a human message');
          // Delivered again (as SQS would) if the worker could not finish it on that pass.
          for (let pass = 0; !(await answered(id, messageId)); pass++) {
            if (pass === 3) throw new Error(`job ${jobId} unanswered after ${pass} deliveries`);
            await new Promise<void>((delivered) => inbox.push({ jobId, delivered }));
          }
        }
      }),
    );
  } finally {
    posting = false;
    await workerLoop;
  }
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await query<{ n: number }>(
    'SELECT count(*)::int AS n FROM messages WHERE conversation_id = ANY($1) AND ai_job_id IS NOT NULL',
    [conversations],
  );
  return {
    name: 'ai.repliesPerSecond',
    unit: 'replies/s',
    value: round(rows[0]!.n / seconds, 1),
    notes: `one worker, batches of up to 5, generated and published (typing delay off), instant fake model; ${rows[0]!.n} replies in ${THROUGHPUT_CONVERSATIONS} conversations, each writing again once answered (wall clock, posts included); ${machineLoad()}`,
  };
}

/**
 * Delivers the fake queue's messages to the engine like the SQS event source: batches, delays, duplicates,
 * redelivery after a crash. Runs until `finished()` and nothing is left to do in `conversations`, or until
 * SETTLE_TIMEOUT_MS after `finished()`.
 */
async function drain(
  queue: Awaited<ReturnType<typeof startFakeReplyQueue>>,
  conversations: string[],
  random: () => number,
  crashes: { n: number },
  finished: () => boolean,
) {
  const pending: Array<{ jobId: string; at: number }> = [];
  let settleBy: number | undefined;
  for (;;) {
    for (const m of queue.take()) {
      pending.push({ jobId: m.jobId, at: m.sentAt + m.delaySeconds * 1000 });
      if (random() < DUPLICATE_RATE)
        pending.push({ jobId: m.jobId, at: m.sentAt + m.delaySeconds * 1000 + 50 });
    }
    const due = pending.filter((p) => p.at <= Date.now());
    if (due.length === 0) {
      if (finished()) {
        settleBy ??= Date.now() + SETTLE_TIMEOUT_MS;
        const open = await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ai_jobs
            WHERE conversation_id = ANY($1) AND status IN ('queued', 'running', 'ready')`,
          [conversations],
        );
        if ((pending.length === 0 && open.rows[0]!.n === 0) || Date.now() > settleBy) return;
      }
      await sleep(20);
      continue;
    }
    for (const d of due) pending.splice(pending.indexOf(d), 1);
    const batches: string[][] = [];
    for (let i = 0; i < due.length; i += 5) batches.push(due.slice(i, i + 5).map((d) => d.jobId));
    // Four worker instances at a time, each a batch of five processed concurrently.
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(
        batches.slice(i, i + 4).flatMap((batch) =>
          batch.map(async (jobId) => {
            const crash = () => {
              if (random() < FAILURE_RATE * 0.25) {
                crashes.n++;
                throw new Error('crashed between the model call and the commit');
              }
            };
            try {
              await handleReplyJob(jobId, {
                deadline: Date.now() + 20_000,
                hooks: { afterGeneration: crash },
              });
            } catch {
              // A failed record reappears after its visibility timeout.
              pending.push({ jobId, at: Date.now() + 200 });
            }
          }),
        ),
      );
    }
  }
}

/**
 * Lost: acknowledged human messages never followed in their conversation by an AI reply or by a reply that
 * failed for good since. Duplicated: jobs with a second outcome (two messages, or a message and a failure),
 * plus AI replies with no human message since the previous AI reply.
 */
export async function countLostAndDuplicated(
  acknowledged: string[],
  conversations: string[],
): Promise<{ lost: number; duplicated: number }> {
  const lost = await query<{ n: number }>(
    `SELECT $2::int - count(*)::int
              + count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM messages r
                                                    WHERE r.conversation_id = h.conversation_id
                                                      AND r.ai_job_id IS NOT NULL AND r.seq > h.seq)
                                   AND NOT EXISTS (SELECT 1 FROM ai_jobs j
                                                    WHERE j.conversation_id = h.conversation_id AND j.status = 'failed'
                                                      AND j.finished_at >= h.created_at))::int AS n
         FROM messages h WHERE h.id = ANY($1)`,
    [acknowledged, acknowledged.length],
  );
  const duplicated = await query<{ n: number }>(
    `SELECT (SELECT COALESCE(sum(outcomes - 1), 0)::int
                 FROM (SELECT (SELECT count(*) FROM messages m WHERE m.ai_job_id = j.id)
                              + (j.status = 'failed')::int AS outcomes
                         FROM ai_jobs j WHERE j.conversation_id = ANY($1)) o
                WHERE outcomes > 1)
            + (SELECT count(*)::int
                 FROM (SELECT m.ai_job_id,
                              lag(m.ai_job_id IS NOT NULL) OVER (PARTITION BY m.conversation_id ORDER BY m.seq) AS after_ai
                         FROM messages m WHERE m.conversation_id = ANY($1)) x
                WHERE x.ai_job_id IS NOT NULL AND x.after_ai IS DISTINCT FROM false) AS n`,
    [conversations],
  );
  return { lost: lost.rows[0]!.n, duplicated: duplicated.rows[0]!.n };
}

async function lostAndDuplicated(users: Player[]): Promise<BenchResult[]> {
  const queue = await startFakeReplyQueue();
  process.env.REPLY_QUEUE_URL = queue.url;
  resetConfig();
  try {
    const conversations = await conversationsWithOwnPersonas(users, 'Bench Bot');
    const crashes = { n: 0 };
    let writing = true;
    const drained = drain(queue, conversations, prng(7), crashes, () => !writing);
    // Acknowledged: the post committed (its jobs are queued after the commit, as the conversations function does).
    const acknowledged: string[] = [];
    let unanswered = 0;
    try {
      await Promise.all(
        conversations.map(async (id, c) => {
          for (let i = 0; i < MESSAGES_PER_CONVERSATION; i++) {
            const { messageId, jobIds } = await seedPost(id, users[c]!, `message ${i} in conversation ${c}`);
            acknowledged.push(messageId);
            await sendReplyJobs(jobIds);
            if (!(await waitForAnswer(id, messageId, ANSWER_TIMEOUT_MS))) unanswered++;
          }
        }),
      );
    } finally {
      writing = false;
      await drained;
    }

    const { lost, duplicated } = await countLostAndDuplicated(acknowledged, conversations);
    const outcomes = await query<{ failed: number; replies: number }>(
      `SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed, count(message_id)::int AS replies
         FROM ai_jobs WHERE conversation_id = ANY($1)`,
      [conversations],
    );
    const { failed, replies } = outcomes.rows[0]!;
    const notes = `${acknowledged.length} messages / ${CONVERSATIONS} conversations, each written once the previous one was answered (${unanswered} waited over ${ANSWER_TIMEOUT_MS / 1000} s); 10% failed model calls (${crashes.n} crashes after generation), 10% duplicate deliveries; ${replies} replies, ${failed} failed for good; ${machineLoad()}`;
    return [
      { name: 'ai.lost', unit: 'count', value: lost, notes },
      { name: 'ai.duplicated', unit: 'count', value: duplicated, notes },
    ];
  } finally {
    delete process.env.REPLY_QUEUE_URL;
    resetConfig();
    await queue.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const saved = { ...process.env };
  const fake = await startFakeOpenAI();
  Object.assign(process.env, {
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_TIMEOUT_MS: '2000',
    OPENAI_MAX_RETRIES: '2',
    AI_DAILY_BUDGET_USD: '100000',
    AI_TYPING_DELAY_SCALE: '0',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'bench',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'bench',
  });
  delete process.env.REPLY_QUEUE_URL;
  const db = await benchDatabase();
  try {
    const owner = await player('Bench');
    const persona = await aiPersona({ name: 'Bench Bot' });
    const results = [...(await engineOverhead(owner, persona)), await throughput(owner)];

    const random = prng(42);
    const failures: FakeBehaviour[] = [
      { type: 'status', status: 500, retryAfterMs: 5 },
      { type: 'status', status: 429, retryAfterMs: 5 },
      { type: 'malformed' },
    ];
    fake.setDefault(() =>
      random() < FAILURE_RATE * 0.75 ? failures[Math.floor(random() * failures.length)]! : { type: 'reply' },
    );
    process.env.AI_TYPING_DELAY_SCALE = '0.05';
    resetConfig();
    const users = await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => player(`Bench ${i}`)));
    results.push(...(await lostAndDuplicated(users)));
    return results;
  } finally {
    await db.stop();
    await fake.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetConfig();
  }
}
