/**
 * Per-user write rate limit: a sliding window of one minute kept in PostgreSQL, so every Lambda instance
 * shares it. A write is allowed while the user made fewer than the limit in the 60 seconds before it — at any
 * moment, not per clock minute. One statement per allowed write; a refused one reads how long to wait.
 */
import { config } from '../config';
import type { Queryable } from '../db/pool';
import { TooManyRequests } from '../http/errors';

export const WRITE_WINDOW_SECONDS = 60;

export interface WriteLimitState {
  /** Writes in the window, this one included. */
  count: number;
  limit: number;
  /** Seconds until the oldest write in the window leaves it (and one more write is possible). */
  resetsInSeconds: number;
}

// The row keeps only the writes still inside the window, oldest first, never more than the limit. The WHERE
// of DO UPDATE sees the row as locked, so two concurrent writes cannot both take the last place.
const RECORD_WRITE = `
  INSERT INTO write_limits AS w (user_id, recent) VALUES ($1, ARRAY[now()])
  ON CONFLICT (user_id) DO UPDATE
    SET recent = ARRAY(
      SELECT t FROM unnest(w.recent) AS t WHERE t > now() - make_interval(secs => $3) ORDER BY t
    ) || now()
    WHERE (SELECT count(*) FROM unnest(w.recent) AS t WHERE t > now() - make_interval(secs => $3)) < $2
  RETURNING cardinality(recent) AS count,
            extract(epoch FROM recent[1] + make_interval(secs => $3) - now())::float8 AS resets_in`;

// Refused: the next write is possible when enough of the oldest ones have left the window.
const WAIT_TIME = `
  SELECT extract(epoch FROM inside[cardinality(inside) - $2 + 1] + make_interval(secs => $3) - now())::float8
         AS wait
  FROM (SELECT ARRAY(
          SELECT t FROM unnest(recent) AS t WHERE t > now() - make_interval(secs => $3) ORDER BY t
        ) AS inside
        FROM write_limits WHERE user_id = $1) AS window_rows`;

const seconds = (value: number | null | undefined) => Math.max(1, Math.ceil(value ?? 1));

/** Counts one write by `userId`; throws 429 `rate_limited` (with Retry-After) once the window is full. */
export async function enforceWriteLimit(q: Queryable, userId: string): Promise<WriteLimitState> {
  const limit = config().writeRateLimitPerMinute;
  const recorded = await q.query<{ count: number; resets_in: number }>(RECORD_WRITE, [
    userId,
    limit,
    WRITE_WINDOW_SECONDS,
  ]);
  const row = recorded.rows[0];
  if (row) return { count: row.count, limit, resetsInSeconds: seconds(row.resets_in) };
  const waited = await q.query<{ wait: number | null }>(WAIT_TIME, [userId, limit, WRITE_WINDOW_SECONDS]);
  const wait = seconds(waited.rows[0]?.wait);
  throw new TooManyRequests(
    `Too many changes: at most ${limit} in any ${WRITE_WINDOW_SECONDS} seconds. Try again in ${wait} s.`,
    wait,
  );
}
