-- Game rounds (DESIGN §11): the matchmaking queue, rounds (1:1 with a game conversation), verdicts, and the
-- AI personas their owners entered in the game's AI seats. Only layers/core/src/games/store.ts writes SQL
-- for these tables.

-- A round stops taking messages at this time (set for game conversations; NULL for chats). The reply engine
-- treats a conversation past it as ended even before any request has settled the round.
ALTER TABLE conversations ADD COLUMN closes_at timestamptz;

CREATE TABLE game_pool (
  persona_id uuid PRIMARY KEY REFERENCES personas (id) ON DELETE CASCADE,
  entered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rounds (
  conversation_id  uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  format           text NOT NULL CHECK (format IN ('duel', 'group')),
  phase            text NOT NULL DEFAULT 'live' CHECK (phase IN ('live', 'voting', 'revealed')),
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  voting_closes_at timestamptz NOT NULL,
  revealed_at      timestamptz,
  CHECK (ends_at > starts_at AND voting_closes_at > ends_at),
  CHECK ((phase = 'revealed') = (revealed_at IS NOT NULL))
);
CREATE INDEX rounds_revealed ON rounds (revealed_at DESC) WHERE phase = 'revealed';
CREATE INDEX rounds_unsettled ON rounds (ends_at) WHERE phase <> 'revealed';

CREATE TABLE game_tickets (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  persona_id      uuid NOT NULL REFERENCES personas (id),
  format          text NOT NULL CHECK (format IN ('duel', 'group')),
  status          text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'matched', 'left')),
  queued_at       timestamptz NOT NULL,
  -- The shared matching tick this ticket falls due at, drawn at random when it is queued; the deadline is
  -- that tick's time. Nothing about who else waits goes into either.
  due_tick        bigint NOT NULL,
  match_deadline  timestamptz NOT NULL,
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  matched_at      timestamptz,
  CHECK ((status = 'matched') = (conversation_id IS NOT NULL))
);
-- One waiting ticket per user; matching reads the due ones in tick order.
CREATE UNIQUE INDEX game_tickets_one_waiting ON game_tickets (user_id) WHERE status = 'waiting';
CREATE INDEX game_tickets_due ON game_tickets (due_tick, queued_at) WHERE status = 'waiting';
CREATE INDEX game_tickets_user_recent ON game_tickets (user_id, queued_at DESC);

CREATE TABLE votes (
  conversation_id  uuid NOT NULL REFERENCES rounds (conversation_id) ON DELETE CASCADE,
  voter_user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  voter_persona_id uuid NOT NULL REFERENCES personas (id),
  judged_persona_id uuid NOT NULL REFERENCES personas (id),
  verdict          text NOT NULL CHECK (verdict IN ('human', 'ai')),
  confidence       smallint CHECK (confidence BETWEEN 1 AND 5),
  correct          boolean, -- set at the reveal
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, voter_persona_id, judged_persona_id),
  CHECK (voter_persona_id <> judged_persona_id)
);
CREATE INDEX votes_voter ON votes (voter_user_id, conversation_id);
CREATE INDEX votes_judged ON votes (judged_persona_id, conversation_id);
