/**
 * Rows → JSON, key by key. Game integrity: a message's metadata (model, tokens, cost) reaches only the
 * persona's owner and admins, exactly as in the conversations function.
 */
import type { PublishedMessage } from '@amianai/shared/ai';
import type { Static } from '@sinclair/typebox';
import type { MessageView } from './schemas';

export interface Viewer {
  userId: string;
  isAdmin: boolean;
}

export function toMessageView(m: PublishedMessage, viewer: Viewer): Static<typeof MessageView> {
  const view: Static<typeof MessageView> = {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    personaId: m.personaId,
    personaName: m.personaName,
    avatarUrl: m.avatarUrl,
    content: m.content,
    kind: m.kind,
    createdAt: m.createdAt,
  };
  if (viewer.isAdmin || (m.ownerId !== null && m.ownerId === viewer.userId)) view.metadata = m.metadata;
  return view;
}
