/**
 * Conversations and messages through the conversations API, as a client makes them (`conversation`, `post`,
 * `listMessages`, `callConversations`); AI messages stored as the engine stores them; the stored messages.
 * Conversations and posts stored directly for the reply engine's tests are in ./replies.
 */
import { query } from '@amianai/shared/db';
import { type CallInput, callerFor, type Invoked } from './api';
import type { Player, Who } from './players';

/** The conversations function's resources by short name. */
export const CONVERSATION_RESOURCES = {
  list: '/api/conversations',
  one: '/api/conversations/{id}',
  end: '/api/conversations/{id}/end',
  messages: '/api/conversations/{id}/messages',
  typing: '/api/conversations/{id}/typing',
} as const;
export type ConversationResource = keyof typeof CONVERSATION_RESOURCES;

/** Calls the conversations handler as `who`; `resource` is a short name or a path. */
export const callConversations = callerFor(
  {
    load: async () => (await import('../../functions/conversations/handler')).handler,
  },
  CONVERSATION_RESOURCES,
);

/** Creates a chat through the API with the owner's persona and `others`; returns its id. */
export async function conversation(
  owner: Player,
  others: string[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await callConversations(owner, 'POST', 'list', {
    body: { title: 'Test chat', participantPersonaIds: [owner.personaId, ...others], ...extra },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Posts through the API as `who`'s own persona. */
export function post(
  who: Player,
  id: string,
  content: string,
  extra: Record<string, unknown> = {},
): Promise<Invoked> {
  return callConversations(who, 'POST', 'messages', {
    id,
    body: { personaId: who.personaId, content, ...extra },
  });
}

export function listMessages(
  who: Who,
  id: string,
  q: Record<string, string> = {},
  headers?: CallInput['headers'],
): Promise<Invoked> {
  return callConversations(who, 'GET', 'messages', { id, query: q, headers });
}

/** Stores a message as the reply engine would (next seq, metadata, optionally visible only later). */
export async function seedAiMessage(
  conversationId: string,
  personaId: string,
  content: string,
  metadata: Record<string, unknown> = {},
  visibleInSeconds = 0,
): Promise<number> {
  const { rows } = await query<{ seq: number }>(
    `WITH s AS (
       UPDATE conversations SET last_seq = last_seq + 1, message_count = message_count + 1 WHERE id = $1 RETURNING last_seq
     )
     INSERT INTO messages (conversation_id, seq, persona_id, content, metadata, visible_at)
     SELECT $1, last_seq, $2, $3, $4, now() + make_interval(secs => $5) FROM s RETURNING seq`,
    [conversationId, personaId, content, metadata, visibleInSeconds],
  );
  return rows[0]!.seq;
}

export interface MessageRow {
  seq: number;
  persona_id: string | null;
  content: string;
  kind: 'text' | 'system';
  ai_job_id: string | null;
  metadata: Record<string, unknown>;
}

/** Every stored message of a conversation, visible or not, in seq order. */
export async function messagesOf(conversationId: string): Promise<MessageRow[]> {
  const { rows } = await query<MessageRow>(
    'SELECT seq, persona_id, content, kind, ai_job_id, metadata FROM messages WHERE conversation_id = $1 ORDER BY seq',
    [conversationId],
  );
  return rows;
}

/** The fields of a message as anyone but its persona's owner (and admins) sees it, sorted. */
export const PUBLIC_MESSAGE_KEYS = [
  'avatarUrl',
  'content',
  'conversationId',
  'createdAt',
  'id',
  'kind',
  'personaId',
  'personaName',
  'seq',
].sort();
