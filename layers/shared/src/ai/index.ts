/**
 * AI replies: OpenAI client, pricing, prompts, turn-taking and the reply engine (DESIGN §7).
 * The conversations function calls two hooks: `createReplyJobs(tx, trigger)` inside the transaction that
 * stores a human message (then `sendReplyJobs` after commit), and `publishDueReplies(conversationId)` on
 * its read path (plus `typingPersonas` for the typing list).
 */
export { budgetDay, spentTodayUsd } from './budget';
export { aiProvider, announceAiProvider, callModel, type ModelRequest } from './client';
export {
  type EngineHooks,
  handleReplyJob,
  type RunOptions,
  type RunOutcome,
  type RunResult,
  runJob,
} from './engine';
export { BudgetExceededError, ModelCallError, type ModelFailure } from './errors';
export { failureNotice, MAX_JOB_ATTEMPTS, STALE_AFTER_SECONDS } from './jobs';
export { offlineReply } from './offline';
export { createReplyJobs, type ReplyTrigger } from './outbox';
export {
  addressedParticipants,
  mentionIndex,
  type PolicyInput,
  type PolicyParticipant,
  pickResponders,
  talkativenessRoll,
} from './policy';
export { FALLBACK_PRICE, MODEL_PRICES, type ModelPrice, priceCall, priceFor } from './prices';
export {
  buildPrompt,
  characterPrompt,
  cleanReply,
  estimateTokens,
  systemPromptFor,
  trimHistory,
} from './prompt';
export { type PublishedMessage, publishDueReplies, publishJobs, typingPersonas } from './publish';
export { ReplyUnavailableError, type RespondNowInput, respondNow } from './respond-now';
export { allocateSequence } from './sequence';
export { type SweepResult, sweepReplyJobs } from './sweep';
export { readingDelayMs, typingDurationMs } from './timing';
export * from './types';
