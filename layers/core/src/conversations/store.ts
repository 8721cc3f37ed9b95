/**
 * The only module that writes SQL for the conversations aggregate's tables: conversations,
 * conversation_participants, messages and typing (AI replies are inserted here too, by `insertReplies`).
 */
import type { Queryable, Transaction } from '@amianai/shared/db';
import { LIMITS } from './limits';
import type { ConversationRow, MessageRow } from './views';

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

/** Conversations, active and ended (the admin status page runs it as a subquery among the others). */
export const CONVERSATIONS_COUNT_SQL = 'SELECT count(*) FROM conversations';

/** Messages, published or not (the admin status page runs it as a subquery among the others). */
export const MESSAGES_COUNT_SQL = 'SELECT count(*) FROM messages';

/**
 * Ends an active conversation and clears its typing indicators and requests to reply (nobody types in an
 * ended conversation); a no-op when it already ended.
 */
export async function markEnded(q: Queryable, id: string): Promise<void> {
  await q.query(
    `WITH ended AS (
       UPDATE conversations SET status = 'ended', ended_at = now(), last_activity_at = now()
        WHERE id = $1 AND status = 'active' RETURNING id
     ),
     requests AS (DELETE FROM reply_requests WHERE conversation_id IN (SELECT id FROM ended))
     DELETE FROM typing WHERE conversation_id IN (SELECT id FROM ended)`,
    [id],
  );
}

// ---- the message feed ----

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
  /** Requests to reply addressed to personas the viewer plays. */
  requests: Array<{ personaId: string; requestedAt: string }>;
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
             WHERE j.conversation_id = a.id AND j.status IN ('running', 'ready')) AS ai_working,
    (SELECT coalesce(json_agg(json_build_object('personaId', r.persona_id, 'requestedAt', r.requested_at)
                              ORDER BY r.persona_id), '[]'::json)
       FROM reply_requests r
       JOIN conversation_participants rp ON rp.conversation_id = r.conversation_id AND rp.persona_id = r.persona_id
      WHERE r.conversation_id = a.id AND r.expires_at > now() AND rp.user_id = $2) AS requests
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

// ---- messages and typing ----

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
 * Takes the next `count` consecutive sequence numbers and returns the first: the conversation row's lock
 * serialises every writer (human posts and published replies alike), and a rollback returns the numbers, so
 * they stay gap-free. Undefined when the conversation is gone, or (with `activeOnly`) has ended.
 */
export async function allocateSequence(
  tx: Transaction,
  conversationId: string,
  opts: { count?: number; activeOnly?: boolean } = {},
): Promise<number | undefined> {
  const count = opts.count ?? 1;
  const { rows } = await tx.query<{ last_seq: number }>(
    `UPDATE conversations
        SET last_seq = last_seq + $2, message_count = message_count + $2, last_message_at = now(),
            last_activity_at = now()
      WHERE id = $1 AND (NOT $3 OR status = 'active')
      RETURNING last_seq`,
    [conversationId, count, opts.activeOnly ?? false],
  );
  return rows[0] ? rows[0].last_seq - count + 1 : undefined;
}

/** A conversation's status as writers see it: a game round past its `closes_at` is ended. */
const LIVE_STATUS = "CASE WHEN closes_at <= now() THEN 'ended' ELSE status END";

/**
 * Locks the conversation row first (the one lock order every writer uses) and returns its status; a game
 * round past its `closes_at` is ended even before a request has settled it, so no reply lands after the end.
 */
export async function lockConversation(
  tx: Transaction,
  conversationId: string,
  opts: { skipLocked?: boolean } = {},
): Promise<'active' | 'ended' | undefined> {
  const { rows } = await tx.query<{ status: 'active' | 'ended' }>(
    `SELECT ${LIVE_STATUS} AS status FROM conversations WHERE id = $1 FOR UPDATE${opts.skipLocked ? ' SKIP LOCKED' : ''}`,
    [conversationId],
  );
  return rows[0]?.status;
}

export interface NewMessage {
  conversationId: string;
  seq: number;
  personaId: string;
  content: string;
  clientMessageId: string | null;
}

