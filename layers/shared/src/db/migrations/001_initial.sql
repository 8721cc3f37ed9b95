-- AmIAnAI initial schema. UUID ids, timestamptz everywhere, enums as CHECK constraints,
-- and an index behind every list query (keyset pagination, never OFFSET).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cognito_sub  text NOT NULL UNIQUE CHECK (length(cognito_sub) BETWEEN 1 AND 200),
  email        text CHECK (length(email) <= 320),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
  role         text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE personas (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id            uuid REFERENCES users (id) ON DELETE CASCADE, -- NULL: a house persona
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  kind                text NOT NULL CHECK (kind IN ('human', 'ai')),
  description         text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  -- { traits: { openness: 0-100, ... }, summary: text }
  personality         jsonb NOT NULL DEFAULT '{"traits": {}, "summary": ""}',
  knowledge           text[] NOT NULL DEFAULT '{}' CHECK (cardinality(knowledge) <= 20),
  communication_style text NOT NULL DEFAULT 'casual' CHECK (length(communication_style) BETWEEN 1 AND 40),
  avatar_url          text CHECK (length(avatar_url) <= 500),
  visibility          text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
  -- { model, temperature, maxTokens, systemPrompt, typingWpm, talkativeness }; present exactly for AI personas
  ai                  jsonb,
  version             integer NOT NULL DEFAULT 1,
  deleted_at          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT personas_ai_settings CHECK ((kind = 'ai') = (ai IS NOT NULL))
);
CREATE INDEX personas_public_recent ON personas (created_at DESC, id DESC)
  WHERE deleted_at IS NULL AND visibility = 'public';
CREATE INDEX personas_owner_recent ON personas (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX personas_knowledge ON personas USING gin (knowledge) WHERE deleted_at IS NULL;
CREATE INDEX personas_search ON personas USING gin ((name || ' ' || description) gin_trgm_ops) WHERE deleted_at IS NULL;

CREATE TABLE conversations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  topic            text NOT NULL DEFAULT '' CHECK (length(topic) <= 500),
  mode             text NOT NULL DEFAULT 'chat' CHECK (mode IN ('chat', 'game')),
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_by       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- { maxAiTurnsInRow, durationMinutes? }
  settings         jsonb NOT NULL DEFAULT '{"maxAiTurnsInRow": 3}',
  -- Sequence numbers are allocated by incrementing this under the row lock: gap-free and race-free.
  last_seq         integer NOT NULL DEFAULT 0,
  message_count    integer NOT NULL DEFAULT 0,
  last_message_at  timestamptz,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  ended_at         timestamptz
);
CREATE INDEX conversations_activity ON conversations (last_activity_at DESC, id DESC);

CREATE TABLE conversation_participants (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  persona_id      uuid NOT NULL REFERENCES personas (id),
  user_id         uuid REFERENCES users (id) ON DELETE CASCADE, -- who controls a human persona here
  joined_at       timestamptz NOT NULL DEFAULT now(),
  left_at         timestamptz,
  PRIMARY KEY (conversation_id, persona_id)
);
CREATE INDEX participants_user ON conversation_participants (user_id, conversation_id);
CREATE INDEX participants_persona ON conversation_participants (persona_id);

CREATE TABLE messages (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id   uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq               integer NOT NULL CHECK (seq > 0),
  persona_id        uuid REFERENCES personas (id), -- NULL for system notices
  content           text NOT NULL CHECK (length(content) BETWEEN 1 AND 8000),
  kind              text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'system')),
  client_message_id text CHECK (length(client_message_id) <= 100),
  ai_job_id         uuid UNIQUE, -- an AI reply is stored at most once per job
  created_at        timestamptz NOT NULL DEFAULT now(),
  visible_at        timestamptz NOT NULL DEFAULT now(),
  -- model, tokens, cost, latency, provider: shown to owners and admins only
  metadata          jsonb NOT NULL DEFAULT '{}',
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, client_message_id)
);

CREATE TABLE ai_jobs (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id    uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  persona_id         uuid NOT NULL REFERENCES personas (id),
  trigger_message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  triggered_by       uuid REFERENCES users (id) ON DELETE SET NULL, -- the user charged for the call
  status             text NOT NULL DEFAULT 'queued'
                       CHECK (status IN ('queued', 'running', 'ready', 'done', 'failed', 'skipped')),
  attempts           integer NOT NULL DEFAULT 0,
  last_error         text,
  reply              text,          -- generated text waiting for its visible_at (status 'ready')
  reply_metadata     jsonb,
  visible_at         timestamptz,
  message_id         uuid REFERENCES messages (id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  started_at         timestamptz,
  finished_at        timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, persona_id, trigger_message_id)
);
CREATE INDEX ai_jobs_pending ON ai_jobs (updated_at) WHERE status IN ('queued', 'running', 'ready');
CREATE INDEX ai_jobs_conversation_active ON ai_jobs (conversation_id) WHERE status IN ('queued', 'running', 'ready');

CREATE TABLE ai_usage (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
  persona_id      uuid REFERENCES personas (id),
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  job_id          uuid REFERENCES ai_jobs (id) ON DELETE SET NULL,
  model           text NOT NULL,
  provider        text NOT NULL,
  input_tokens    integer NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  output_tokens   integer NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  cost_usd        numeric(12, 6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  latency_ms      integer NOT NULL DEFAULT 0,
  outcome         text NOT NULL CHECK (outcome IN ('ok', 'error', 'timeout', 'rate_limited')),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_usage_user_time ON ai_usage (user_id, created_at);

CREATE TABLE typing (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  persona_id      uuid NOT NULL REFERENCES personas (id),
  user_id         uuid REFERENCES users (id) ON DELETE CASCADE,
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, persona_id)
);

-- Fixed one-minute windows per user: one upsert per write request, shared by every Lambda instance.
CREATE TABLE rate_limits (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  window_start timestamptz NOT NULL,
  count        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, window_start)
);
