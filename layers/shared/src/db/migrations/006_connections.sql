-- WebSocket connections (DESIGN §12): who is connected, as whom, and which conversations they follow.
-- API Gateway ends every connection after two hours; rows past expires_at are ignored and cleaned up.
CREATE TABLE connections (
  id               text PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  is_admin         boolean NOT NULL DEFAULT false,
  conversation_ids uuid[] NOT NULL DEFAULT '{}',
  connected_at     timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  CHECK (cardinality(conversation_ids) <= 50)
);
-- Fan-out asks "who follows this conversation" (conversation_ids @> ARRAY[id]) on every event.
CREATE INDEX connections_conversations ON connections USING gin (conversation_ids);
CREATE INDEX connections_user ON connections (user_id);
CREATE INDEX connections_expiry ON connections (expires_at);
