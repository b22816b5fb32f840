-- +goose Up
-- When a reminder last went to someone who had not answered their invite,
-- so each is reminded once per version of the invite, not on every run.
ALTER TABLE invites ADD COLUMN reminded_at TEXT;

-- +goose Down
ALTER TABLE invites DROP COLUMN reminded_at;
