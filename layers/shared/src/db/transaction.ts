/** `withTransaction`: BEGIN/COMMIT on one client; every query inside must use the given client. */
import type { PoolClient } from 'pg';
import { traced } from '../observability/tracer';
import { DatabaseUnavailableError, isConnectionError, pgCode } from './errors';
import { connect, type Queryable } from './pool';
import { withRetry } from './retry';

export type Transaction = Queryable & { client: PoolClient };

// Serialization failures and deadlocks roll back completely, so the whole transaction can run again.
const RETRYABLE = new Set(['40001', '40P01']);

export async function withTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return traced('db.transaction', () =>
    withRetry(() => runOnce(fn), {
      attempts: 3,
      baseMs: 20,
      maxMs: 200,
      shouldRetry: (err) => RETRYABLE.has(pgCode(err) ?? ''),
    }),
  );
}

async function runOnce<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const client = await connect();
  const tx: Transaction = { client, query: (text, values) => client.query(text, values) };
  try {
    await client.query('BEGIN');
    const result = await fn(tx);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    const broken = isConnectionError(err);
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    client.release(broken ? (err as Error) : undefined);
    if (broken) throw new DatabaseUnavailableError(err);
    throw err;
  }
}

/**
 * Holds a lock named `key` until the transaction ends, so transactions that check and then insert (seeding
 * by natural key) run one after another.
 */
export async function lockTransaction(tx: Transaction, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}
