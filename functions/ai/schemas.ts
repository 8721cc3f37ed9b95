/** Request and response schemas of the ai function: validation, types and the OpenAPI document. */

import { Uuid } from '@amianai/shared/http';
import { type TSchema, Type } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const GenerateResponseBody = Type.Object(
  {
    conversationId: Uuid({ description: 'A conversation the caller takes part in' }),
    personaId: Uuid({ description: 'The AI participant that should reply now' }),
  },
  { additionalProperties: false },
);

export { MessageView } from '@amianai/shared/messages';

const totals = {
  calls: Type.Integer({ minimum: 0, description: 'Model calls, failed ones included' }),
  inputTokens: Type.Integer({ minimum: 0 }),
  outputTokens: Type.Integer({ minimum: 0 }),
  costUsd: Type.Number({ minimum: 0 }),
};

export const UsageTotals = Type.Object(totals, { additionalProperties: false });

export const UsageView = Type.Object(
  {
    today: Type.Object(
      {
        ...totals,
        budgetUsd: Type.Number({ minimum: 0, description: 'Daily budget per user' }),
        remainingUsd: Type.Number({ minimum: 0 }),
        resetsAt: Type.String({ format: 'date-time', description: 'Next midnight UTC' }),
      },
      { additionalProperties: false },
    ),
    allTime: UsageTotals,
    byModel: Type.Array(Type.Object({ model: Type.String(), ...totals }, { additionalProperties: false })),
    byPersona: Type.Array(
      Type.Object(
        {
          personaId: Nullable(Uuid({ description: 'null: personas the caller does not own, together' })),
          name: Nullable(Type.String()),
          ...totals,
        },
        { additionalProperties: false },
      ),
      { description: "Only the caller's own personas by name (others would reveal which personas are AI)" },
    ),
  },
  { $id: 'Usage', additionalProperties: false },
);
