/** The usage report's shape: validation, types and its part of the OpenAPI document. */
import { Uuid } from '@amianai/shared/http';
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

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
    failedReplies: Type.Array(
      Type.Object(
        {
          personaId: Uuid(),
          name: Type.String(),
          conversationId: Uuid(),
          reason: Type.String(),
          failedAt: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
      {
        description:
          "Replies of the caller's own AI personas that failed for good in the last 7 days (other players see nothing)",
      },
    ),
  },
  { $id: 'Usage', additionalProperties: false },
);

export type UsageView = Static<typeof UsageView>;
