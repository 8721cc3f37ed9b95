/** Requests about replies: validation, types and their part of the OpenAPI document. */

import { Uuid } from '@amianai/shared/http';
import { Type } from '@sinclair/typebox';

export const GenerateResponseBody = Type.Object(
  {
    conversationId: Uuid({ description: 'A conversation the caller takes part in' }),
    personaId: Uuid({ description: 'A participant you do not play, asked to reply' }),
  },
  { additionalProperties: false },
);

export const GenerateResponseAccepted = Type.Object(
  {
    requestedAt: Type.String({ format: 'date-time', description: 'When the request was taken' }),
  },
  {
    $id: 'ReplyRequested',
    additionalProperties: false,
    description:
      'The same answer for every participant: an AI gets a reply job (its reply arrives in the feed), a person sees the request',
  },
);
