/** Classifies PostgreSQL / network failures so callers retry only what is safe and map the rest to HTTP. */

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown (e.g. pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
}

export function pgCode(err: unknown): string | undefined {
  const code = (err as ErrorWithCode | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the database could not be reached or dropped the connection. */
export function isConnectionError(err: unknown): boolean {
  const code = pgCode(err);
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  const message = String((err as ErrorWithCode | null)?.message ?? '');
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i.test(
    message,
  );
}

export const isAuthError = (err: unknown): boolean => pgCode(err) === '28P01' || pgCode(err) === '28000';
export const isUniqueViolation = (err: unknown): boolean => pgCode(err) === '23505';
export const isStatementTimeout = (err: unknown): boolean => pgCode(err) === '57014';

/** The database is unavailable; callers answer 503 and keep nothing half-done. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super('database unavailable', { cause });
  }
}
