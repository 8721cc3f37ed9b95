/**
 * The read path of a conversation, polled every few seconds by every open client: access check, one page
 * of messages, who is typing and whether any AI reply is in progress, in ONE indexed statement (messages by
 * the (conversation_id, seq) unique index, typing by its primary key, AI work by ai_jobs_conversation_active).
 */
import type { Queryable } from '@amianai/shared/db';
import type { MessageRow } from './views';

export type FeedWindow =
  /** Newer than `seq`, oldest first (polling). */
  | { kind: 'after'; seq: number; limit: number }
  /** The newest messages, or those older than `before`, newest first (paging backwards). */
  | { kind: 'latest'; limit: number }
  | { kind: 'before'; seq: number; limit: number };

/** A message row as the feed returns it (timestamps arrive as JSON strings). */
export interface FeedMessage extends MessageRow {
  visible_at: string;
  /** visible_at has passed. Rows that have not are fetched only to know where the visible run ends. */
  visible: boolean;
}

export interface Feed {
  messages: FeedMessage[];
  /** People typing (heartbeats), other than the viewer. */
  typing: Array<{ personaId: string; name: string }>;
  /** Some AI reply is being generated or waits to be shown: ask the engine who shows as typing. */
  ai_working: boolean;
}

// Constant fragments per window kind (never user input); the bounds are parameters.
const WINDOWS: Record<FeedWindow['kind'], string> = {
  after: 'AND m.seq > $4 ORDER BY m.seq ASC LIMIT $5',
  latest: 'ORDER BY m.seq DESC LIMIT $4',
  before: 'AND m.seq < $4 ORDER BY m.seq DESC LIMIT $5',
};

function feedSql(kind: FeedWindow['kind']): string {
  return `
  WITH access AS (
    SELECT c.id FROM conversations c
     WHERE c.id = $1
       AND ($3::boolean OR EXISTS (SELECT 1 FROM conversation_participants p
                                    WHERE p.conversation_id = c.id AND p.user_id = $2))
  )
  SELECT
    (SELECT coalesce(json_agg(page ORDER BY page.seq), '[]'::json) FROM (
       SELECT m.id, m.conversation_id, m.seq, m.persona_id, pe.name AS persona_name, pe.avatar_url, pe.owner_id,
              m.content, m.kind, m.client_message_id, m.visible_at, m.metadata, m.visible_at <= now() AS visible
         FROM messages m LEFT JOIN personas pe ON pe.id = m.persona_id
        WHERE m.conversation_id = a.id ${WINDOWS[kind]}
     ) page) AS messages,
    (SELECT coalesce(json_agg(json_build_object('personaId', ty.persona_id, 'name', pe.name)
                              ORDER BY pe.name, ty.persona_id), '[]'::json)
       FROM typing ty JOIN personas pe ON pe.id = ty.persona_id
      WHERE ty.conversation_id = a.id AND ty.expires_at > now() AND ty.user_id IS DISTINCT FROM $2) AS typing,
    EXISTS (SELECT 1 FROM ai_jobs j
             WHERE j.conversation_id = a.id AND j.status IN ('running', 'ready')) AS ai_working
  FROM access a`;
}

const SQL = {
  after: feedSql('after'),
  latest: feedSql('latest'),
  before: feedSql('before'),
};

/** The feed, or undefined when the conversation does not exist or the viewer may not see it. */
export async function readFeed(
  q: Queryable,
  conversationId: string,
  viewer: { userId: string; isAdmin: boolean },
  window: FeedWindow,
): Promise<Feed | undefined> {
  const range = window.kind === 'latest' ? [window.limit] : [window.seq, window.limit];
  const { rows } = await q.query<Feed>(SQL[window.kind], [
    conversationId,
    viewer.userId,
    viewer.isAdmin,
    ...range,
  ]);
  return rows[0];
}