/** Stores a human message (visible at once) and clears its author's typing indicator and request to reply. */
export async function insertMessage(tx: Transaction, m: NewMessage): Promise<MessageRow> {
  const { rows } = await tx.query<MessageRow>(
    `WITH m AS (
       INSERT INTO messages (conversation_id, seq, persona_id, content, client_message_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING *
     )
     SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN personas pe ON pe.id = m.persona_id`,
    [m.conversationId, m.seq, m.personaId, m.content, m.clientMessageId],
  );
  await tx.query(
    `WITH r AS (DELETE FROM reply_requests WHERE conversation_id = $1 AND persona_id = $2)
     DELETE FROM typing WHERE conversation_id = $1 AND persona_id = $2`,
    [m.conversationId, m.personaId],
  );
  return rows[0]!;
}

/** Someone asked the person playing `personaId` to reply: shown in that person's feed for `seconds`. */
export async function upsertReplyRequest(
  q: Queryable,
  r: { conversationId: string; personaId: string; userId: string; seconds: number },
): Promise<void> {
  await q.query(
    `INSERT INTO reply_requests (conversation_id, persona_id, requested_by, requested_at, expires_at)
     VALUES ($1, $2, $3, now(), now() + make_interval(secs => $4))
     ON CONFLICT (conversation_id, persona_id)
       DO UPDATE SET requested_by = excluded.requested_by, requested_at = excluded.requested_at,
                     expires_at = excluded.expires_at`,
    [r.conversationId, r.personaId, r.userId, r.seconds],
  );
}

/**
 * The person playing `personaId` here, and the unexpired requests to reply addressed to any persona they
 * play in the conversation (the feed's `requests` for them); undefined when nobody plays it (an AI).
 */
export async function requestsOfPlayer(
  q: Queryable,
  conversationId: string,
  personaId: string,
): Promise<{ userId: string; requests: Array<{ personaId: string; requestedAt: Date }> } | undefined> {
  const { rows } = await q.query<{ user_id: string; persona_id: string | null; requested_at: Date | null }>(
    `SELECT asked.user_id, r.persona_id, r.requested_at
       FROM conversation_participants asked
       JOIN conversation_participants rp ON rp.conversation_id = asked.conversation_id AND rp.user_id = asked.user_id
       LEFT JOIN reply_requests r ON r.conversation_id = rp.conversation_id AND r.persona_id = rp.persona_id
                                 AND r.expires_at > now()
      WHERE asked.conversation_id = $1 AND asked.persona_id = $2 AND asked.user_id IS NOT NULL
      ORDER BY r.persona_id`,
    [conversationId, personaId],
  );
  if (rows.length === 0) return undefined;
  return {
    userId: rows[0]!.user_id,
    requests: rows.flatMap((r) =>
      r.persona_id && r.requested_at ? [{ personaId: r.persona_id, requestedAt: r.requested_at }] : [],
    ),
  };
}

/**
 * Marks the persona as typing for a few seconds; false when the caller may not (nothing is written),
 * 'started' when they were not shown as typing before (a typing event goes out), else 'refreshed'.
 */
export async function upsertTyping(
  q: Queryable,
  conversationId: string,
  personaId: string,
  userId: string,
): Promise<false | 'started' | 'refreshed'> {
  const { rows } = await q.query<{ written: boolean; was_typing: boolean }>(
    `WITH before AS (
       SELECT expires_at > now() AS typing FROM typing WHERE conversation_id = $1 AND persona_id = $2
     ), up AS (
       INSERT INTO typing (conversation_id, persona_id, user_id, expires_at)
       SELECT c.id, p.persona_id, p.user_id, now() + make_interval(secs => $4)
         FROM conversations c
         JOIN conversation_participants p ON p.conversation_id = c.id AND p.persona_id = $2 AND p.user_id = $3
         JOIN personas pe ON pe.id = p.persona_id
        WHERE c.id = $1 AND c.status = 'active' AND p.left_at IS NULL AND pe.kind = 'human' AND pe.deleted_at IS NULL
       ON CONFLICT (conversation_id, persona_id)
         DO UPDATE SET expires_at = excluded.expires_at, user_id = excluded.user_id
       RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM up) AS written, coalesce((SELECT typing FROM before), false) AS was_typing`,
    [conversationId, personaId, userId, LIMITS.typingSeconds],
  );
  const r = rows[0];
  if (!r?.written) return false;
  return r.was_typing ? 'refreshed' : 'started';
}

