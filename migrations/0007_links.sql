-- +goose Up
-- Personal links: carers and teachers reach their own page of a showcase
-- through a random token. Only its SHA-256 is kept; a new link for the same
-- person revokes the old one, and every link stops working a set time
-- after the showcase.
CREATE TABLE personal_links (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('teacher','carer')),
  recipient_id   INTEGER NOT NULL,
  family_id      INTEGER REFERENCES families(id) ON DELETE CASCADE,
  token_hash     TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  revoked_at     TEXT
);
CREATE INDEX personal_links_recipient ON personal_links(event_id, recipient_kind, recipient_id);

-- Who in a family says they are coming, as the carer answered through
-- their link: one row per adult and per child.
CREATE TABLE attendance_answers (
  event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  family_id   INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  person_kind TEXT NOT NULL CHECK (person_kind IN ('carer','child')),
  person_id   INTEGER NOT NULL,
  coming      INTEGER NOT NULL CHECK (coming IN (0,1)),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (event_id, person_kind, person_id)
);
-- What the carer asked visits staff to know (access, food), per showcase.
CREATE TABLE attendance_needs (
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  family_id  INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  needs      TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (event_id, family_id)
);

-- +goose Down
DROP TABLE attendance_needs;
DROP TABLE attendance_answers;
DROP TABLE personal_links;
