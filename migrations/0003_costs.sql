-- +goose Up
-- Costs of a showcase (issue 5). Money is integer pence and quantities are
-- integer thousandths, never floats; dates are YYYY-MM-DD text.

-- Rates are never edited in place: a new row with a later effective_from
-- supersedes the old one, so past estimates keep the rate of their day.
CREATE TABLE cost_rates (
  id             INTEGER PRIMARY KEY,
  scope_kind     TEXT NOT NULL CHECK (scope_kind IN ('prison','local_authority')),
  scope_id       INTEGER NOT NULL,
  key            TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  amount_pence   INTEGER NOT NULL CHECK (amount_pence >= 0),
  created_at     TEXT NOT NULL,
  UNIQUE (scope_kind, scope_id, key, effective_from)
);

-- One cost of one showcase. Automatic lines carry line_key, the estimator's
-- natural ID, so re-estimating finds them again; manual lines have none.
-- actual/claimed/approved are NULL until known, which differs from zero.
CREATE TABLE cost_lines (
  id                   INTEGER PRIMARY KEY,
  event_id             INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  line_key             TEXT,
  category             TEXT NOT NULL CHECK (category IN ('supply_cover','teacher_travel','family_travel','family_lost_earnings',
                         'prison_staffing_preparation','prison_staffing_on_the_day','refreshments','security','awareness_sessions','printing','other')),
  bearer               TEXT NOT NULL CHECK (bearer IN ('school','prison','family','provider','local_authority','other')),
  school_id            INTEGER REFERENCES schools(id) ON DELETE SET NULL,
  family_id            INTEGER REFERENCES families(id) ON DELETE SET NULL,
  teacher_id           INTEGER REFERENCES teachers(id) ON DELETE SET NULL,
  local_authority_id   INTEGER REFERENCES local_authorities(id) ON DELETE SET NULL,
  school_type          TEXT NOT NULL DEFAULT '',
  description          TEXT NOT NULL DEFAULT '',
  qty_thousandths      INTEGER NOT NULL DEFAULT 0,
  unit                 TEXT NOT NULL DEFAULT '',
  unit_cost_pence      INTEGER NOT NULL DEFAULT 0,
  estimated_pence      INTEGER NOT NULL DEFAULT 0,
  auto_estimated_pence INTEGER NOT NULL DEFAULT 0,
  actual_pence         INTEGER,
  claimed_pence        INTEGER,
  approved_pence       INTEGER,
  notes                TEXT NOT NULL DEFAULT '',
  evidence_ref         TEXT NOT NULL DEFAULT '',
  overridden           INTEGER NOT NULL DEFAULT 0,
  override_reason      TEXT NOT NULL DEFAULT '',
  source               TEXT NOT NULL CHECK (source IN ('auto','manual')),
  CHECK (overridden = 0 OR override_reason <> ''),
  CHECK ((source = 'auto') = (line_key IS NOT NULL)),
  UNIQUE (event_id, line_key)
);
CREATE INDEX cost_lines_event ON cost_lines(event_id, id);

-- What the estimator needs that the allocation does not hold. A showcase
-- without a row uses the defaults below and no staff.
CREATE TABLE event_cost_settings (
  event_id                   INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  setup_minutes              INTEGER NOT NULL DEFAULT 60 CHECK (setup_minutes >= 0),
  half_day_threshold_minutes INTEGER NOT NULL DEFAULT 210 CHECK (half_day_threshold_minutes > 0)
);

-- Prison staff by role: on the day (for the whole event plus set-up) or for
-- preparation (minutes each).
CREATE TABLE event_cost_staff (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL CHECK (kind IN ('on_the_day','preparation')),
  role     TEXT NOT NULL,
  count    INTEGER NOT NULL CHECK (count >= 0),
  minutes  INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  PRIMARY KEY (event_id, kind, role)
);

-- Travel time each way from a school to the prison, entered once per school.
-- Kept beside schools rather than in it so the costs feature owns its data.
CREATE TABLE cost_school_travel (
  school_id        INTEGER PRIMARY KEY REFERENCES schools(id) ON DELETE CASCADE,
  minutes_each_way INTEGER NOT NULL CHECK (minutes_each_way >= 0)
);

-- Whether a teacher's absence needs supply cover; without a row the
-- teacher's role decides (see store.defaultNeedsCover).
CREATE TABLE cost_teacher_cover (
  teacher_id  INTEGER PRIMARY KEY REFERENCES teachers(id) ON DELETE CASCADE,
  needs_cover INTEGER NOT NULL CHECK (needs_cover IN (0,1))
);

-- +goose Down
DROP TABLE cost_teacher_cover;
DROP TABLE cost_school_travel;
DROP TABLE event_cost_staff;
DROP TABLE event_cost_settings;
DROP TABLE cost_lines;
DROP TABLE cost_rates;
