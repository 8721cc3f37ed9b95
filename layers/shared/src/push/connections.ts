/**
 * The connections store: the only module that writes SQL for the `connections` table. A connection belongs
 * to one user (with the admin flag their token carried at $connect) and follows up to 50 conversations.
 */
import type { Queryable } from '../db/pool';
import type { Viewer } from './events';

/** API Gateway closes every WebSocket connection after two hours. */
export const CONNECTION_LIFETIME_SECONDS = 2 * 60 * 60;
export const MAX_SUBSCRIPTIONS = 50;

export interface Connection extends Viewer {
  id: string;
}

interface ConnectionRow {
  id: string;
  user_id: string;
  is_admin: boolean;
}

const toConnection = (r: ConnectionRow): Connection => ({ id: r.id, userId: r.user_id, isAdmin: r.is_admin });

/** Records a new connection, and drops a few expired ones so the table never outgrows the live set. */
export async function saveConnection(q: Queryable, connectionId: string, viewer: Viewer): Promise<void> {
  await q.query(
    `INSERT INTO connections (id, user_id, is_admin, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, is_admin = excluded.is_admin,
       conversation_ids = '{}', expires_at = excluded.expires_at`,
    [connectionId, viewer.userId, viewer.isAdmin, CONNECTION_LIFETIME_SECONDS],
  );
  await q.query(
    `DELETE FROM connections WHERE id IN (
       SELECT id FROM connections WHERE expires_at < now() ORDER BY expires_at LIMIT 100)`,
  );
}

/** Forgets connections ($disconnect, or API Gateway answered 410 Gone). */
export async function removeConnections(q: Queryable, connectionIds: string[]): Promise<number> {
  if (connectionIds.length === 0) return 0;
  const { rowCount } = await q.query('DELETE FROM connections WHERE id = ANY($1::text[])', [connectionIds]);
  return rowCount ?? 0;
}

export type SubscribeOutcome = 'subscribed' | 'unknown_connection' | 'too_many';

/** A live connection and the viewer it was opened by, or undefined when it is gone or expired. */
export async function findConnection(q: Queryable, connectionId: string): Promise<Connection | undefined> {
  const { rows } = await q.query<ConnectionRow>(
    'SELECT id, user_id, is_admin FROM connections WHERE id = $1 AND expires_at > now()',
    [connectionId],
  );
  return rows[0] && toConnection(rows[0]);
}

/**
 * Adds a conversation to a connection (idempotent, at most MAX_SUBSCRIPTIONS). Whether the viewer may read
 * the conversation is the caller's check, by the conversations aggregate's rule.
 */
export async function subscribe(
  q: Queryable,
  connectionId: string,
  conversationId: string,
): Promise<SubscribeOutcome> {
  const { rows } = await q.query<{ known: boolean; done: boolean }>(
    `WITH conn AS (
       SELECT id FROM connections WHERE id = $1 AND expires_at > now()
     ), done AS (
       UPDATE connections c
          SET conversation_ids = CASE WHEN $2::uuid = ANY(c.conversation_ids) THEN c.conversation_ids
                                      ELSE array_append(c.conversation_ids, $2::uuid) END
         FROM conn
        WHERE c.id = conn.id AND ($2::uuid = ANY(c.conversation_ids) OR cardinality(c.conversation_ids) < $3)
        RETURNING c.id
     )
     SELECT EXISTS (SELECT 1 FROM conn) AS known, EXISTS (SELECT 1 FROM done) AS done`,
    [connectionId, conversationId, MAX_SUBSCRIPTIONS],
  );
  const r = rows[0]!;
  if (!r.known) return 'unknown_connection';
  return r.done ? 'subscribed' : 'too_many';
}

export async function unsubscribe(q: Queryable, connectionId: string, conversationId: string): Promise<void> {
  await q.query(
    'UPDATE connections SET conversation_ids = array_remove(conversation_ids, $2::uuid) WHERE id = $1',
    [connectionId, conversationId],
  );
}

/** Live connections following a conversation (GIN index on conversation_ids). */
export async function connectionsFollowing(q: Queryable, conversationId: string): Promise<Connection[]> {
  const { rows } = await q.query<ConnectionRow>(
    `SELECT id, user_id, is_admin FROM connections
      WHERE conversation_ids @> ARRAY[$1::uuid] AND expires_at > now()
      ORDER BY connected_at, id`,
    [conversationId],
  );
  return rows.map(toConnection);
}

/** Live connections of one user (ticket events go to the player, wherever they follow). */
export async function connectionsOfUser(q: Queryable, userId: string): Promise<Connection[]> {
  const { rows } = await q.query<ConnectionRow>(
    `SELECT id, user_id, is_admin FROM connections WHERE user_id = $1 AND expires_at > now()
      ORDER BY connected_at, id`,
    [userId],
  );
  return rows.map(toConnection);
}
