/**
 * The outbox: inside the transaction that stores a message, decide who replies and insert their `ai_jobs`
 * rows. The job ids go to the queue only after that transaction commits.
 */
import { config } from '@amianai/shared/config';
import type { Transaction } from '@amianai/shared/db';
import { type PolicyParticipant, pickResponders } from './policy';
import { aiTurnsInRow, extendPendingJobs, insertReplyJobs, replyCandidates } from './store';
import { readingDelayMs } from './timing';
import { aiSettings } from './types';

export interface ReplyTrigger {
  conversationId: string;
  /** The message just stored (the trigger). */
  messageId: string;
  /** Its author persona. */
  personaId: string;
  /** The user who posted it, if a person did. Never charged for the replies: their personas' owners are. */
  userId?: string | null;
}

const DEFAULT_MAX_AI_TURNS_IN_ROW = 3;

/**
 * Decides who replies to the trigger and inserts their jobs (idempotent: one job per conversation, persona
 * and trigger). A responder with a reply already pending here gets no second one: the pending one answers
 * the latest messages (`extendPendingJobs`). Returns the job ids to queue. Runs every query on `tx`.
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
    .filter((r) => authorKind !== 'ai' || !r.pending_status || r.persona_id === trigger.personaId)
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

  const scale = config().aiTypingDelayScale;
  const reading = (personaId: string) =>
    readingDelayMs(first.content, `${trigger.messageId}:${personaId}`, scale);
  const byId = new Map(rows.map((r) => [r.persona_id, r]));
  const fresh = responders.filter((id) => !byId.get(id)?.pending_job_id);
  const pending = responders
    .map((id) => byId.get(id))
    .filter((r) => r?.pending_job_id)
    .map((r) => ({ jobId: r!.pending_job_id!, readingMs: reading(r!.persona_id) }));
  const reopened = await extendPendingJobs(tx, pending);
  const created = fresh.length
    ? await insertReplyJobs(
        tx,
        trigger.conversationId,
        trigger.messageId,
        fresh.map((personaId) => ({ personaId, readingMs: reading(personaId) })),
      )
    : [];
  return [...created, ...reopened];
}
