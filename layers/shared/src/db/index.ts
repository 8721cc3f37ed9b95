export { type DbSecret, fetchSecret } from './credentials';
export {
  DatabaseUnavailableError,
  isConnectionError,
  isStatementTimeout,
  isUniqueViolation,
  pgCode,
} from './errors';
export { currentVersion, listMigrations, MIGRATIONS_DIR, type Migration, migrate } from './migrate';
export { closePool, connect, db, getPool, type Queryable, query } from './pool';
export { backoffMs, sleep, withRetry } from './retry';
export { inlineValues, queryScript, type ScriptValue } from './script';
export { lockTransaction, type Transaction, withTransaction } from './transaction';
