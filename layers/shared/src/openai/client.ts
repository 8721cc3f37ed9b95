/**
 * The OpenAI client of this execution environment, created once (rebuilt only when the config changes):
 * key from OPENAI_API_KEY or the OPENAI_SECRET_ARN secret, any OpenAI-compatible server via OPENAI_BASE_URL.
 * `callModel` adds a per-attempt timeout, an overall deadline, retries with backoff on 429/5xx/timeouts
 * honouring Retry-After, a Tracer subsegment per call and token usage from the response.
 * The SDK's own retries are off so that waits are capped and fit the caller's deadline.
 */

import type OpenAI from 'openai';
import { getSecretValue } from '../aws/timeouts';
import { type Config, config } from '../config';
import { logger } from '../observability/logger';
import { tracer } from '../observability/tracer';
import { ModelCallError } from './errors';
import { estimateTokens } from './tokens';
import type { ChatMessage, Generation } from './types';

export type Provider = Generation['provider'];

/** Which backend replies come from, decided by configuration alone. */
export function aiProvider(cfg: Config = config()): Provider {
  if (cfg.openaiBaseUrl && !/^https:\/\/api\.openai\.com(\/|$)/.test(cfg.openaiBaseUrl)) return 'compatible';
  if (cfg.openaiApiKey || cfg.openaiSecretArn || cfg.openaiBaseUrl) return 'openai';
  return 'offline';
}

let announced = false;
/** Logs once per process which backend AI replies use (the offline responder says so loudly). */
export function announceAiProvider(): void {
  if (announced) return;
  announced = true;
  const provider = aiProvider();
  if (provider === 'offline') {
    logger.warn(
      'AI replies come from the offline responder: set OPENAI_API_KEY or OPENAI_BASE_URL for model replies',
    );
  } else {
    logger.info('AI replies come from the model API', {
      provider,
      baseUrl: config().openaiBaseUrl ?? 'default',
    });
  }
}

interface SecretShape {
  api_key?: string;
  apiKey?: string;
  OPENAI_API_KEY?: string;
  key?: string;
}

async function resolveApiKey(cfg: Config, forceFetch: boolean): Promise<string> {
  if (cfg.openaiApiKey) return cfg.openaiApiKey;
  if (!cfg.openaiSecretArn) return 'no-key'; // an OpenAI-compatible server that needs none
  const raw = await getSecretValue<string>(cfg.openaiSecretArn, { maxAge: 300, forceFetch });
  if (!raw) throw new Error('the OpenAI secret is empty');
  const text = String(raw).trim();
  if (!text.startsWith('{')) return text;
  const parsed = JSON.parse(text) as SecretShape;
  const key = parsed.api_key ?? parsed.apiKey ?? parsed.OPENAI_API_KEY ?? parsed.key;
  if (!key) throw new Error('the OpenAI secret has no api_key field');
  return key;
}

type OpenAIModule = typeof import('openai');
let state: { cfg: Config; client: Promise<{ client: OpenAI; sdk: OpenAIModule }> } | undefined;
let keyRefetched = false;

function openai(forceFetch = false): Promise<{ client: OpenAI; sdk: OpenAIModule }> {
  const cfg = config();
  if (state && state.cfg === cfg && !forceFetch) return state.client;
  const client = (async () => {
    // Loaded on first use: functions that only publish replies never pay for the SDK.
    const sdk = await import('openai');
    const apiKey = await resolveApiKey(cfg, forceFetch);
    return {
      sdk,
      client: new sdk.OpenAI({
        apiKey,
        baseURL: cfg.openaiBaseUrl,
        timeout: cfg.openaiTimeoutMs,
        maxRetries: 0,
      }),
    };
  })();
  client.catch(() => {
    if (state?.client === client) state = undefined;
  });
  state = { cfg, client };
  return client;
}

// Reasoning models take max_completion_tokens and no temperature; others (and most compatible servers) max_tokens.
const REASONING = /^(o\d|gpt-5)/i;

/** Reasoning models spend part of their token limit thinking, so a tight limit can leave no answer. */
export const isReasoningModel = (model: string): boolean => REASONING.test(model);

export interface ModelRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
}

export interface CallOptions {
  /** Epoch ms by which the call, retries included, must be over. */
  deadline: number;
}

const BACKOFF = { baseMs: 500, maxMs: 8_000 };
/** Longer Retry-After waits are not slept through here: the job is rescheduled instead. */
export const MAX_INLINE_WAIT_MS = 20_000;