/** People with a live typing heartbeat, and the user behind each (the typing event leaves each their own out). */
export async function typingPeople(
  q: Queryable,
  conversationId: string,
): Promise<Array<{ personaId: string; name: string; userId: string | null }>> {
  const { rows } = await q.query<{ persona_id: string; name: string; user_id: string | null }>(
    `SELECT ty.persona_id, pe.name, ty.user_id
       FROM typing ty JOIN personas pe ON pe.id = ty.persona_id
      WHERE ty.conversation_id = $1 AND ty.expires_at > now()`,
    [conversationId],
  );
  return rows.map((r) => ({ personaId: r.persona_id, name: r.name, userId: r.user_id }));
}

/** AI replies published together: consecutive seqs from `first`, each stored at most once per job. */
export async function insertReplies(
  tx: Transaction,
  conversationId: string,
  replies: {
    seq: number;
    personaId: string;
    content: string;
    jobId: string;
    metadata: Record<string, unknown>;
  }[],
): Promise<{ id: string; seq: number; ai_job_id: string; created_at: Date }[]> {
  const { rows } = await tx.query<{ id: string; seq: number; ai_job_id: string; created_at: Date }>(
    `INSERT INTO messages (conversation_id, seq, persona_id, content, kind, ai_job_id, metadata)
     SELECT $1, x.seq, x.persona_id, x.content, 'text', x.job_id, x.metadata
       FROM unnest($2::int[], $3::uuid[], $4::text[], $5::uuid[], $6::jsonb[]) AS x(seq, persona_id, content, job_id, metadata)
     RETURNING id, seq, ai_job_id, created_at`,
    [
      conversationId,
      replies.map((r) => r.seq),
      replies.map((r) => r.personaId),
      replies.map((r) => r.content),
      replies.map((r) => r.jobId),
      replies.map((r) => JSON.stringify(r.metadata)),
    ],
  );
  return rows;
}

/**
 * This aggregate's part of the reply engine's one-statement completion (`completeJob` in replies/store.ts),
 * as CTEs that statement composes, so the engine stores and publishes a reply in one round trip while the
 * SQL over conversations and messages stays here. Arguments are SQL expressions of the composing statement
 * (its parameters and CTE columns).
 */
export const replyCompletionCtes = {
  /** `conv(last_seq, status)`: the conversation row, locked as every post locks it; ended once it closed. */
  lock: (conversationId: string) => `conv AS (
       SELECT last_seq, ${LIVE_STATUS} AS status FROM conversations WHERE id = ${conversationId} FOR UPDATE
     )`,
  /**
   * `seq(last_seq)` and `msg(id, seq, created_at)`: the reply appended as the next message of the (locked,
   * active) conversation when `when` holds, with `from` the CTE that carries the reply's `persona_id`.
   */
  append: (p: {
    conversationId: string;
    from: string;
    when: string;
    content: string;
    jobId: string;
    metadata: string;
  }) => `seq AS (
       UPDATE conversations c
          SET last_seq = c.last_seq + 1, message_count = c.message_count + 1, last_message_at = now(),
              last_activity_at = now()
         FROM ${p.from}
        WHERE c.id = ${p.conversationId} AND (SELECT status FROM conv) = 'active' AND ${p.when}
        RETURNING c.last_seq
     ),
     msg AS (
       INSERT INTO messages (conversation_id, seq, persona_id, content, kind, ai_job_id, metadata)
       SELECT ${p.conversationId}, seq.last_seq, ${p.from}.persona_id, ${p.content}, 'text', ${p.jobId}, ${p.metadata}
         FROM seq, ${p.from}
       RETURNING id, seq, created_at
     )`,
};

// ---- a conversation with its history at once (the demo cast) ----

export interface PastConversation {
  title: string;
  topic: string;
  mode: 'chat' | 'game';
  createdBy: string;
  createdAt: Date;
  participants: Array<{ personaId: string; userId: string | null }>;
  /** In order; each visible from `at`. */
  messages: Array<{ personaId: string; content: string; at: Date }>;
}

/**
 * Inserts a conversation that already happened — participants, messages with their own times, counters —
 * unless its creator already has one with this title (the natural key that makes seeding idempotent).
 * Returns the number of messages inserted, or undefined when it existed.
 */
