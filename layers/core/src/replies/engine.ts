/**
 * The reply engine: claim a job (once its persona has read the messages, and in chat only while it is not
 * answering elsewhere), check who pays and their budget, build the prompt, call the model (or the offline
 * responder), then store the reply as 'ready' with its visible_at and usage, and queue a delayed message that
 * publishes it when due (a reply already due is usually published by the statement that stores it: two round
 * trips in all, the claim with the prompt's history, then the completion). If someone wrote meanwhile, the
 * reply is written again so it answers the latest messages. Lambda never sleeps to fake typing (only the last
 * fraction of a second SQS delays cannot express).
 */
import { config } from '@amianai/shared/config';
import { logger, MetricUnit, metrics } from '@amianai/shared/observability';
import { aiProvider, callModel, isReasoningModel, ModelCallError } from '@amianai/shared/openai';
import { pushTyping } from '@amianai/shared/push';
import { sendReplyJobs } from '@amianai/shared/queue';
import { priceCall } from '../usage/prices';
import type { UsageRecord } from '../usage/store';
import { offlineGeneration } from './offline';
import { buildPrompt, cleanReply } from './prompt';
import { announcePublished, publishJobs, typingSources } from './publish';
import {
  type ClaimedJob,
  claimJob,
  completeJob,
  failJob,
  jobState,
  lastSeqOf,
  loadHistory,
  MAX_JOB_ATTEMPTS,
  ownMessages,
  requeueJob,
  skipJob,
} from './store';
import { maxTokensFor, replyCharBudget, trimReply, typingDurationMs } from './timing';
import type { Generation } from './types';

/** Times a reply is written again because the conversation moved on while it was being written. */
export const MAX_REWRITES = 2;
/** Waits shorter than this are slept through (SQS delays are whole seconds). */
const SHORT_WAIT_S = 1;

export interface EngineHooks {
  /** Called between the model call and storing its result (benchmarks time it; tests simulate a crash here). */
  afterGeneration?: (generation: Generation) => void | Promise<void>;
}

export interface RunOptions {
  /** Epoch ms by which the model call must be over (the invocation's remaining time, less a margin). */
  deadline: number;
  hooks?: EngineHooks;
}

export type RunOutcome =
  | 'ready'
  | 'published'
  | 'requeued'
  | 'failed'
  | 'skipped'
  | 'not_claimed'
  | 'lost'
  /** Not claimable yet (still reading, or answering in another chat): queued again for later. */
  | 'waiting';

export interface RunResult {
  outcome: RunOutcome;
  /** Claim → committed reply, and the model call within it (ms). */
  timings?: { totalMs: number; modelMs: number };
}

export interface Produced {
  text: string;
  generation: Generation;
  usage: UsageRecord;
  metadata: Record<string, unknown>;
}

/**
 * Prompt + model (or offline responder) for a claimed job; throws ModelCallError. Undefined when the offline
 * responder has nothing new to say. The reply is kept to what the persona types in a chat-sized while at its
 * own speed (a max-tokens cap, then a cut at a sentence), never typed faster.
 */
export async function produceReply(
  job: ClaimedJob,
  history: Parameters<typeof buildPrompt>[0]['history'],
  opts: RunOptions,
): Promise<Produced | undefined> {
  const prompt = buildPrompt({ persona: job.persona, conversation: job.conversation, history });
  const maxChars = replyCharBudget(job.persona.ai.typingWpm);
  const model = job.persona.ai.model;
  const generation =
    aiProvider() === 'offline'
      ? offlineGeneration(
          job.persona,
          history,
          prompt,
          `${job.triggerMessageId}:${job.personaId}:${job.attempts}`,
          await ownMessages(job.conversationId, job.personaId),
        )
      : await callModel(
          {
            model,
            messages: prompt,
            temperature: job.persona.ai.temperature,
            maxTokens: isReasoningModel(model)
              ? job.persona.ai.maxTokens
              : maxTokensFor(maxChars, job.persona.ai.maxTokens),
          },
          { deadline: opts.deadline },
        );
  if (!generation) return undefined;
  await opts.hooks?.afterGeneration?.(generation);
  const text = trimReply(cleanReply(generation.text, job.persona.name), maxChars);
  if (!text) throw new ModelCallError('bad_response', 'the model answered with an empty message');
  const costUsd = priceCall(generation.model, generation.inputTokens, generation.outputTokens);
  const usage: UsageRecord = {
    model: generation.model,
    provider: generation.provider,
    inputTokens: generation.inputTokens,
    outputTokens: generation.outputTokens,
    costUsd,
    latencyMs: generation.latencyMs,
    outcome: 'ok',
  };
  const metadata = {
    model: generation.model,
    provider: generation.provider,
    inputTokens: generation.inputTokens,
    outputTokens: generation.outputTokens,
    costUsd,
    latencyMs: generation.latencyMs,
    finishReason: generation.finishReason,
    attempts: job.attempts,
  };
  return { text, generation, usage, metadata };
}

