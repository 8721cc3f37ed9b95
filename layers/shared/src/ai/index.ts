/**
 * AI replies: OpenAI client, pricing, prompts, turn-taking and the reply engine.
 * The two hooks the conversations function calls are fixed here; the engine fills them in.
 */
import type { Transaction } from '../db/transaction';

export interface ReplyTrigger {
  conversationId: string;
  /** The message just stored (the trigger). */
  messageId: string;
  /** Its author persona. */
  personaId: string;
  /** The user who posted it: charged for the replies. */
  userId: string;
}

/**
 * Called inside the transaction that stores a human message: decides who replies and inserts their
 * `ai_jobs` rows (the outbox). Returns the job ids to send to the queue after commit.
 */
export async function createReplyJobs(_tx: Transaction, _trigger: ReplyTrigger): Promise<string[]> {
  return [];
}

/**
 * Called on the read path of a conversation's messages: stores generated replies whose `visible_at` has
 * come (idempotent per job). Returns how many were published.
 */
export async function publishDueReplies(_conversationId: string): Promise<number> {
  return 0;
}
