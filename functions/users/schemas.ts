/** Response shape of `GET /api/me`. */
import { PersonaOwnerViewSchema } from '@amianai/core/personas';
import { Type } from '@sinclair/typebox';

export const MeResponse = Type.Object(
  {
    user: Type.Object(
      {
        id: Type.String({ format: 'uuid' }),
        displayName: Type.String(),
        email: Type.Union([Type.String(), Type.Null()]),
        role: Type.Union([Type.Literal('user'), Type.Literal('admin')]),
      },
      { additionalProperties: false },
    ),
    personas: Type.Array(PersonaOwnerViewSchema, { description: "The caller's live personas, oldest first" }),
  },
  { additionalProperties: false },
);
