/**
 * The public shape of a message, shared by every function that returns one (conversations, generate-response),
 * and the game-integrity rule for it: metadata (model, tokens, cost) and the client message id reach only the
 * author persona's owner and admins — to anyone else a client id would mark the author as human.
 */

import type { Viewer } from '@amianai/shared/auth';
import { Uuid } from '@amianai/shared/http';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { avatarOf } from '../personas/avatar';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const MessageView = Type.Object(
  {
    id: Uuid(),
    conversationId: Uuid(),
    seq: Type.Integer({ minimum: 1 }),
    personaId: Nullable(Uuid()),
    personaName: Nullable(Type.String()),
    avatarUrl: Nullable(Type.String()),
    content: Type.String(),
    kind: Type.Union([Type.Literal('text'), Type.Literal('system')]),
    clientMessageId: Type.Optional(Type.String({ description: 'Only to the user who posted it' })),
    createdAt: Type.String({ format: 'date-time', description: 'When it became visible' }),
    metadata: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "Only to the author persona's owner and admins",
      }),
    ),
  },
  { $id: 'Message', additionalProperties: false },
);
export type Message = Static<typeof MessageView>;

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
