/**
 * The application's database role: the functions connect as it and may read and write rows, nothing more
 * (no DDL, no role or schema changes, no writing the migration record). The admin function, connected as
 * the master user, creates it, keeps its password equal to the generated secret (APP_DB_SECRET_ARN) and
 * grants it rights on every table after each migration run, so new tables are covered too.
 */
import { type DbSecret, fetchSecret, type Queryable } from '@amianai/shared/db';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// pg's own escapes would bundle pg into this function (only the layer keeps it external); these two are
// what it does for identifiers and literals.
function escapeIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function escapeLiteral(value: string): string {
  const quoted = `'${value.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
  return value.includes('\\') ? ` E${quoted}` : quoted;
}

export async function ensureAppRole(db: Queryable, secret: Pick<DbSecret, 'username' | 'password'>) {
  if (!ROLE_NAME.test(secret.username))
    throw new Error('the application role name is not a plain identifier');
  const role = escapeIdentifier(secret.username);
  const exists = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [secret.username]);
  // Role statements take no bind parameters; the name is checked above and the password escaped.
  if (exists.rowCount === 0) await db.query(`CREATE ROLE ${role} LOGIN`);
  await db.query(
    `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${escapeLiteral(secret.password)}`,
  );
  const { rows } = await db.query<{ db: string; schema: string }>(
    'SELECT current_database() AS db, current_schema() AS schema',
  );
  const database = escapeIdentifier(rows[0]!.db);
  const schema = escapeIdentifier(rows[0]!.schema);
  for (const statement of [
    `GRANT CONNECT ON DATABASE ${database} TO ${role}`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE ON TABLE ${schema}.schema_migrations FROM ${role}`,
  ]) {
    await db.query(statement);
  }
}

/** Reads APP_DB_SECRET_ARN (when the stack created the database) and brings the role up to date. */
export async function ensureAppRoleFromEnvironment(db: Queryable): Promise<{ appRole: string } | undefined> {
  const arn = process.env.APP_DB_SECRET_ARN;
  if (!arn) return undefined;
  const secret = await fetchSecret(arn, true);
  await ensureAppRole(db, secret);
  return { appRole: secret.username };
}
