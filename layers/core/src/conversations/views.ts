/**
 * Rows → JSON. Game integrity lives here: a participant or message never carries the persona's kind,
 * and message metadata (model, tokens, cost) only reaches the author persona's owner and admins.
 * Objects are built key by key, never by spreading a row, so a new column cannot leak.
 */

import type { Static } from '@sinclair/typebox';
import { avatarOf } from '../personas/avatar';
import { type Message, type Viewer, toMessageView as view } from './message-view';
import type { ConversationView, ParticipantView } from './schemas';

export type { Viewer };

export interface ParticipantRow {
  personaId: string;
  name: string;
  avatarUrl: string | null;
  /** Who controls this persona here (human personas); null for AI and house personas. */
  userId: string | null;
  ownerId: string | null;
}

export interface ConversationRow {
  id: string;
  title: string;
  topic: string;
  mode: 'chat' | 'game';
  status: 'active' | 'ended';
  settings: { maxAiTurnsInRow?: number };
  message_count: number;
  last_message_at: Date | null;
  last_activity_at: Date;
  /** last_activity_at in microseconds since the epoch: the exact keyset position. */
  activity_us: number;
  created_at: Date;
  ended_at: Date | null;
  participants: ParticipantRow[] | null;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  persona_id: string | null;
  persona_name: string | null;
  avatar_url: string | null;
  owner_id: string | null;
  content: string;
  kind: 'text' | 'system';
  client_message_id: string | null;
  visible_at: Date | string;
  metadata: Record<string, unknown> | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** True when the viewer may act as this participant or manage it (their human persona or their own AI). */
export const isMine = (p: ParticipantRow, viewer: Viewer): boolean =>
  p.userId === viewer.userId || (p.ownerId !== null && p.ownerId === viewer.userId);

/** A conversation is visible to the users who control its participants, and to admins. */
export const canSeeConversation = (participants: ParticipantRow[], viewer: Viewer): boolean =>
  viewer.isAdmin || participants.some((p) => p.userId === viewer.userId);

export function toParticipantView(p: ParticipantRow, viewer: Viewer): Static<typeof ParticipantView> {
  return {
    personaId: p.personaId,
    name: p.name,
    avatarUrl: avatarOf(p.personaId, p.avatarUrl),
    isMine: isMine(p, viewer),
  };
}

export function toConversationView(row: ConversationRow, viewer: Viewer): Static<typeof ConversationView> {
  return {
    id: row.id,
    title: row.title,
    topic: row.topic,
    mode: row.mode,
    status: row.status,
    settings: { maxAiTurnsInRow: row.settings.maxAiTurnsInRow ?? 3 },
    participants: (row.participants ?? []).map((p) => toParticipantView(p, viewer)),
    messageCount: row.message_count,
    lastMessageAt: iso(row.last_message_at),
    lastActivityAt: iso(row.last_activity_at)!,
    createdAt: iso(row.created_at)!,
    endedAt: iso(row.ended_at),
    round: null, // filled in for game conversations by withRounds
  };
}

export function toMessageView(row: MessageRow, viewer: Viewer): Message {
  return view(
    {
      id: row.id,
      conversationId: row.conversation_id,
      seq: row.seq,
      personaId: row.persona_id,
      personaName: row.persona_name,
      avatarUrl: row.avatar_url,
      ownerId: row.owner_id,
      content: row.content,
      kind: row.kind,
      clientMessageId: row.client_message_id,
      visibleAt: iso(row.visible_at)!,
      metadata: row.metadata,
    },
    viewer,
  );
}