/** The usage row of a call that failed (nothing to charge, but the attempt and its latency are recorded). */
export function failedUsage(
  job: ClaimedJob,
  err: ModelCallError,
  latencyMs: number,
): UsageRecord | undefined {
  if (aiProvider() === 'offline') return undefined;
  return {
    model: job.persona.ai.model,
    provider: aiProvider(),
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    latencyMs,
    outcome: err.outcome,
  };
}

/** Backoff between job attempts: what the API asked for, else 5 s, 15 s, … (SQS delays cap at 15 min). */
export function retryDelaySeconds(attempts: number, retryAfterMs?: number): number {
  const backoff = 5 * 3 ** Math.max(0, attempts - 1);
  return Math.min(900, Math.max(backoff, Math.ceil((retryAfterMs ?? 0) / 1000)));
}

async function onModelFailure(job: ClaimedJob, err: ModelCallError, latencyMs: number): Promise<RunOutcome> {
  const usage = failedUsage(job, err, latencyMs);
  if (err.retryable && job.attempts < MAX_JOB_ATTEMPTS) {
    if (!(await requeueJob(job, err.kind, usage))) return 'lost';
    const delay = retryDelaySeconds(job.attempts, err.retryAfterMs);
    logger.warn('AI reply will be retried', {
      jobId: job.id,
      kind: err.kind,
      attempts: job.attempts,
      delaySeconds: delay,
    });
    await sendReplyJobs([job.id], delay);
    return 'requeued';
  }
  const { failed } = await failJob(job, err.kind, usage && { record: usage, job });
  if (!failed) return 'lost';
  metrics.addMetric('AiReplyFailed', MetricUnit.Count, 1);
  logger.error('AI reply failed for good', {
    jobId: job.id,
    kind: err.kind,
    status: err.status,
    attempts: job.attempts,
  });
  return 'failed';
}

/** Whose budget pays: the persona's owner's, or the house's for house personas and rounds. */
function budgetOf(job: ClaimedJob): number {
  return job.triggeredBy ? config().aiDailyBudgetUsd : config().houseAiDailyBudgetUsd;
}

