/**
 * Versioned SQL migrations (`NNN_name.sql` beside this module), applied in order under an advisory lock so
 * concurrent deploys or cold starts never apply one twice. Each file runs in its own transaction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { logger } from '../observability/logger';
import { connect, query } from './pool';

const LOCK_KEY = 7_361_254_001; // arbitrary, constant: "amianai migrations"
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .map((file) => ({
      version: Number.parseInt(file, 10),
      name: file.replace(/^\d+_/, '').replace(/\.sql$/, ''),
      sql: readFileSync(path.join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

export interface MigrationResult {
  applied: number[];
  version: number;
}

export async function migrate(migrations = listMigrations()): Promise<MigrationResult> {
  const client = await connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied: number[] = [];
    for (const m of migrations) {
      await client.query('BEGIN');
      try {
        // Claim the version first, inside the transaction: a concurrent runner that got here first makes this
        // insert wait and then find the row. This also holds where advisory locks cannot exclude anyone
        // (the embedded database is one shared session).
        const claim = await client.query(
          'INSERT INTO schema_migrations (version, name) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING',
          [m.version, m.name],
        );
        if (claim.rowCount === 0) {
          await client.query('COMMIT');
          continue;
        }
        await client.query(m.sql);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      applied.push(m.version);
      logger.info('migration applied', { version: m.version, name: m.name });
    }
    const { rows } = await client.query<{ v: number }>(
      'SELECT coalesce(max(version), 0) AS v FROM schema_migrations',
    );
    return { applied, version: rows[0]?.v ?? 0 };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/** The highest applied migration, or 0 on an empty database. */
export async function currentVersion(): Promise<number> {
  const exists = await query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}
