-- +goose Up
-- One calendar invite per (showcase, recipient). The UID is made once and
-- never changes; SEQUENCE rises on every re-issue, and the fingerprint of
-- what the recipient sees (times, tables, place) decides whether a change
-- needs one. Organizer, times and place are kept as last sent, because a
-- cancellation must repeat them (and the organizer) to be recognised.
CREATE TABLE invites (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('teacher','carer')),
  recipient_id   INTEGER NOT NULL,
  family_id      INTEGER REFERENCES families(id) ON DELETE CASCADE,
  uid            TEXT NOT NULL UNIQUE,
  sequence       INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
  fingerprint    TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','cancelled')),
  organizer      TEXT NOT NULL,
  organizer_name TEXT NOT NULL DEFAULT '',
  starts_at      TEXT NOT NULL,
  ends_at        TEXT NOT NULL,
  location       TEXT NOT NULL DEFAULT '',
  last_sent_at   TEXT NOT NULL,
  -- Room for the carer's reply (confirm or cancel) later.
  response       TEXT NOT NULL DEFAULT '' CHECK (response IN ('','confirmed','declined')),
  responded_at   TEXT,
  UNIQUE (event_id, recipient_kind, recipient_id)
);
CREATE INDEX invites_family ON invites(family_id);

-- +goose Down
DROP TABLE invites;
