/**
 * One database per test file: embedded PGlite by default, or a fresh database on the server given by
 * DATABASE_URL (kept as TEST_SERVER_URL). Migrated before the first test, dropped after the last.
 */
import { resetConfig } from '@amianai/shared/config';
import { closePool, migrate } from '@amianai/shared/db';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../local/embedded-postgres';

export interface TestDatabase {
  url: string;
  kind: 'embedded' | 'server';
  stop(): Promise<void>;
}

/** A fresh database on `server` (a PostgreSQL URL), or an embedded one when no server is given. */
export async function createTestDatabase(server = process.env.TEST_SERVER_URL): Promise<TestDatabase> {
  if (!server) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: 'embedded', stop: embedded.stop };
  }
  const name = `amianai_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'server',
    async stop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Jest hooks: a migrated database for this file, exposed through DATABASE_URL to the code under test. */
export function useTestDatabase(options: { migrate?: boolean } = {}): {
  readonly url: string;
  readonly kind: string;
} {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    resetConfig();
    await closePool();
    if (options.migrate !== false) await migrate();
  }, 60_000);
  afterAll(async () => {
    await closePool();
    await db?.stop();
  }, 60_000);
  return {
    get url() {
      if (!db) throw new Error('test database not started yet');
      return db.url;
    },
    get kind() {
      return db?.kind ?? 'unknown';
    },
  };
}
