-- Game integrity (docs/decisions.md, "Game integrity: replies").
-- A request to reply addressed to a person: generate-response answers the same for a person and an AI, and
-- a person sees the request in their own feed for a short while. Short-lived, like typing.
CREATE TABLE reply_requests (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  persona_id      uuid NOT NULL REFERENCES personas (id),
  requested_by    uuid REFERENCES users (id) ON DELETE CASCADE,
  requested_at    timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, persona_id)
);

-- "In chat a persona answers one conversation at a time": the claim looks for the persona's other pending jobs.
CREATE INDEX ai_jobs_persona_pending ON ai_jobs (persona_id) WHERE status IN ('queued', 'running', 'ready');
