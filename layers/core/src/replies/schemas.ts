/** Requests about replies: validation, types and their part of the OpenAPI document. */

import { Uuid } from '@amianai/shared/http';
import { Type } from '@sinclair/typebox';

export const GenerateResponseBody = Type.Object(
  {
    conversationId: Uuid({ description: 'A conversation the caller takes part in' }),
    personaId: Uuid({ description: 'The AI participant that should reply now' }),
  },
  { additionalProperties: false },
);

export { MessageView } from '../conversations/message-view';
