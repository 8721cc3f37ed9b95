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

export const DatabaseStatusView = Type.Object(
  {
    connected: Type.Literal(true),
    latencyMs: Type.Number({ minimum: 0 }),
    serverVersion: Type.String(),
    migrationVersion: Type.Integer({ minimum: 0 }),
    latestMigration: Type.Integer({ minimum: 0 }),
    pendingMigrations: Type.Integer({ minimum: 0 }),
    counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Rows per table' }),
  },
  { $id: 'DatabaseStatus', additionalProperties: false },
);

export const MigrationResultView = Type.Object(
  {
    applied: Type.Array(Type.Integer(), { description: 'Versions applied by this call' }),
    version: Type.Integer({ minimum: 0 }),
  },
  { $id: 'MigrationResult', additionalProperties: false },
);

export const SeedResultView = Type.Object(
  {
    inserted: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
      description: 'Rows inserted by this call, per kind (0 when already seeded)',
    }),
  },
  { $id: 'SeedResult', additionalProperties: false },
);
