/**
 * The one pg Pool of this execution environment, created lazily on first use (so a function that never
 * queries pays nothing), sized for Lambda, with retries where repeating is safe.
 */

import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import pg from 'pg';
import { config } from '../config';
import { logger } from '../observability/logger';
import { traced } from '../observability/tracer';
import { resolvePoolConfig } from './credentials';
import { DatabaseUnavailableError, isAuthError, isConnectionError } from './errors';
import { withRetry } from './retry';

// Keep timestamps/bigints exact and JSON-friendly: int8 counts → number, numeric → number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

let poolPromise: Promise<pg.Pool> | undefined;
let authRetried = false;

async function createPool(forceFetch: boolean): Promise<pg.Pool> {
  const pool = new pg.Pool(await resolvePoolConfig(config(), forceFetch));
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (err) =>
    logger.warn('idle database client failed', { code: (err as { code?: string }).code }),
  );
  // A checked-out client whose connection dies between queries (pg_terminate_backend arriving right after
  // a statement, or right after connecting) emits 'error' with no query to fail; without a listener of its
  // own that is an uncaught exception. Its next query then fails as a connection error instead.
  pool.on('connect', (client) =>
    client.on('error', (err) =>
      logger.warn('database connection lost', { code: (err as { code?: string }).code }),
    ),
  );
  return pool;
}

export function getPool(): Promise<pg.Pool> {
  poolPromise ??= createPool(false).catch((err) => {
    poolPromise = undefined;
    throw err;
  });
  return poolPromise;
}

/** Closes the pool (tests, local server shutdown). The next query creates a new one. */
export async function closePool(): Promise<void> {
  const current = poolPromise;
  poolPromise = undefined;
  if (current) await (await current).end();
}

const CONNECT_RETRY = { attempts: 4, baseMs: 50, maxMs: 1_000 };

/** Checks out a client, retrying connection failures (nothing was sent yet, so this is always safe). */
export async function connect(): Promise<PoolClient> {
  try {
    return await withRetry(async () => (await getPool()).connect(), {
      ...CONNECT_RETRY,
      shouldRetry: isConnectionError,
    });
  } catch (err) {
    if (isAuthError(err) && config().dbSecretArn && !authRetried) {
      // The password was probably rotated: refetch the secret once and rebuild the pool.
      authRetried = true;
      logger.warn('database authentication failed; refetching the secret');
      const old = poolPromise;
      poolPromise = createPool(true);
      old?.then((p) => p.end()).catch(() => undefined);
      return connect();
    }
    if (isConnectionError(err)) throw new DatabaseUnavailableError(err);
    throw err;
  }
}

export interface QueryOptions {
  /** Safe to run twice (reads, idempotent writes): retried if the connection drops mid-flight. */
  idempotent?: boolean;
}

const READ_ONLY = /^\s*(select|with\s+[\s\S]*?\)\s*select|show|explain)\b/i;

/** Runs one statement on a pooled connection. */
export async function query<R extends QueryResultRow = QueryResultRow>(
  text: string,
  values?: unknown[],
  opts: QueryOptions = {},
): Promise<QueryResult<R>> {
  const repeatable = opts.idempotent ?? READ_ONLY.test(text);
  return traced('db.query', () =>
    withRetry(
      async () => {
        const client = await connect();
        try {
          const result = await client.query<R>(text, values);
          client.release();
          return result;
        } catch (err) {
          // A broken connection must not go back to the pool.
          client.release(isConnectionError(err) ? (err as Error) : undefined);
          throw err;
        }
      },
      { ...CONNECT_RETRY, attempts: repeatable ? CONNECT_RETRY.attempts : 1, shouldRetry: isConnectionError },
    ).catch((err) => {
      if (isConnectionError(err)) throw new DatabaseUnavailableError(err);
      throw err;
    }),
  );
}

/** The pool as a Queryable, for code that takes either the pool or a transaction. */
export const db: Queryable = { query };
