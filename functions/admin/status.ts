/** Database status for operators: connectivity, latency, migration version and row counts. */
import { currentVersion, listMigrations, query } from '@amianai/shared/db';

export interface DatabaseStatus {
  connected: true;
  latencyMs: number;
  serverVersion: string;
  migrationVersion: number;
  latestMigration: number;
  pendingMigrations: number;
  counts: Record<string, number>;
}

// Counts over the tables that exist, in one round trip.
export const STATUS_SQL = `SELECT current_setting('server_version') AS server_version,
  (SELECT count(*) FROM users) AS users,
  (SELECT count(*) FROM personas WHERE deleted_at IS NULL) AS personas,
  (SELECT count(*) FROM conversations) AS conversations,
  (SELECT count(*) FROM messages) AS messages,
  (SELECT count(*) FROM ai_jobs) AS ai_jobs`;

export async function databaseStatus(): Promise<DatabaseStatus> {
  const started = performance.now();
  await query('SELECT 1');
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  const version = await currentVersion();
  const latest = listMigrations().at(-1)?.version ?? 0;
  let serverVersion = '';
  let counts: Record<string, number> = {};
  if (version > 0) {
    const { rows } = await query<Record<string, string | number>>(STATUS_SQL);
    const { server_version, ...rest } = rows[0] ?? {};
    serverVersion = String(server_version);
    counts = Object.fromEntries(
      Object.entries(rest).map(([k, v]) => [
        k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
        Number(v),
      ]),
    );
  } else {
    const { rows } = await query<{ v: string }>("SELECT current_setting('server_version') AS v");
    serverVersion = rows[0]?.v ?? '';
  }
  return {
    connected: true,
    latencyMs,
    serverVersion,
    migrationVersion: version,
    latestMigration: latest,
    pendingMigrations: listMigrations().filter((m) => m.version > version).length,
    counts,
  };
}
