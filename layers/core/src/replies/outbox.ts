/**
 * The outbox: inside the transaction that stores a message, decide who replies and insert their `ai_jobs`
 * rows. The job ids go to the queue only after that transaction commits.
 */
import type { Transaction } from '@amianai/shared/db';
import { type PolicyParticipant, pickResponders } from './policy';
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

interface ParticipantRow {
  persona_id: string;
  name: string;
  kind: 'human' | 'ai';
  ai: unknown;
  busy: boolean;
  content: string;
  message_kind: 'text' | 'system';
  settings: { maxAiTurnsInRow?: unknown } | null;
  conversation_status: 'active' | 'ended';
}

const DEFAULT_MAX_AI_TURNS_IN_ROW = 3;

/** Consecutive AI messages ending with (and including) `messageId`; system notices neither count nor break it. */
async function aiTurnsInRow(
  tx: Transaction,
  conversationId: string,
  messageId: string,
  limit: number,
): Promise<number> {
  const { rows } = await tx.query<{ kind: string | null }>(
    `SELECT p.kind
       FROM messages m LEFT JOIN personas p ON p.id = m.persona_id
      WHERE m.conversation_id = $1 AND m.kind = 'text'
        AND m.seq <= (SELECT seq FROM messages WHERE id = $2)
      ORDER BY m.seq DESC
      LIMIT $3`,
    [conversationId, messageId, limit],
  );
  let n = 0;
  for (const r of rows) {
    if (r.kind !== 'ai') break;
    n++;
  }
  return n;
}

/**
 * Decides who replies to the trigger and inserts their jobs (idempotent: one job per conversation, persona
 * and trigger). Returns the new job ids. Runs every query on `tx`.
 */
export async function createReplyJobs(tx: Transaction, trigger: ReplyTrigger): Promise<string[]> {
  const { rows } = await tx.query<ParticipantRow>(
    `SELECT p.id AS persona_id, p.name, p.kind, p.ai,
            EXISTS (SELECT 1 FROM ai_jobs j
                     WHERE j.conversation_id = m.conversation_id AND j.persona_id = p.id
                       AND j.status IN ('queued', 'running', 'ready')) AS busy,
            m.content, m.kind AS message_kind, c.settings, c.status AS conversation_status
       FROM messages m
       JOIN conversations c ON c.id = m.conversation_id
       JOIN conversation_participants cp ON cp.conversation_id = m.conversation_id AND cp.left_at IS NULL
       JOIN personas p ON p.id = cp.persona_id AND p.deleted_at IS NULL
      WHERE m.id = $1 AND m.conversation_id = $2`,
    [trigger.messageId, trigger.conversationId],
  );
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

  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO ai_jobs (conversation_id, persona_id, trigger_message_id, triggered_by)
     SELECT $1, persona_id, $3, $4 FROM unnest($2::uuid[]) AS persona_id
     ON CONFLICT (conversation_id, persona_id, trigger_message_id) DO NOTHING
     RETURNING id`,
    [trigger.conversationId, responders, trigger.messageId, trigger.userId],
  );
  return inserted.rows.map((r) => r.id);
}
