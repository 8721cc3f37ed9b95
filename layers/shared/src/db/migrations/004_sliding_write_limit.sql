-- The write limit becomes a sliding window: per user, the times of their writes within the last minute (never
-- more than the limit), so no burst across a minute boundary gets twice the limit as fixed windows allowed.
-- One row per user, updated by one INSERT … ON CONFLICT, which locks the row: concurrent writes by the same
-- user are counted one after the other.
CREATE TABLE write_limits (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  recent  timestamptz[] NOT NULL
);

-- rate_limits (the fixed windows) stays until no deployed function reads it; a later migration drops it.
