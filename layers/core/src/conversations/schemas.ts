/**
 * TypeBox schemas of the conversations API: the single source for validation, types and the OpenAPI document.
 * Every object rejects unknown fields.
 */

import { Cursor, Limit, Uuid } from '@amianai/shared/http';
import { type Static, Type } from '@sinclair/typebox';
import { RoundView } from '../games/schemas';
import { LIMITS } from './limits';
import { MessageView } from './message-schema';

export { LIMITS } from './limits';

const Mode = Type.Union([Type.Literal('chat'), Type.Literal('game')]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('ended')]);
// PostgreSQL `integer`: anything larger could only fail in SQL.
const MAX_INT = 2_147_483_647;

export const Settings = Type.Object(
  {
    maxAiTurnsInRow: Type.Optional(
      Type.Integer({
        minimum: LIMITS.maxAiTurnsInRow.min,
        maximum: LIMITS.maxAiTurnsInRow.max,
        description: 'AI messages in a row before the AIs wait for a human (default 3)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreateConversationBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.title, description: 'Trimmed; must not be blank' }),
    topic: Type.Optional(Type.String({ maxLength: LIMITS.topic })),
    mode: Type.Optional(
      Type.Literal('chat', { description: 'Rounds come from the game queue only (POST /api/games/queue)' }),
    ),
    participantPersonaIds: Type.Array(Uuid(), {
      minItems: LIMITS.participants.min,
      maxItems: LIMITS.participants.max,
      uniqueItems: true,
      description:
        'At least one of your own human personas; AI personas public or yours; other humans only if public',
    }),
    settings: Type.Optional(Settings),
  },
  { additionalProperties: false },
);
export type CreateConversationBody = Static<typeof CreateConversationBody>;

export const ListConversationsQuery = Type.Object(
  {
    status: Type.Optional(Status),
    mode: Type.Optional(Mode),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type ListConversationsQuery = Static<typeof ListConversationsQuery>;

/** Keyset position in "newest activity first": microseconds since the epoch (exact) and the id. */
export const ConversationCursor = Type.Object(
  { a: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), id: Uuid() },
  { additionalProperties: false },
);

export const RenameConversationBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.title, description: 'Trimmed; must not be blank' }),
  },
  { additionalProperties: false },
);
export type RenameConversationBody = Static<typeof RenameConversationBody>;

/** Ending takes no input; a body, if sent, must be an empty object (unknown fields are rejected). */
export const EndConversationBody = Type.Object({}, { additionalProperties: false });

export const PostMessageBody = Type.Object(
  {
    personaId: Uuid({ description: 'One of your human personas in this conversation' }),
    content: Type.String({
      minLength: 1,
      maxLength: LIMITS.content,
      description: 'Trimmed; must not be blank',
    }),
    clientMessageId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: LIMITS.clientMessageId,
        description: 'Makes retries idempotent: the same id returns the same message (200)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PostMessageBody = Static<typeof PostMessageBody>;

export const ListMessagesQuery = Type.Object(
  {
    after: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_INT,
        description: 'Poll: messages with a higher seq, oldest first',
      }),
    ),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: LIMITS.messagesPage.max, default: LIMITS.messagesPage.default }),
    ),
  },
  { additionalProperties: false },
);
export type ListMessagesQuery = Static<typeof ListMessagesQuery>;

/** Backwards paging: the page holds messages with seq below `before`. */
export const MessageCursor = Type.Object(
  { before: Type.Integer({ minimum: 1, maximum: MAX_INT }) },
  { additionalProperties: false },
);

export const TypingBody = Type.Object(
  { personaId: Uuid({ description: 'One of your human personas in this conversation' }) },
  { additionalProperties: false },
);
export type TypingBody = Static<typeof TypingBody>;

// Responses (documentation; the views in views.ts build exactly these shapes).

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ParticipantView = Type.Object(
  {
    personaId: Uuid(),
    name: Type.String(),
    avatarUrl: Type.String({ description: "The persona's image, or its default avatar as a data: URI" }),
    isMine: Type.Boolean({ description: 'You control this persona (your human persona, or your own AI)' }),
  },
  { additionalProperties: false, description: 'The same keys for every participant: nothing reveals an AI.' },
);

export const ConversationView = Type.Object(
  {
    id: Uuid(),
    title: Type.String(),
    topic: Type.String(),
    mode: Mode,
    status: Status,
    settings: Type.Object({ maxAiTurnsInRow: Type.Integer() }, { additionalProperties: false }),
    participants: Type.Array(ParticipantView),
    messageCount: Type.Integer(),
    lastMessageAt: Nullable(DateTime),
    lastActivityAt: DateTime,
    createdAt: DateTime,
    endedAt: Nullable(DateTime),
    round: Type.Union([RoundView, Type.Null()]),
  },
  { $id: 'Conversation', additionalProperties: false },
);

export const ConversationPage = Type.Object(
  { items: Type.Array(ConversationView), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);

export { MessageView };

export const TypingView = Type.Object(
  { personaId: Uuid(), name: Type.String() },
  { additionalProperties: false },
);

export const ReplyRequestView = Type.Object(
  {
    personaId: Uuid({ description: 'Your persona someone asked to reply' }),
    requestedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const MessagePage = Type.Object(
  {
    items: Type.Array(MessageView, { description: 'Oldest first within the page' }),
    nextCursor: Nullable(
      Type.String({ description: 'Older messages; null at the start (always null with after)' }),
    ),
    typing: Type.Array(TypingView),
    requests: Type.Array(ReplyRequestView, {
      description:
        'Requests to reply addressed to a persona the caller plays (POST /api/ai/generate-response); always empty for others',
    }),
  },
  { additionalProperties: false },
);
