-- +goose Up
-- Times are UTC RFC 3339 text; calendar dates are YYYY-MM-DD text.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','coordinator','prison_staff','commissioner')),
  password_hash TEXT NOT NULL,
  lang          TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','cy')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);

-- Only the SHA-256 of a session token is stored, so a copy of the database
-- cannot be used to log in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE prisons (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  address TEXT NOT NULL DEFAULT '',
  phone   TEXT NOT NULL DEFAULT '',
  email   TEXT NOT NULL DEFAULT ''
);

-- Tables in the visits hall. row/col place a table on the floor plan.
CREATE TABLE hall_tables (
  id        INTEGER PRIMARY KEY,
  prison_id INTEGER NOT NULL REFERENCES prisons(id) ON DELETE CASCADE,
  label     TEXT NOT NULL,
  row       INTEGER NOT NULL DEFAULT 0,
  col       INTEGER NOT NULL DEFAULT 0,
  seats     INTEGER NOT NULL DEFAULT 6,
  quiet     INTEGER NOT NULL DEFAULT 0,
  step_free INTEGER NOT NULL DEFAULT 0,
  UNIQUE (prison_id, label)
);

-- Adjacency is symmetric; stored once with table_a < table_b.
CREATE TABLE hall_adjacency (
  table_a INTEGER NOT NULL REFERENCES hall_tables(id) ON DELETE CASCADE,
  table_b INTEGER NOT NULL REFERENCES hall_tables(id) ON DELETE CASCADE,
  PRIMARY KEY (table_a, table_b),
  CHECK (table_a < table_b)
);

