/**
 * Against a real PostgreSQL server only (CI's second run): the database drops every connection mid-run,
 * as on a failover or restart. Reads retry transparently; the next request after a failure succeeds.
 */

import { useTestDatabase } from '../../../../tests/support/fixtures';
import { getPool, query } from './pool';

const onServer = Boolean(process.env.TEST_SERVER_URL);
const database = useTestDatabase();

(onServer ? describe : describe.skip)('connections terminated by the server', () => {
  async function terminateAll() {
    const { Client } = await import('pg');
    const killer = new Client({ connectionString: database.url });
    await killer.connect();
    await killer.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await killer.end();
  }

  it('retries a read on a fresh connection after its connection was killed', async () => {
    await query('SELECT 1');
    expect((await getPool()).totalCount).toBeGreaterThan(0);
    await terminateAll();
    const { rows } = await query<{ n: number }>('SELECT count(*) AS n FROM personas');
    expect(rows[0]!.n).toBeGreaterThanOrEqual(0);
  });

  it('serves the next write after the connections were killed', async () => {
    await query('SELECT 1');
    await terminateAll();
    // A non-idempotent write is not retried blindly: it may fail once, but never half-applies, and the next succeeds.
    const first = await query(
      "INSERT INTO users (cognito_sub, display_name) VALUES ('fault-1', 'F') RETURNING id",
    ).catch((err: Error) => err);
    const second = await query(
      "INSERT INTO users (cognito_sub, display_name) VALUES ('fault-2', 'G') RETURNING id",
    );
    expect(second.rowCount).toBe(1);
    const { rows } = await query<{ n: number }>(
      "SELECT count(*) AS n FROM users WHERE cognito_sub LIKE 'fault-%'",
    );
    expect(rows[0]!.n).toBe(first instanceof Error ? 1 : 2);
  });
});

if (!onServer) it('skips the fault suite without a PostgreSQL server', () => expect(onServer).toBe(false));
