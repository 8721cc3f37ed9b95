import { getPool, query } from '@amianai/shared/db';
import { useTestDatabase } from '../../tests/support/fixtures';
import { ensureAppRole } from './app-role';

useTestDatabase();

// Roles are cluster-wide: a name of its own keeps parallel test files apart on a shared server.
const role = `amianai_app_t${process.pid}`;

afterAll(async () => {
  await query(`DROP OWNED BY ${role}`).catch(() => undefined);
  await query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
});

async function can(privilege: string, table: string): Promise<boolean> {
  const { rows } = await query<{ ok: boolean }>('SELECT has_table_privilege($1, $2, $3) AS ok', [
    role,
    table,
    privilege,
  ]);
  return rows[0]!.ok;
}

describe('application database role', () => {
  it('can read and write rows, and nothing more', async () => {
    await ensureAppRole(await getPool(), { username: role, password: 'first-password-1' });
    for (const privilege of ['SELECT', 'INSERT', 'UPDATE', 'DELETE']) {
      expect({ privilege, ok: await can(privilege, 'personas') }).toEqual({ privilege, ok: true });
    }
    expect(await can('TRUNCATE', 'personas')).toBe(false);
    expect(await can('INSERT', 'schema_migrations')).toBe(false);
    expect(await can('SELECT', 'schema_migrations')).toBe(true);
    const { rows } = await query<{ create: boolean; superuser: boolean }>(
      `SELECT has_schema_privilege($1, current_schema(), 'CREATE') AS create,
              (SELECT rolsuper FROM pg_roles WHERE rolname = $1) AS superuser`,
      [role],
    );
    expect(rows[0]).toEqual({ create: false, superuser: false });
  });

  it('is idempotent and takes a new password from the secret', async () => {
    await ensureAppRole(await getPool(), { username: role, password: "second 'quoted' password" });
    await ensureAppRole(await getPool(), { username: role, password: "back\\slash \\' tricky" });
    expect(await can('INSERT', 'messages')).toBe(true);
  });

  it('refuses a role name that is not a plain identifier', async () => {
    await expect(
      ensureAppRole(await getPool(), { username: 'app"; DROP TABLE users; --', password: 'x' }),
    ).rejects.toThrow('not a plain identifier');
  });
});