/** Runs one queued job to a stored reply (or a retry, skip or failure). Throws only on unexpected errors. */
export async function runJob(jobId: string, opts: RunOptions): Promise<RunResult> {
  const claimedAt = performance.now();
  const scale = config().aiTypingDelayScale;
  const job = await claimJob(jobId);
  if (!job) return { outcome: 'not_claimed' };
  try {
    if (job.attempts > MAX_JOB_ATTEMPTS) {
      // Claimed again after crashing every time: give up rather than loop.
      const { failed } = await failJob(job, 'attempts_exhausted');
      if (failed) metrics.addMetric('AiReplyFailed', MetricUnit.Count, 1);
      logger.error('AI reply failed for good', { jobId, kind: 'attempts_exhausted', attempts: job.attempts });
      return { outcome: failed ? 'failed' : 'lost' };
    }
    // A spent budget looks like a person who is away: no reply, no notice, nothing for other players to see.
    const reason = !job.participating
      ? 'persona_unavailable'
      : job.conversation.status !== 'active'
        ? 'conversation_ended'
        : job.spentTodayUsd >= budgetOf(job)
          ? 'budget_exceeded'
          : undefined;
    if (reason) return await skip(job, reason);
    // Claimed after its reading time: the persona shows as typing from now (the HTTP list's rule too).
    await pushTyping(job.conversationId, typingSources);

    let historySeq = job.lastSeq;
    let modelMs = 0;
    for (let rewrite = 0; ; rewrite++) {
      // The claim read the history with the job; a rewrite reads it again.
      if (rewrite > 0) historySeq = await lastSeqOf(job.conversationId);
      const history = rewrite > 0 ? await loadHistory(job.conversationId) : job.history;
      const modelStarted = performance.now();
      let produced: Produced | undefined;
      try {
        produced = await produceReply(job, history, opts);
      } catch (err) {
        if (!(err instanceof ModelCallError)) throw err;
        return { outcome: await onModelFailure(job, err, performance.now() - modelStarted) };
      }
      modelMs += performance.now() - modelStarted;
      if (!produced) return await skip(job, 'nothing_to_say');
      const typingMs = typingDurationMs(produced.text, job.persona.ai.typingWpm, job.id, scale);
      const stored = await completeJob(job, produced.text, produced.metadata, typingMs, produced.usage, {
        historySeq,
        force: rewrite >= MAX_REWRITES,
      });
      metrics.addMetric('AiReplyCostUsd', MetricUnit.NoUnit, produced.usage.costUsd);
      const timings = { totalMs: performance.now() - claimedAt, modelMs };
      if (stored.status === 'outdated') {
        logger.debug('conversation moved on while the reply was written; writing it again', { jobId });
        continue;
      }
      if (stored.status === 'lost') return { outcome: 'lost', timings };
      if (stored.published) {
        // Due at once and published by the completion itself.
        await announcePublished(job.conversationId, [
          {
            ...stored.published,
            conversationId: job.conversationId,
            personaId: job.personaId,
            personaName: job.persona.name,
            content: produced.text,
            kind: 'text',
            createdAt: stored.published.createdAt.toISOString(),
            metadata: produced.metadata,
            jobId: job.id,
          },
        ]);
        return { outcome: 'published', timings };
      }
      if (stored.dueIn <= 0) {
        await publishJobs(job.conversationId, { jobIds: [job.id] });
        return { outcome: 'published', timings };
      }
      // Published by this delayed message, or earlier by a reader polling the conversation, or by the sweeper.
      await sendReplyJobs([job.id], Math.ceil(stored.dueIn));
      return { outcome: 'ready', timings };
    }
  } catch (err) {
    // Release the claim so a redelivery can take the job at once; a real crash is caught by staleness instead.
    await requeueJob(job, `interrupted: ${(err as Error)?.name ?? 'error'}`).catch(() => undefined);
    throw err;
  }
}

async function skip(job: ClaimedJob, reason: string): Promise<RunResult> {
  await skipJob(job, reason);
  logger.info('AI reply skipped', { jobId: job.id, reason });
  if (reason === 'budget_exceeded') metrics.addMetric('AiBudgetExceeded', MetricUnit.Count, 1);
  return { outcome: 'skipped' };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the worker does with a queue message `{jobId}`: run a queued (or stale) job, or publish a ready
 * reply whose time has come. A message that came early (the persona is still reading, or answering in another
 * chat, or its reply is not due) is sent again with the remaining delay; the last fraction of a second, which
 * SQS cannot express, is slept through. Anything else is done.
 */
export async function handleReplyJob(jobId: string, opts: RunOptions): Promise<RunResult> {
  for (let pass = 0; ; pass++) {
    const result = await runJob(jobId, opts);
    if (result.outcome !== 'not_claimed') return result;
    const job = await jobState(jobId);
    if (job?.status !== 'queued' && job?.status !== 'ready') return result;
    if (job.status === 'queued' && job.busy_elsewhere) {
      await sendReplyJobs([jobId], Math.max(1, Math.ceil(3 * config().aiTypingDelayScale)));
      return { outcome: 'waiting' };
    }
    const dueIn = job.due_in ?? 0;
    if (dueIn > 0) {
      if (pass === 0 && dueIn <= SHORT_WAIT_S && Date.now() + dueIn * 1000 < opts.deadline) {
        await sleep(dueIn * 1000 + 10);
        continue;
      }
      await sendReplyJobs([jobId], dueIn > SHORT_WAIT_S ? Math.floor(dueIn) : Math.ceil(dueIn));
      return { outcome: job.status === 'queued' ? 'waiting' : 'ready' };
    }
    if (job.status === 'queued') return result;
    const published = await publishJobs(job.conversation_id, { jobIds: [jobId] });
    return { outcome: published.length ? 'published' : 'not_claimed' };
  }
}
