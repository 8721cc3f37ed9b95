/** Database status for operators: connectivity, latency, migration version and row counts. */
import { CONVERSATIONS_COUNT_SQL, MESSAGES_COUNT_SQL } from '@amianai/core/conversations';
import { PERSONAS_COUNT_SQL } from '@amianai/core/personas';
import { REPLY_JOBS_COUNT_SQL } from '@amianai/core/replies';
import { USERS_COUNT_SQL } from '@amianai/shared/auth';
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

// Each count is written by the store that owns its table; here they run as one statement.
const COUNTS: Record<string, string> = {
  users: USERS_COUNT_SQL,
  personas: PERSONAS_COUNT_SQL,
  conversations: CONVERSATIONS_COUNT_SQL,
  messages: MESSAGES_COUNT_SQL,
  aiJobs: REPLY_JOBS_COUNT_SQL,
};
const VERSION_SQL = "SELECT current_setting('server_version') AS server_version";
const STATUS_SQL = `${VERSION_SQL}, ${Object.entries(COUNTS)
  .map(([name, sql]) => `(${sql}) AS "${name}"`)
  .join(', ')}`;

export async function databaseStatus(): Promise<DatabaseStatus> {
  const started = performance.now();
  await query('SELECT 1');
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  const version = await currentVersion();
  const latest = listMigrations().at(-1)?.version ?? 0;
  // Before the first migration there are no tables to count.
  const { rows } = await query<Record<string, string>>(version > 0 ? STATUS_SQL : VERSION_SQL);
  const { server_version: serverVersion = '', ...counts } = rows[0] ?? {};
  return {
    connected: true,
    latencyMs,
    serverVersion,
    migrationVersion: version,
    latestMigration: latest,
    pendingMigrations: listMigrations().filter((m) => m.version > version).length,
    counts: Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, Number(n)])),
  };
}