function backoff(attempt: number): number {
  const cap = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** attempt);
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function classify(err: unknown, sdk: OpenAIModule): ModelCallError {
  if (err instanceof ModelCallError) return err;
  if (err instanceof sdk.APIConnectionTimeoutError || err instanceof sdk.APIUserAbortError) {
    return new ModelCallError('timeout', 'the model did not answer in time');
  }
  if (err instanceof sdk.APIConnectionError)
    return new ModelCallError('unavailable', 'the model API is unreachable');
  if (err instanceof sdk.APIError) {
    const status = err.status ?? 0;
    const wait = retryAfterMs(err.headers);
    const code = (err as { code?: string | null }).code;
    if (status === 429 && code !== 'insufficient_quota') {
      return new ModelCallError('rate_limited', 'the model API is rate limiting', {
        status,
        retryAfterMs: wait,
      });
    }
    if (status === 408 || status === 409 || status >= 500) {
      return new ModelCallError('unavailable', `the model API failed (${status})`, {
        status,
        retryAfterMs: wait,
      });
    }
    return new ModelCallError(
      'rejected',
      `the model API refused the request (${status}${code ? ` ${code}` : ''})`,
      {
        status,
      },
    );
  }
  if ((err as Error)?.name === 'AbortError' || (err as Error)?.name === 'TimeoutError') {
    return new ModelCallError('timeout', 'the model did not answer in time');
  }
  if (err instanceof SyntaxError)
    return new ModelCallError('bad_response', 'the model API answered malformed JSON');
  return new ModelCallError(
    'bad_response',
    `the model call failed: ${(err as Error)?.message ?? String(err)}`,
  );
}

function toGeneration(res: unknown, req: ModelRequest, latencyMs: number, provider: Provider): Generation {
  const body = res as Partial<OpenAI.Chat.Completions.ChatCompletion> | string | null;
  const choice = typeof body === 'object' && body ? body.choices?.[0] : undefined;
  const text = choice?.message?.content;
  if (typeof body !== 'object' || !body || typeof text !== 'string' || !text.trim()) {
    throw new ModelCallError('bad_response', 'the model API answered without a message');
  }
  return {
    text,
    model: body.model || req.model,
    provider,
    inputTokens: body.usage?.prompt_tokens ?? req.messages.reduce((n, m) => n + estimateTokens(m.content), 0),
    outputTokens: body.usage?.completion_tokens ?? estimateTokens(text),
    latencyMs,
    finishReason: choice?.finish_reason ?? null,
  };
}

async function attemptOnce(req: ModelRequest, timeoutMs: number): Promise<Generation> {
  const { client, sdk } = await openai();
  const started = Date.now();
  const reasoning = REASONING.test(req.model);
  try {
    const res = await client.chat.completions.create(
      {
        model: req.model,
        messages: req.messages,
        ...(reasoning
          ? { max_completion_tokens: req.maxTokens }
          : { max_tokens: req.maxTokens, temperature: req.temperature }),
      },
      // The signal also bounds reading the body, which the SDK's own timeout does not cover.
      { timeout: timeoutMs, maxRetries: 0, signal: AbortSignal.timeout(timeoutMs) },
    );
    return toGeneration(res, req, Date.now() - started, aiProvider());
  } catch (err) {
    const classified = classify(err, sdk);
    if (classified.status === 401 && config().openaiSecretArn && !keyRefetched) {
      // The key was probably rotated: fetch the secret again once and rebuild the client.
      keyRefetched = true;
      await openai(true);
      throw new ModelCallError('unavailable', 'the model API key was refreshed', { status: 401 });
    }
    throw classified;
  }
}

/** One logical model call: retried with backoff within `deadline`; throws ModelCallError. */
export async function callModel(req: ModelRequest, opts: CallOptions): Promise<Generation> {
  const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const sub = segment?.addNewSubsegment('openai.chat.completions');
  if (sub) tracer.setSegment(sub);
  sub?.addAnnotation('model', req.model);
  try {
    for (let attempt = 0; ; attempt++) {
      const remaining = opts.deadline - Date.now();
      if (remaining < 200) throw new ModelCallError('timeout', 'no time left for the model call');
      try {
        const generation = await attemptOnce(req, Math.min(config().openaiTimeoutMs, remaining));
        sub?.addMetadata('usage', {
          input: generation.inputTokens,
          output: generation.outputTokens,
          attempts: attempt + 1,
        });
        return generation;
      } catch (err) {
        const e = err as ModelCallError;
        const wait = e.retryAfterMs ?? backoff(attempt);
        const retry =
          e.retryable &&
          attempt < config().openaiMaxRetries &&
          wait <= MAX_INLINE_WAIT_MS &&
          Date.now() + wait < opts.deadline;
        logger.warn('model call failed', {
          kind: e.kind,
          status: e.status,
          attempt: attempt + 1,
          retry,
          waitMs: retry ? wait : undefined,
        });
        if (!retry) throw e;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  } catch (err) {
    sub?.addError(err as Error);
    throw err;
  } finally {
    sub?.close();
    if (segment) tracer.setSegment(segment);
  }
}
