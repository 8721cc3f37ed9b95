/** Database status for operators: connectivity, latency, migration version and row counts. */
import { countConversations, countMessages } from '@amianai/core/conversations';
import { countPersonas } from '@amianai/core/personas';
import { countReplyJobs } from '@amianai/core/replies';
import { countUsers } from '@amianai/shared/auth';
import { currentVersion, db, listMigrations, query } from '@amianai/shared/db';

export interface DatabaseStatus {
  connected: true;
  latencyMs: number;
  serverVersion: string;
  migrationVersion: number;
  latestMigration: number;
  pendingMigrations: number;
  counts: Record<string, number>;
}

/** Row counts, each from the store that owns the table, run side by side on the pool. */
async function rowCounts(): Promise<Record<string, number>> {
  const [users, personas, conversations, messages, aiJobs] = await Promise.all([
    countUsers(db),
    countPersonas(db),
    countConversations(db),
    countMessages(db),
    countReplyJobs(db),
  ]);
  return { users, personas, conversations, messages, aiJobs };
}

export async function databaseStatus(): Promise<DatabaseStatus> {
  const started = performance.now();
  await query('SELECT 1');
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  const version = await currentVersion();
  const latest = listMigrations().at(-1)?.version ?? 0;
  // Before the first migration there are no tables to count.
  const [server, counts] = await Promise.all([
    query<{ v: string }>("SELECT current_setting('server_version') AS v"),
    version > 0 ? rowCounts() : {},
  ]);
  return {
    connected: true,
    latencyMs,
    serverVersion: server.rows[0]?.v ?? '',
    migrationVersion: version,
    latestMigration: latest,
    pendingMigrations: listMigrations().filter((m) => m.version > version).length,
    counts,
  };
}
