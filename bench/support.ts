/** A migrated database for a benchmark: a fresh one on the server in DATABASE_URL, or embedded PGlite. */
import { resetConfig } from '@amianai/shared/config';
import { closePool, migrate } from '@amianai/shared/db';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';

// Read once: benchDatabase() points DATABASE_URL at the database it creates.
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

export async function benchDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase(SERVER);
  process.env.DATABASE_URL = db.url;
  resetConfig();
  await closePool();
  await migrate();
  return {
    ...db,
    async stop() {
      await closePool();
      await db.stop();
    },
  };
}
