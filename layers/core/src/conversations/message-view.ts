/**
 * The public shape of a message, shared by every function that returns one (conversations, generate-response),
 * and the game-integrity rule for it: metadata (model, tokens, cost) and the client message id reach only the
 * author persona's owner and admins — to anyone else a client id would mark the author as human. The schema
 * is in message-schema.ts, so the reply engine renders messages without loading TypeBox.
 */

import type { Viewer } from '@amianai/shared/auth';
import { avatarOf } from '../personas/avatar';
import type { Message } from './message-schema';

export type { Message } from './message-schema';

export type { Viewer };

/** What a message view is built from, whichever query produced it. */
export interface MessageFacts {
  id: string;
  conversationId: string;
  seq: number;
  personaId: string | null;
  personaName: string | null;
  avatarUrl: string | null;
  /** The author persona's owner (null for house personas and system notices). */
  ownerId: string | null;
  content: string;
  kind: 'text' | 'system';
  clientMessageId: string | null;
  /** When it became visible: a human message at once, an AI reply when its typing delay ended. */
  visibleAt: string;
  metadata: Record<string, unknown> | null;
}

export function toMessageView(m: MessageFacts, viewer: Viewer): Message {
  const view: Message = {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    personaId: m.personaId,
    personaName: m.personaName,
    // System notices have no author, hence no avatar; every persona has one.
    avatarUrl: m.personaId === null ? null : avatarOf(m.personaId, m.avatarUrl),
    content: m.content,
    kind: m.kind,
    createdAt: m.visibleAt,
  };
  if (viewer.isAdmin || (m.ownerId !== null && m.ownerId === viewer.userId)) {
    if (m.clientMessageId !== null) view.clientMessageId = m.clientMessageId;
    view.metadata = m.metadata ?? {};
  }
  return view;
}
