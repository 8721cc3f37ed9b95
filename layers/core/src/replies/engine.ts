/**
 * The reply engine: claim a job, check the budget, build the prompt, call the model (or the offline
 * responder), then store the reply as 'ready' with its visible_at and usage in one statement, and queue a
 * delayed message that publishes it when due. Lambda never sleeps to fake typing.
 */
import { config } from '@amianai/shared/config';
import { logger, MetricUnit, metrics } from '@amianai/shared/observability';
import { aiProvider, callModel, ModelCallError } from '@amianai/shared/openai';
import { sendReplyJobs } from '@amianai/shared/queue';
import { priceCall } from '../usage/prices';
import { offlineGeneration } from './offline';
import { buildPrompt, cleanReply } from './prompt';
import { publishJobs } from './publish';
import {
  type ClaimedJob,
  claimJob,
  completeJob,
  failJob,
  jobState,
  loadHistory,
  MAX_JOB_ATTEMPTS,
  requeueJob,
  skipJob,
  type UsageRecord,
} from './store';
import { readingDelayMs, typingDurationMs } from './timing';
import type { Generation } from './types';

export interface EngineHooks {
  /** Called between the model call and storing its result (benchmarks time it; tests simulate a crash here). */
  afterGeneration?: (generation: Generation) => void | Promise<void>;
}

export interface RunOptions {
  /** Epoch ms by which the model call must be over (the invocation's remaining time, less a margin). */
  deadline: number;
  hooks?: EngineHooks;
}

export type RunOutcome = 'ready' | 'published' | 'requeued' | 'failed' | 'skipped' | 'not_claimed' | 'lost';

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

/** Prompt + model (or offline responder) for a claimed job; throws ModelCallError. */
export async function produceReply(
  job: ClaimedJob,
  history: Parameters<typeof buildPrompt>[0]['history'],
  opts: RunOptions,
) {
  const prompt = buildPrompt({ persona: job.persona, conversation: job.conversation, history });
  const generation =
    aiProvider() === 'offline'
      ? offlineGeneration(job.persona, history, prompt, `${job.triggerMessageId}:${job.personaId}`)
      : await callModel(
          {
            model: job.persona.ai.model,
            messages: prompt,
            temperature: job.persona.ai.temperature,
            maxTokens: job.persona.ai.maxTokens,
          },
          { deadline: opts.deadline },
        );
  await opts.hooks?.afterGeneration?.(generation);
  const text = cleanReply(generation.text, job.persona.name);
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
  return { text, generation, usage, metadata } satisfies Produced;
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

/** Runs one queued job to a stored reply (or a retry, skip or failure). Throws only on unexpected errors. */
export async function runJob(jobId: string, opts: RunOptions): Promise<RunResult> {
  const claimedAt = performance.now();
  const scale = config().aiTypingDelayScale;
  const job = await claimJob(jobId, { readingScale: scale });
  if (!job) return { outcome: 'not_claimed' };
  try {
    if (job.attempts > MAX_JOB_ATTEMPTS) {
      // Claimed again after crashing every time: give up rather than loop.
      const { failed } = await failJob(job, 'attempts_exhausted');
      if (failed) metrics.addMetric('AiReplyFailed', MetricUnit.Count, 1);
      logger.error('AI reply failed for good', { jobId, kind: 'attempts_exhausted', attempts: job.attempts });
      return { outcome: failed ? 'failed' : 'lost' };
    }
    const reason = !job.participating
      ? 'persona_unavailable'
      : job.conversation.status !== 'active'
        ? 'conversation_ended'
        : job.spentTodayUsd >= (job.triggeredBy ? config().aiDailyBudgetUsd : config().houseAiDailyBudgetUsd)
          ? 'budget_exceeded'
          : undefined;
    if (reason) {
      await skipJob(job, reason);
      logger.info('AI reply skipped', { jobId, reason });
      if (reason === 'budget_exceeded') metrics.addMetric('AiBudgetExceeded', MetricUnit.Count, 1);
      return { outcome: 'skipped' };
    }

    const readingMs = readingDelayMs(job.triggerContent, job.id, scale);
    const history = await loadHistory(job.conversationId);
    const modelStarted = performance.now();
    let produced: Produced;
    try {
      produced = await produceReply(job, history, opts);
    } catch (err) {
      if (!(err instanceof ModelCallError)) throw err;
      return { outcome: await onModelFailure(job, err, performance.now() - modelStarted) };
    }
    const modelMs = performance.now() - modelStarted;
    const typingMs = typingDurationMs(produced.text, job.persona.ai.typingWpm, job.id, scale);
    const dueIn = await completeJob(
      job,
      produced.text,
      produced.metadata,
      readingMs + typingMs,
      produced.usage,
    );
    const timings = { totalMs: performance.now() - claimedAt, modelMs };
    if (dueIn === undefined) return { outcome: 'lost', timings };
    metrics.addMetric('AiReplyCostUsd', MetricUnit.NoUnit, produced.usage.costUsd);
    if (dueIn <= 0) {
      await publishJobs(job.conversationId, { jobIds: [job.id] });
      return { outcome: 'published', timings };
    }
    // Published by this delayed message, or earlier by a reader polling the conversation, or by the sweeper.
    await sendReplyJobs([job.id], Math.ceil(dueIn));
    return { outcome: 'ready', timings };
  } catch (err) {
    // Release the claim so a redelivery can take the job at once; a real crash is caught by staleness instead.
    await requeueJob(job, `interrupted: ${(err as Error)?.name ?? 'error'}`).catch(() => undefined);
    throw err;
  }
}

/**
 * What the worker does with a queue message `{jobId}`: run a queued (or stale) job, or publish a ready
 * reply whose time has come (re-queueing the message if SQS delivered it early). Anything else is done.
 */
export async function handleReplyJob(jobId: string, opts: RunOptions): Promise<RunResult> {
  const result = await runJob(jobId, opts);
  if (result.outcome !== 'not_claimed') return result;
  const job = await jobState(jobId);
  if (job?.status !== 'ready') return result;
  if ((job.due_in ?? 0) > 0) {
    await sendReplyJobs([jobId], Math.ceil(job.due_in ?? 0));
    return { outcome: 'ready' };
  }
  const published = await publishJobs(job.conversation_id, { jobIds: [jobId] });
  return { outcome: published.length ? 'published' : 'not_claimed' };
}
