/** The only place that writes SQL for conversations and their participants. */
import type { Queryable, Transaction } from '@amianai/shared/db';
import type { ConversationRow } from './views';

// One row per conversation with its participants folded in, so a page of conversations is one statement.
const SELECT_CONVERSATION = `
  SELECT c.id, c.title, c.topic, c.mode, c.status, c.settings, c.message_count, c.last_message_at,
         c.last_activity_at, (extract(epoch FROM c.last_activity_at) * 1000000)::bigint AS activity_us,
         c.created_at, c.ended_at,
         (SELECT json_agg(json_build_object('personaId', p.persona_id, 'name', pe.name, 'avatarUrl', pe.avatar_url,
                                            'userId', p.user_id, 'ownerId', pe.owner_id)
                          ORDER BY p.joined_at, pe.name, p.persona_id)
            FROM conversation_participants p JOIN personas pe ON pe.id = p.persona_id
           WHERE p.conversation_id = c.id) AS participants
    FROM conversations c`;

export async function findConversation(q: Queryable, id: string): Promise<ConversationRow | undefined> {
  const { rows } = await q.query<ConversationRow>(`${SELECT_CONVERSATION} WHERE c.id = $1`, [id]);
  return rows[0];
}

export interface ListFilter {
  userId: string;
  status?: 'active' | 'ended';
  mode?: 'chat' | 'game';
  /** Keyset position of the last row of the previous page. */
  after?: { a: number; id: string };
  limit: number;
}

/**
 * The conversations in which `userId` controls a participant, newest activity first. Reads the user's
 * participant rows (index participants_user), so the cost follows their own conversation count.
 */
export async function listConversationsOfUser(q: Queryable, f: ListFilter): Promise<ConversationRow[]> {
  const { rows } = await q.query<ConversationRow>(
    `${SELECT_CONVERSATION}
      WHERE c.id IN (SELECT conversation_id FROM conversation_participants WHERE user_id = $1)
        AND ($2::text IS NULL OR c.status = $2)
        AND ($3::text IS NULL OR c.mode = $3)
        AND ($4::bigint IS NULL
             OR (c.last_activity_at, c.id) < (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5::uuid))
      ORDER BY c.last_activity_at DESC, c.id DESC
      LIMIT $6`,
    [f.userId, f.status ?? null, f.mode ?? null, f.after?.a ?? null, f.after?.id ?? null, f.limit],
  );
  return rows;
}

export interface NewConversation {
  title: string;
  topic: string;
  mode: 'chat' | 'game';
  createdBy: string;
  settings: { maxAiTurnsInRow: number };
  participants: Array<{ personaId: string; userId: string | null }>;
}

export async function insertConversation(tx: Transaction, c: NewConversation): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO conversations (title, topic, mode, created_by, settings) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [c.title, c.topic, c.mode, c.createdBy, c.settings],
  );
  const id = rows[0]!.id;
  await tx.query(
    `INSERT INTO conversation_participants (conversation_id, persona_id, user_id)
     SELECT $1, persona_id, user_id FROM unnest($2::uuid[], $3::uuid[]) AS t (persona_id, user_id)`,
    [id, c.participants.map((p) => p.personaId), c.participants.map((p) => p.userId)],
  );
  return id;
}

export async function updateTitle(q: Queryable, id: string, title: string): Promise<void> {
  await q.query('UPDATE conversations SET title = $2 WHERE id = $1', [id, title]);
}

/** Ends an active conversation and clears its typing indicators; a no-op when it already ended. */
export async function markEnded(q: Queryable, id: string): Promise<void> {
  await q.query(
    `WITH ended AS (
       UPDATE conversations SET status = 'ended', ended_at = now(), last_activity_at = now()
        WHERE id = $1 AND status = 'active' RETURNING id
     )
     DELETE FROM typing WHERE conversation_id IN (SELECT id FROM ended)`,
    [id],
  );
}
