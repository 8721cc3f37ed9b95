-- A round's seats (docs/design.md, "Game rounds"): every seat is played by a copy of its persona made for
-- that round alone, under an alias, so nothing a player sees in a round (id, name, avatar, profile) can be
-- matched against the persona directory. `seat_of` is the persona the copy plays for; stats and
-- leaderboards count verdicts on a copy for it. Copies never appear in the personas API.
ALTER TABLE personas ADD COLUMN seat_of uuid REFERENCES personas (id);
CREATE INDEX personas_seats ON personas (seat_of) WHERE seat_of IS NOT NULL;
-- An owner's list and persona count skip their round copies, so the partial index does too.
DROP INDEX personas_owner_recent;
CREATE INDEX personas_owner_recent ON personas (owner_id, created_at DESC, id DESC)
  WHERE deleted_at IS NULL AND seat_of IS NULL;