export async function insertPastConversationOnce(
  tx: Transaction,
  c: PastConversation,
): Promise<number | undefined> {
  const last = c.messages.at(-1)?.at ?? null;
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO conversations (title, topic, mode, created_by, last_seq, message_count, last_message_at,
                                last_activity_at, created_at)
     SELECT $1::text, $2::text, $3::text, $4::uuid, $5::int, $5::int, $6::timestamptz,
            coalesce($6::timestamptz, $7::timestamptz), $7::timestamptz
      WHERE NOT EXISTS (SELECT 1 FROM conversations WHERE created_by = $4::uuid AND title = $1::text)
     RETURNING id`,
    [c.title, c.topic, c.mode, c.createdBy, c.messages.length, last, c.createdAt],
  );
  const id = rows[0]?.id;
  if (!id) return undefined;
  await tx.query(
    `INSERT INTO conversation_participants (conversation_id, persona_id, user_id, joined_at)
     SELECT $1, persona_id, user_id, $4 FROM unnest($2::uuid[], $3::uuid[]) AS t (persona_id, user_id)`,
    [id, c.participants.map((p) => p.personaId), c.participants.map((p) => p.userId), c.createdAt],
  );
  await tx.query(
    `INSERT INTO messages (conversation_id, seq, persona_id, content, created_at, visible_at)
     SELECT $1, x.seq, x.persona_id, x.content, x.at, x.at
       FROM unnest($2::int[], $3::uuid[], $4::text[], $5::timestamptz[]) AS x (seq, persona_id, content, at)`,
    [
      id,
      c.messages.map((_, i) => i + 1),
      c.messages.map((m) => m.personaId),
      c.messages.map((m) => m.content),
      c.messages.map((m) => m.at),
    ],
  );
  return c.messages.length;
}

/**
 * Takes the persona out of the active conversations its owner takes no part in, so a stranger cannot block
 * its deletion by keeping it in a conversation only they can end. Conversations the owner is in stay: the
 * owner can end those; a persona without an owner (a house persona) leaves them all. Returns how many it
 * left. Called by the personas use case when deleting.
 */
export async function leaveConversationsOfOthers(
  tx: Transaction,
  personaId: string,
  ownerId: string | null,
): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE conversation_participants cp SET left_at = now()
     FROM conversations c
     WHERE c.id = cp.conversation_id AND c.status = 'active' AND cp.persona_id = $1 AND cp.left_at IS NULL
       AND NOT EXISTS (
         SELECT 1 FROM conversation_participants own
         WHERE own.conversation_id = cp.conversation_id AND own.user_id = $2 AND own.left_at IS NULL
       )`,
    [personaId, ownerId],
  );
  return rowCount ?? 0;
}

/**
 * A game round's conversation: every seat joins at the round's start (participants are listed by name, so
 * their order says nothing about kinds), and it closes for AI replies at the round's end. Returns its id.
 */
export async function insertGameConversation(
  tx: Transaction,
  g: {
    topic: string;
    createdBy: string;
    maxAiTurnsInRow: number;
    startsAt: Date;
    endsAt: Date;
    seats: { personaId: string; userId: string | null }[];
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO conversations (title, topic, mode, created_by, settings, created_at, last_activity_at, closes_at)
     VALUES ('Round', $1, 'game', $2, $3, $4, $4, $5) RETURNING id`,
    [g.topic, g.createdBy, { maxAiTurnsInRow: g.maxAiTurnsInRow }, g.startsAt, g.endsAt],
  );
  const id = rows[0]!.id;
  await tx.query(
    `INSERT INTO conversation_participants (conversation_id, persona_id, user_id, joined_at)
     SELECT $1, s.persona_id, s.user_id, $4 FROM unnest($2::uuid[], $3::uuid[]) AS s(persona_id, user_id)`,
    [id, g.seats.map((s) => s.personaId), g.seats.map((s) => s.userId), g.startsAt],
  );
  return id;
}

/** Ends a conversation as of `at` (a round's end time): no more messages, nobody typing. */
export async function endConversationAt(tx: Transaction, id: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE conversations SET status = 'ended', ended_at = $2, last_activity_at = greatest(last_activity_at, $2)
      WHERE id = $1 AND status = 'active'`,
    [id, at],
  );
  await tx.query('DELETE FROM typing WHERE conversation_id = $1', [id]);
}
