/**
 * Per-user write rate limit: fixed one-minute windows counted in PostgreSQL, so every Lambda instance shares
 * them. One statement per write: clears the user's past windows and counts this request.
 */
import { config } from '../config';
import type { Queryable } from '../db/pool';
import { TooManyRequests } from '../http/errors';

export interface WriteLimitState {
  count: number;
  limit: number;
  /** Seconds until the current window ends. */
  resetsInSeconds: number;
}

/** Counts one write by `userId`; throws 429 `rate_limited` (with Retry-After) once the window is full. */
export async function enforceWriteLimit(q: Queryable, userId: string): Promise<WriteLimitState> {
  const limit = config().writeRateLimitPerMinute;
  const { rows } = await q.query<{ count: number; resets_in: number }>(
    `WITH expired AS (
       DELETE FROM rate_limits WHERE user_id = $1 AND window_start < date_trunc('minute', now())
     )
     INSERT INTO rate_limits AS r (user_id, window_start, count)
     VALUES ($1, date_trunc('minute', now()), 1)
     ON CONFLICT (user_id, window_start) DO UPDATE SET count = r.count + 1
     RETURNING r.count, extract(epoch FROM (r.window_start + interval '1 minute' - now()))::float8 AS resets_in`,
    [userId],
  );
  const row = rows[0]!;
  const state = { count: row.count, limit, resetsInSeconds: Math.max(1, Math.ceil(row.resets_in)) };
  if (state.count > limit) {
    throw new TooManyRequests(
      `Too many changes: at most ${limit} per minute. Try again in ${state.resetsInSeconds} s.`,
      state.resetsInSeconds,
    );
  }
  return state;
}
