/**
 * AI replies (docs/design.md, "AI replies"): who replies (policy), the prompt, the job outbox and lifecycle
 * (claim → write → complete → publish), human-like timing, the offline responder, publishing and the sweeper.
 * The conversations aggregate calls `createReplyJobs(tx, trigger)` inside the transaction that stores a human
 * message (then `sendReplyJobs` after commit), and `publishDueReplies(conversationId)` on its read path.
 */
export {
  type EngineHooks,
  handleReplyJob,
  MAX_REWRITES,
  type RunOptions,
  type RunOutcome,
  type RunResult,
  runJob,
} from './engine';
export { offlineReply } from './offline';
export { createReplyJobs, type ReplyTrigger } from './outbox';
export {
  addressedParticipants,
  firstName,
  mentionIndex,
  type PolicyInput,
  type PolicyParticipant,
  pickResponders,
  talkativenessRoll,
} from './policy';
export {
  buildPrompt,
  characterPrompt,
  cleanReply,
  estimateTokens,
  systemPromptFor,
  trimHistory,
} from './prompt';
export {
  type PublishedMessage,
  publishDueReplies,
  publishJobs,
  typingPersonas,
  typingSources,
} from './publish';
export { budgetExceeded, generateResponse, REQUEST_SECONDS } from './request-reply';
export { GenerateResponseAccepted, GenerateResponseBody } from './schemas';
export {
  dropPendingJobs,
  type FailedReply,
  failedRepliesOfOwner,
  MAX_JOB_ATTEMPTS,
  REPLY_JOBS_COUNT_SQL,
  STALE_AFTER_SECONDS,
} from './store';
export { type SweepResult, sweepReplyJobs } from './sweep';
export {
  MAX_TYPING_MS,
  READING_MS,
  readingDelayMs,
  replyCharBudget,
  trimReply,
  typingDurationMs,
} from './timing';
export * from './types';
