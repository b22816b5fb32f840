-- +goose Up
-- Replies from calendar clients (iTIP REPLY) are recorded on the invite
-- they answer. A tentative answer needs its own value, and SQLite cannot
-- change a CHECK in place, so the table is rebuilt; nothing refers to it.
-- mailbox_state remembers how far the organizer's mailbox has been read,
-- so the app never marks or moves the coordinator's mail.
CREATE TABLE invites_new (
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
  -- The recipient's last answer to this SEQUENCE of the invite; a new
  -- SEQUENCE (a changed time or place) clears it, as it needs a new answer.
  response       TEXT NOT NULL DEFAULT '' CHECK (response IN ('','confirmed','declined','tentative')),
  responded_at   TEXT,
  UNIQUE (event_id, recipient_kind, recipient_id)
);
INSERT INTO invites_new SELECT * FROM invites;
DROP TABLE invites;
ALTER TABLE invites_new RENAME TO invites;
CREATE INDEX invites_family ON invites(family_id);

CREATE TABLE mailbox_state (
  mailbox      TEXT PRIMARY KEY,
  uid_validity INTEGER NOT NULL,
  last_uid     INTEGER NOT NULL
);

-- +goose Down
DROP TABLE mailbox_state;
