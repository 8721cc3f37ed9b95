/**
 * Several statements in one round trip: one simple-protocol query, which PostgreSQL runs as one implicit
 * transaction (all or nothing) while each statement still takes its own snapshot under READ COMMITTED — what
 * BEGIN; …; COMMIT does in as many round trips as statements. The simple protocol takes no parameters, so
 * `$n` placeholders are replaced by quoted literals (never by raw text).
 */
import { escapeLiteral, type QueryResult, type QueryResultRow } from 'pg';
import { traced } from '../observability/tracer';
import { DatabaseUnavailableError, isConnectionError, pgCode } from './errors';
import { connect } from './pool';
import { withRetry } from './retry';

export type ScriptValue = string | number | boolean | Date | null;

function literal(value: ScriptValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return `(${String(value)})`;
  }
  return escapeLiteral(value instanceof Date ? value.toISOString() : value);
}

/** `text` with each `$n` replaced by the quoted literal of `values[n - 1]`. */
export function inlineValues(text: string, values: ScriptValue[]): string {
  return text.replace(/\$(\d+)(?!\d)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= values.length) throw new Error(`no value for $${n}`);
    return literal(values[i]!);
  });
}

// Deadlocks and serialization failures roll the whole script back, so it can run again.
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `statements` (sharing `values`) in one round trip and returns each one's result. Not retried when the
 * connection drops mid-flight (whether it committed is unknown).
 */
export async function queryScript<R extends QueryResultRow = QueryResultRow>(
  statements: string[],
  values: ScriptValue[],
): Promise<QueryResult<R>[]> {
  const text = statements.map((s) => inlineValues(s, values)).join(';\n');
  return traced('db.script', () =>
    withRetry(
      async () => {
        const client = await connect();
        try {
          const out = (await client.query<R>(text)) as QueryResult<R> | QueryResult<R>[];
          client.release();
          return Array.isArray(out) ? out : [out];
        } catch (err) {
          client.release(isConnectionError(err) ? (err as Error) : undefined);
          if (isConnectionError(err)) throw new DatabaseUnavailableError(err);
          throw err;
        }
      },
      { attempts: 3, baseMs: 20, maxMs: 200, shouldRetry: (err) => RETRYABLE.has(pgCode(err) ?? '') },
    ),
  );
}
