/** The message as the API returns it (a schema for the OpenAPI document and response checks). */
import { Uuid } from '@amianai/shared/http';
import { type Static, type TSchema, Type } from '@sinclair/typebox';

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