CREATE TABLE local_authorities (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE schools (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL,
  type                TEXT NOT NULL CHECK (type IN ('primary','secondary','all_through','special','pru','eotas','college')),
  language_medium     TEXT NOT NULL DEFAULT 'english' CHECK (language_medium IN ('english','welsh','bilingual')),
  local_authority_id  INTEGER NOT NULL REFERENCES local_authorities(id),
  head_name           TEXT NOT NULL DEFAULT '',
  head_email          TEXT NOT NULL DEFAULT '',
  phone               TEXT NOT NULL DEFAULT '',
  address             TEXT NOT NULL DEFAULT '',
  lang                TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','cy')),
  distance_miles      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE teachers (
  id        INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  email     TEXT NOT NULL DEFAULT '',
  role      TEXT NOT NULL CHECK (role IN ('class_teacher','head','deputy','senco','ewo','tutor','other')),
  lang      TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','cy')),
  feed_token_hash TEXT
);

-- A family is one case: the parent in custody, their carers and children.
CREATE TABLE families (
  id                 INTEGER PRIMARY KEY,
  ref                TEXT NOT NULL UNIQUE,
  prison_id          INTEGER NOT NULL REFERENCES prisons(id),
  parent_name        TEXT NOT NULL,
  prison_number      TEXT NOT NULL DEFAULT '',
  parent_status      TEXT NOT NULL DEFAULT 'held' CHECK (parent_status IN ('held','transferred','released')),
  release_date       TEXT,
  remand             INTEGER NOT NULL DEFAULT 0,
  high_confidentiality INTEGER NOT NULL DEFAULT 0,
  referral_source    TEXT NOT NULL CHECK (referral_source IN ('parent','prison_staff','school','carer','social_worker','other')),
  referrer_name      TEXT NOT NULL DEFAULT '',
  referred_on        TEXT NOT NULL,
  notes              TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL
);

CREATE TABLE carers (
  id           INTEGER PRIMARY KEY,
  family_id    INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  relationship TEXT NOT NULL CHECK (relationship IN ('parent','grandparent','kinship','foster','social_worker','other')),
  phone        TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  lang         TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','cy')),
  distance_miles INTEGER NOT NULL DEFAULT 0,
  is_primary   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE children (
  id                 INTEGER PRIMARY KEY,
  family_id          INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  first_name         TEXT NOT NULL,
  last_name          TEXT NOT NULL DEFAULT '',
  year_group         TEXT NOT NULL DEFAULT '',
  school_id          INTEGER REFERENCES schools(id),
  local_authority_id INTEGER REFERENCES local_authorities(id),
  lang               TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','cy')),
  needs_quiet        INTEGER NOT NULL DEFAULT 0,
  needs_step_free    INTEGER NOT NULL DEFAULT 0,
  needs_notes        TEXT NOT NULL DEFAULT '',
  dietary            TEXT NOT NULL DEFAULT '',
  share_needs_with_school INTEGER NOT NULL DEFAULT 0,
  -- The child's voice: whether they want to come, and how the view was obtained.
  wants_to_attend    TEXT NOT NULL DEFAULT 'undecided' CHECK (wants_to_attend IN ('yes','no','undecided')),
  preferred_teacher_id INTEGER REFERENCES teachers(id) ON DELETE SET NULL,
  views_obtained_how TEXT NOT NULL DEFAULT '',
  views_recorded_on  TEXT
);

-- Who at school may know, one row per person, with who approved it.
CREATE TABLE child_disclosures (
  child_id    INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  teacher_id  INTEGER NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  approved_by TEXT NOT NULL CHECK (approved_by IN ('child','carer','both')),
  recorded_on TEXT NOT NULL,
  PRIMARY KEY (child_id, teacher_id)
);

-- Every workflow step on a case, in order. The current stage is derived from
-- these rows; nothing here is updated or deleted.
CREATE TABLE steps (
  id              INTEGER PRIMARY KEY,
  family_id       INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('consent','head_agreement','clearance','override')),
  outcome         TEXT NOT NULL,
  school_id       INTEGER REFERENCES schools(id),
  child_id        INTEGER REFERENCES children(id) ON DELETE CASCADE,
  route           TEXT NOT NULL DEFAULT '' CHECK (route IN ('','phone','paper','in_person','online','email')),
  reason_category TEXT NOT NULL DEFAULT '',
  occurred_on     TEXT NOT NULL,
  recorded_by     INTEGER REFERENCES users(id),
  recorded_at     TEXT NOT NULL,
  notes           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX steps_family ON steps(family_id, id);

-- Teachers the headteacher nominated, per agreement step.
CREATE TABLE step_teachers (
  step_id    INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
  teacher_id INTEGER NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  PRIMARY KEY (step_id, teacher_id)
);

-- Awareness sessions are per school and cover every family at that school.
CREATE TABLE awareness_sessions (
  id           INTEGER PRIMARY KEY,
  school_id    INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  delivered_on TEXT NOT NULL,
  delivered_by TEXT NOT NULL,
  attendees    INTEGER NOT NULL DEFAULT 0,
  route        TEXT NOT NULL DEFAULT 'in_person' CHECK (route IN ('in_person','online')),
  notes        TEXT NOT NULL DEFAULT '',
  recorded_by  INTEGER REFERENCES users(id),
  recorded_at  TEXT NOT NULL
);

CREATE TABLE events (
  id               INTEGER PRIMARY KEY,
  prison_id        INTEGER NOT NULL REFERENCES prisons(id),
  title            TEXT NOT NULL,
  starts_at        TEXT NOT NULL,
  slot_minutes     INTEGER NOT NULL DEFAULT 10 CHECK (slot_minutes > 0),
  slots            INTEGER NOT NULL DEFAULT 12 CHECK (slots > 0),
  arrival_minutes  INTEGER NOT NULL DEFAULT 45,
  status           TEXT NOT NULL DEFAULT 'planning' CHECK (status IN ('planning','allocated','invited','held','cancelled')),
  created_at       TEXT NOT NULL
);

-- A family placed at a showcase, with its table once allocated.
CREATE TABLE event_families (
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  family_id  INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  table_id   INTEGER REFERENCES hall_tables(id) ON DELETE SET NULL,
  status     TEXT NOT NULL DEFAULT 'allocated' CHECK (status IN ('allocated','confirmed','cancelled','attended','no_show')),
  status_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, family_id)
);

CREATE TABLE meetings (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  family_id  INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  teacher_id INTEGER NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  slot       INTEGER NOT NULL,
  UNIQUE (event_id, family_id, teacher_id)
);

CREATE TABLE teacher_unavailable (
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  teacher_id INTEGER NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  slot       INTEGER NOT NULL,
  PRIMARY KEY (event_id, teacher_id, slot)
);

-- Non-associations entered by prison staff; never shown to teachers or carers.
CREATE TABLE keep_apart (
  family_a   INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  family_b   INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  entered_by INTEGER REFERENCES users(id),
  entered_at TEXT NOT NULL,
  PRIMARY KEY (family_a, family_b),
  CHECK (family_a < family_b)
);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  kind            TEXT NOT NULL,
  event_id        INTEGER REFERENCES events(id) ON DELETE SET NULL,
  recipient_kind  TEXT NOT NULL,
  recipient_id    INTEGER,
  lang            TEXT NOT NULL DEFAULT 'en',
  to_addr         TEXT NOT NULL,
  subject         TEXT NOT NULL,
  eml             BLOB NOT NULL,
  status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sending','sent','failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

-- Append-only: the triggers below refuse any change to a written row.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor_id  INTEGER,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  before    TEXT NOT NULL DEFAULT '',
  after     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE outbox;
DROP TABLE keep_apart;
DROP TABLE teacher_unavailable;
DROP TABLE meetings;
DROP TABLE event_families;
DROP TABLE events;
DROP TABLE awareness_sessions;
DROP TABLE step_teachers;
DROP TABLE steps;
DROP TABLE child_disclosures;
DROP TABLE children;
DROP TABLE carers;
DROP TABLE families;
DROP TABLE teachers;
DROP TABLE schools;
DROP TABLE local_authorities;
DROP TABLE hall_adjacency;
DROP TABLE hall_tables;
DROP TABLE prisons;
DROP TABLE sessions;
DROP TABLE users;
