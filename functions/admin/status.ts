/** Database status for operators: connectivity, latency, migration version and row counts. */
import { PERSONAS_COUNT_SQL } from '@amianai/core/personas';
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

const VERSION_SQL = "SELECT current_setting('server_version') AS server_version";

/**
 * One statement with every count as a subquery; each count is written by the store that owns its table.
 * The conversations and replies aggregates are loaded on the first status request, not at every cold start
 * (the admin function needs nothing else from them).
 */
let statusSql: Promise<string> | undefined;
function statusStatement(): Promise<string> {
  statusSql ??= Promise.all([import('@amianai/core/conversations'), import('@amianai/core/replies')]).then(
    ([conversations, replies]) => {
      const counts: Record<string, string> = {
        users: USERS_COUNT_SQL,
        personas: PERSONAS_COUNT_SQL,
        conversations: conversations.CONVERSATIONS_COUNT_SQL,
        messages: conversations.MESSAGES_COUNT_SQL,
        aiJobs: replies.REPLY_JOBS_COUNT_SQL,
      };
      const columns = Object.entries(counts).map(([name, sql]) => `(${sql}) AS "${name}"`);
      return `${VERSION_SQL}, ${columns.join(', ')}`;
    },
  );
  return statusSql;
}

export async function databaseStatus(): Promise<DatabaseStatus> {
  const started = performance.now();
  await query('SELECT 1');
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  const version = await currentVersion();
  const latest = listMigrations().at(-1)?.version ?? 0;
  // Before the first migration there are no tables to count.
  const { rows } = await query<Record<string, string>>(version > 0 ? await statusStatement() : VERSION_SQL);
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
