/** The only place that writes SQL for messages and typing indicators. */
import type { Queryable, Transaction } from '@amianai/shared/db';
import { LIMITS } from './schemas';
import type { MessageRow } from './views';

const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.seq, m.persona_id, pe.name AS persona_name, pe.avatar_url,
  pe.owner_id, m.content, m.kind, m.client_message_id, m.visible_at, m.metadata`;

/** What the caller may do with one persona in one conversation (one statement, no locks). */
export interface PostingRights {
  status: 'active' | 'ended';
  /** The caller controls at least one participant (so may see the conversation). */
  member: boolean;
  /** The persona is the caller's live human persona in this conversation. */
  canPost: boolean;
}

export async function postingRights(
  q: Queryable,
  conversationId: string,
  personaId: string,
  userId: string,
): Promise<PostingRights | undefined> {
  const { rows } = await q.query<{ status: 'active' | 'ended'; member: boolean; can_post: boolean }>(
    `SELECT c.status,
            EXISTS (SELECT 1 FROM conversation_participants p
                     WHERE p.conversation_id = c.id AND p.user_id = $3) AS member,
            EXISTS (SELECT 1 FROM conversation_participants p JOIN personas pe ON pe.id = p.persona_id
                     WHERE p.conversation_id = c.id AND p.persona_id = $2 AND p.user_id = $3
                       AND p.left_at IS NULL AND pe.kind = 'human' AND pe.deleted_at IS NULL) AS can_post
       FROM conversations c WHERE c.id = $1`,
    [conversationId, personaId, userId],
  );
  const row = rows[0];
  return row && { status: row.status, member: row.member, canPost: row.can_post };
}

export async function findMessageByClientId(
  q: Queryable,
  conversationId: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  const { rows } = await q.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN personas pe ON pe.id = m.persona_id
      WHERE m.conversation_id = $1 AND m.client_message_id = $2`,
    [conversationId, clientMessageId],
  );
  return rows[0];
}

/**
 * Takes the next sequence number: the row lock serialises writers of one conversation, and a rollback
 * returns the number, so numbers are consecutive. Undefined when the conversation is not active.
 */
export async function allocateSequence(tx: Transaction, conversationId: string): Promise<number | undefined> {
  const { rows } = await tx.query<{ last_seq: number }>(
    `UPDATE conversations
        SET last_seq = last_seq + 1, message_count = message_count + 1, last_message_at = now(),
            last_activity_at = now()
      WHERE id = $1 AND status = 'active'
      RETURNING last_seq`,
    [conversationId],
  );
  return rows[0]?.last_seq;
}

export interface NewMessage {
  conversationId: string;
  seq: number;
  personaId: string;
  content: string;
  clientMessageId: string | null;
}

/** Stores a human message (visible at once) and clears its author's typing indicator. */
export async function insertMessage(tx: Transaction, m: NewMessage): Promise<MessageRow> {
  const { rows } = await tx.query<MessageRow>(
    `WITH m AS (
       INSERT INTO messages (conversation_id, seq, persona_id, content, client_message_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING *
     )
     SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN personas pe ON pe.id = m.persona_id`,
    [m.conversationId, m.seq, m.personaId, m.content, m.clientMessageId],
  );
  await tx.query('DELETE FROM typing WHERE conversation_id = $1 AND persona_id = $2', [
    m.conversationId,
    m.personaId,
  ]);
  return rows[0]!;
}

/** Marks the persona as typing for a few seconds; false when the caller may not (nothing is written). */
export async function upsertTyping(
  q: Queryable,
  conversationId: string,
  personaId: string,
  userId: string,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO typing (conversation_id, persona_id, user_id, expires_at)
     SELECT c.id, p.persona_id, p.user_id, now() + make_interval(secs => $4)
       FROM conversations c
       JOIN conversation_participants p ON p.conversation_id = c.id AND p.persona_id = $2 AND p.user_id = $3
       JOIN personas pe ON pe.id = p.persona_id
      WHERE c.id = $1 AND c.status = 'active' AND p.left_at IS NULL AND pe.kind = 'human' AND pe.deleted_at IS NULL
     ON CONFLICT (conversation_id, persona_id)
       DO UPDATE SET expires_at = excluded.expires_at, user_id = excluded.user_id`,
    [conversationId, personaId, userId, LIMITS.typingSeconds],
  );
  return rowCount === 1;
}
