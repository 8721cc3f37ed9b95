/**
 * The outbox: inside the transaction that stores a message, decide who replies and insert their `ai_jobs`
 * rows. The job ids go to the queue only after that transaction commits.
 */
import type { Transaction } from '@amianai/shared/db';
import { type PolicyParticipant, pickResponders } from './policy';
import { aiTurnsInRow, insertReplyJobs, replyCandidates } from './store';
import { aiSettings } from './types';

export interface ReplyTrigger {
  conversationId: string;
  /** The message just stored (the trigger). */
  messageId: string;
  /** Its author persona. */
  personaId: string;
  /** The user who posted it (or, for an AI reply, who started the exchange): charged for the replies. */
  userId: string | null;
}

const DEFAULT_MAX_AI_TURNS_IN_ROW = 3;

/**
 * Decides who replies to the trigger and inserts their jobs (idempotent: one job per conversation, persona
 * and trigger). Returns the new job ids. Runs every query on `tx`.
 */
export async function createReplyJobs(tx: Transaction, trigger: ReplyTrigger): Promise<string[]> {
  const rows = await replyCandidates(tx, trigger.conversationId, trigger.messageId);
  const first = rows[0];
  if (first?.conversation_status !== 'active' || !rows.some((r) => r.kind === 'ai')) return [];

  const author = rows.find((r) => r.persona_id === trigger.personaId);
  const authorKind = first.message_kind === 'system' ? 'system' : (author?.kind ?? 'human');
  const rawMax = Number(first.settings?.maxAiTurnsInRow);
  const maxAiTurnsInRow = Number.isInteger(rawMax) && rawMax >= 0 ? rawMax : DEFAULT_MAX_AI_TURNS_IN_ROW;
  const turns =
    authorKind === 'ai'
      ? await aiTurnsInRow(tx, trigger.conversationId, trigger.messageId, maxAiTurnsInRow + 1)
      : 0;

  // After an AI message, personas already busy replying stay out: they would answer twice in a row.
  const participants: PolicyParticipant[] = rows
    .filter((r) => authorKind !== 'ai' || !r.busy || r.persona_id === trigger.personaId)
    .map((r) => ({
      personaId: r.persona_id,
      name: r.name,
      kind: r.kind,
      talkativeness: r.kind === 'ai' ? aiSettings(r.ai).talkativeness : 0,
    }));
  const responders = pickResponders({
    messageId: trigger.messageId,
    authorPersonaId: trigger.personaId,
    authorKind,
    content: first.content,
    participants,
    aiTurnsInRow: turns,
    maxAiTurnsInRow,
  });
  if (responders.length === 0) return [];

  return insertReplyJobs(tx, trigger.conversationId, trigger.messageId, responders, trigger.userId);
}
