import { useTestDatabase } from '../../../../tests/support/fixtures';
import { ensureUser, onFirstSignIn } from '../auth/users';
import { resetConfig } from '../config';
import { DatabaseUnavailableError } from './errors';
import { currentVersion, listMigrations, migrate } from './migrate';
import { closePool, query } from './pool';
import { withTransaction } from './transaction';

const database = useTestDatabase({ migrate: false });

describe('migrations', () => {
  it('apply once even when two runs race, under the advisory lock', async () => {
    const latest = listMigrations().at(-1)!.version;
    const [a, b] = await Promise.all([migrate(), migrate()]);
    expect([...a.applied, ...b.applied].sort()).toEqual(listMigrations().map((m) => m.version));
    expect(a.version).toBe(latest);
    expect(b.version).toBe(latest);
    expect(await currentVersion()).toBe(latest);
    expect((await migrate()).applied).toEqual([]);
  });

  it('roll back a failing migration completely and record nothing', async () => {
    const before = await currentVersion();
    const broken = [{ version: 999, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT 1/0;' }];
    await expect(migrate(broken)).rejects.toThrow(/division by zero/);
    expect(await currentVersion()).toBe(before);
    const { rows } = await query("SELECT to_regclass('half_done') AS t");
    expect(rows[0]!.t).toBeNull();
  });
});

describe('withTransaction', () => {
  it('commits on success and rolls back on error', async () => {
    await query('CREATE TABLE IF NOT EXISTS tx_probe (v int)');
    await withTransaction(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES (1)');
    });
    await expect(
      withTransaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const { rows } = await query<{ v: number }>('SELECT v FROM tx_probe ORDER BY v');
    expect(rows.map((r) => r.v)).toEqual([1]);
  });
});

describe('users from Cognito claims', () => {
  it('creates the user and runs the first sign-in hook once, in its transaction, even for concurrent first requests', async () => {
    const seen: string[] = [];
    onFirstSignIn(async (tx, user) => {
      seen.push(user.id);
      // Inside the transaction that inserted the user: the row is visible here.
      const { rows } = await tx.query<{ n: number }>('SELECT count(*) AS n FROM users WHERE id = $1', [
        user.id,
      ]);
      expect(rows[0]!.n).toBe(1);
    });
    const caller = { sub: 'sub-concurrent', name: 'Rosa', groups: [], isAdmin: false };
    const users = await Promise.all([ensureUser(caller), ensureUser(caller), ensureUser(caller)]);
    expect(new Set(users.map((u) => u.id)).size).toBe(1);
    expect(seen).toEqual([users[0]!.id]);
  });

  it('creates no user when the first sign-in hook fails', async () => {
    onFirstSignIn(async () => {
      throw new Error('no default persona');
    });
    const caller = { sub: 'sub-hook-fails', name: 'Ola', groups: [], isAdmin: false };
    await expect(ensureUser(caller)).rejects.toThrow('no default persona');
    const { rows } = await query<{ n: number }>('SELECT count(*) AS n FROM users WHERE cognito_sub = $1', [
      caller.sub,
    ]);
    expect(rows[0]!.n).toBe(0);
    onFirstSignIn(async () => undefined);
  });

  it('follows the Cognito admin group for the role', async () => {
    const sub = 'sub-promoted';
    expect((await ensureUser({ sub, name: 'Pat', groups: [], isAdmin: false })).role).toBe('user');
    expect((await ensureUser({ sub, name: 'Pat', groups: ['admin'], isAdmin: true })).role).toBe('admin');
  });
});

describe('when the database is unreachable', () => {
  it('fails with DatabaseUnavailableError after retrying, and recovers when it is back', async () => {
    const good = database.url;
    await closePool();
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/nowhere?sslmode=disable';
    resetConfig();
    await expect(query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await closePool();
    process.env.DATABASE_URL = good;
    resetConfig();
    expect((await query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });
});
