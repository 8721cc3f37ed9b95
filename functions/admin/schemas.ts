import { Type } from '@sinclair/typebox';

export const SeedBody = Type.Object(
  {
    confirmProduction: Type.Optional(
      Type.Boolean({ description: 'Required (true) to seed when STAGE is prod' }),
    ),
  },
  { additionalProperties: false },
);

export const DirectAction = Type.Object(
  {
    action: Type.Union([
      Type.Literal('migrate'),
      Type.Literal('seed'),
      Type.Literal('seed-if-empty'),
      Type.Literal('status'),
    ]),
  },
  { additionalProperties: false },
);
