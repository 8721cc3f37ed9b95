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

export type SubscribeOutcome = 'subscribed' | 'not_found' | 'unknown_connection' | 'too_many';

/**
 * Adds a conversation to a connection, under the rule for reading it over HTTP: its participants' users
 * and admins only; anyone else gets `not_found`, as a 404 would say. The rule is read from
 * conversation_participants in the same statement, so a check and its write cannot drift apart.
 */
export async function subscribe(
  q: Queryable,
  connectionId: string,
  conversationId: string,
): Promise<SubscribeOutcome> {
  const { rows } = await q.query<{ known: boolean; allowed: boolean; done: boolean }>(
    `WITH conn AS (
       SELECT id, user_id, is_admin, conversation_ids FROM connections WHERE id = $1 AND expires_at > now()
     ), allowed AS (
       SELECT conn.id FROM conn
        WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.id = $2::uuid)
          AND (conn.is_admin OR EXISTS (SELECT 1 FROM conversation_participants p
                                         WHERE p.conversation_id = $2::uuid AND p.user_id = conn.user_id))
     ), done AS (
       UPDATE connections c
          SET conversation_ids = CASE WHEN $2::uuid = ANY(c.conversation_ids) THEN c.conversation_ids
                                      ELSE array_append(c.conversation_ids, $2::uuid) END
         FROM allowed a
        WHERE c.id = a.id AND ($2::uuid = ANY(c.conversation_ids) OR cardinality(c.conversation_ids) < $3)
        RETURNING c.id
     )
     SELECT EXISTS (SELECT 1 FROM conn) AS known, EXISTS (SELECT 1 FROM allowed) AS allowed,
            EXISTS (SELECT 1 FROM done) AS done`,
    [connectionId, conversationId, MAX_SUBSCRIPTIONS],
  );
  const r = rows[0]!;
  if (!r.known) return 'unknown_connection';
  if (!r.allowed) return 'not_found';
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
