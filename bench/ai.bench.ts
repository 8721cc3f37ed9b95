/**
 * AI reply engine figures, with the real openai client against an instant fake model:
 * - ai.engineOverhead.p50/.p99: job claim → committed ready reply, minus the model call (ms);
 * - ai.repliesPerSecond: replies one worker (one Lambda instance, batches of 5) generates and publishes;
 * - ai.lost / ai.duplicated: 200 human messages across 20 conversations posted concurrently, delivered
 *   at least once (10% of deliveries duplicated) with 10% of model calls failing (500, 429, malformed JSON,
 *   or a crash between the model call and the commit). Both must be 0.
 */
import { handleReplyJob, runJob } from '@amianai/core/replies';
import { resetConfig } from '@amianai/shared/config';
import { query } from '@amianai/shared/db';
import { sendReplyJobs } from '@amianai/shared/queue';
import { handler as worker } from '../functions/ai-worker/handler';
import {
  createAiPersona,
  createConversation,
  createUser,
  deliver,
  postHuman,
  type TestUser,
} from '../tests/support/ai-fixtures';
import { type FakeBehaviour, startFakeOpenAI } from '../tests/support/fake-openai';
import { startFakeReplyQueue } from '../tests/support/fake-reply-queue';
import { percentile, round } from './stats';
import { benchDatabase } from './support';
import type { BenchResult } from './types';

const OVERHEAD_SAMPLES = 300;
const THROUGHPUT_JOBS = 200;
const CONVERSATIONS = 20;
const MESSAGES_PER_CONVERSATION = 10;
const FAILURE_RATE = 0.1;
const DUPLICATE_RATE = 0.1;

/** A tiny deterministic PRNG, so every run injects the same failures. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function postMany(conversationId: string, user: TestUser, n: number): Promise<string[]> {
  const jobs: string[] = [];
  for (let i = 0; i < n; i++)
    jobs.push(...(await postHuman(conversationId, user, `message ${i} from ${user.caller.name}`)).jobIds);
  return jobs;
}

async function engineOverhead(user: TestUser, persona: string): Promise<BenchResult[]> {
  const id = await createConversation({ createdBy: user, ais: [persona] });
  const samples: number[] = [];
  // One message, one reply: a persona has one pending reply per conversation, so messages posted ahead would
  // all be answered by one job.
  for (let i = 0; i < OVERHEAD_SAMPLES + 20; i++) {
    const [jobId] = (await postHuman(id, user, `message ${i} from ${user.caller.name}`)).jobIds;
    if (!jobId) throw new Error('no reply job for a human message');
    const { timings } = await runJob(jobId, { deadline: Date.now() + 30_000 });
    if (timings && i >= 20) samples.push(timings.totalMs - timings.modelMs);
  }
  const notes = `claim → committed ready reply minus the model call; ${samples.length} jobs, instant fake model`;
  return [
    { name: 'ai.engineOverhead.p50', unit: 'ms', value: round(percentile(samples, 50)), notes },
    { name: 'ai.engineOverhead.p99', unit: 'ms', value: round(percentile(samples, 99)), notes },
  ];
}

async function throughput(user: TestUser, persona: string): Promise<BenchResult> {
  const conversations = await Promise.all(
    Array.from({ length: 10 }, () => createConversation({ createdBy: user, ais: [persona] })),
  );
  const jobs: string[] = [];
  for (const id of conversations) jobs.push(...(await postMany(id, user, THROUGHPUT_JOBS / 10)));
  const started = performance.now();
  for (let i = 0; i < jobs.length; i += 5) await deliver(worker, jobs.slice(i, i + 5));
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await query<{ n: number }>(
    "SELECT count(*) AS n FROM ai_jobs WHERE id = ANY($1) AND status = 'done'",
    [jobs],
  );
  return {
    name: 'ai.repliesPerSecond',
    unit: 'replies/s',
    value: round(rows[0]!.n / seconds, 1),
    notes: `one worker, SQS batches of 5, generated and published (typing delay off), instant fake model; ${rows[0]!.n} replies`,
  };
}

/** Delivers the fake queue's messages to the engine like the SQS event source: batches, delays, redelivery. */
async function drain(
  queue: Awaited<ReturnType<typeof startFakeReplyQueue>>,
  random: () => number,
  crashes: { n: number },
) {
  const pending: Array<{ jobId: string; at: number }> = [];
  let idleRounds = 0;
  while (idleRounds < 3) {
    for (const m of queue.take()) {
      pending.push({ jobId: m.jobId, at: m.sentAt + m.delaySeconds * 1000 });
      if (random() < DUPLICATE_RATE)
        pending.push({ jobId: m.jobId, at: m.sentAt + m.delaySeconds * 1000 + 50 });
    }
    const due = pending.filter((p) => p.at <= Date.now());
    if (due.length === 0) {
      const open = await query<{ n: number }>(
        "SELECT count(*) AS n FROM ai_jobs WHERE status IN ('queued', 'running', 'ready')",
      );
      idleRounds = pending.length === 0 && open.rows[0]!.n === 0 ? idleRounds + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
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

async function lostAndDuplicated(users: TestUser[], persona: string): Promise<BenchResult[]> {
  const queue = await startFakeReplyQueue();
  process.env.REPLY_QUEUE_URL = queue.url;
  resetConfig();
  try {
    const conversations = await Promise.all(
      users.map((u) => createConversation({ createdBy: u, ais: [persona] })),
    );
    // 200 human messages, posted concurrently across the conversations; jobs queued after each commit.
    const posts = await Promise.all(
      Array.from({ length: CONVERSATIONS * MESSAGES_PER_CONVERSATION }, async (_, i) => {
        const c = i % CONVERSATIONS;
        const { messageId, jobIds } = await postHuman(
          conversations[c]!,
          users[c]!,
          `concurrent message ${i}`,
        );
        await sendReplyJobs(jobIds);
        return messageId;
      }),
    );
    const crashes = { n: 0 };
    await drain(queue, prng(7), crashes);

    const { rows } = await query<{ trigger: string; replies: number; notices: number }>(
      `SELECT t.id AS trigger,
              count(m.id) FILTER (WHERE m.kind = 'text') AS replies,
              count(m.id) FILTER (WHERE m.kind = 'system') AS notices
         FROM messages t
         LEFT JOIN ai_jobs j ON j.trigger_message_id = t.id
         LEFT JOIN messages m ON m.ai_job_id = j.id
        WHERE t.id = ANY($1)
        GROUP BY t.id`,
      [posts],
    );
    const lost = rows.filter((r) => r.replies + r.notices === 0).length + (posts.length - rows.length);
    const duplicated = rows.reduce((n, r) => n + Math.max(0, r.replies + r.notices - 1), 0);
    const failed = rows.filter((r) => r.notices > 0).length;
    const notes = `${posts.length} messages / ${CONVERSATIONS} conversations, 10% failed model calls (${crashes.n} crashes after generation), 10% duplicate deliveries; ${failed} ended as a failure notice`;
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
    const owner = await createUser('Bench');
    const persona = await createAiPersona({ name: 'Bench Bot' });
    const results = [...(await engineOverhead(owner, persona)), await throughput(owner, persona)];

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
    const users = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_, i) => createUser(`Bench ${i}`)),
    );
    results.push(...(await lostAndDuplicated(users, persona)));
    return results;
  } finally {
    await db.stop();
    await fake.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetConfig();
  }
}
