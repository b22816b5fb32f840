-- +goose Up
-- The audit log stays append-only, but what a change was about (the values
-- before and after) can be personal, and a family has the right to have
-- that erased. So the log row keeps who, when, what action and which record,
-- and the values move to audit_payloads, keyed by the family they are about.
-- Erasing a family deletes its payloads; its log rows stay, saying who did
-- what and when, with nothing personal left in them.
CREATE TABLE audit_log_new (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor_id  INTEGER,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  -- The family the change concerns, by ID only, so the log can be read
  -- (and filtered) by family after the family's personal data is gone.
  family_id INTEGER
);
INSERT INTO audit_log_new (id, at, actor_id, actor, action, entity, entity_id, family_id)
  SELECT id, at, actor_id, actor, action, entity, entity_id,
    CASE entity
      WHEN 'family'    THEN entity_id
      WHEN 'child'     THEN (SELECT family_id FROM children WHERE children.id = audit_log.entity_id)
      WHEN 'invite'    THEN (SELECT family_id FROM invites WHERE invites.id = audit_log.entity_id)
      WHEN 'cost_line' THEN (SELECT family_id FROM cost_lines WHERE cost_lines.id = audit_log.entity_id)
    END
  FROM audit_log;

-- No foreign key to families: a payload outlives nothing, it is deleted
-- with the family's personal data.
CREATE TABLE audit_payloads (
  audit_id  INTEGER PRIMARY KEY,
  family_id INTEGER,
  before    TEXT NOT NULL DEFAULT '',
  after     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_payloads_family ON audit_payloads(family_id);
INSERT INTO audit_payloads (audit_id, family_id, before, after)
  SELECT o.id, n.family_id, o.before, o.after
  FROM audit_log o JOIN audit_log_new n ON n.id = o.id
  WHERE o.before <> '' OR o.after <> '';

DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_family ON audit_log(family_id, id);
CREATE INDEX audit_actor ON audit_log(actor_id, id);
CREATE INDEX audit_action ON audit_log(action, id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd

-- When a family's personal data was erased (on request or by the retention
-- rule). The row itself stays, anonymised, so counts, stages and costs hold.
ALTER TABLE families ADD COLUMN erased_at TEXT;

-- +goose Down
ALTER TABLE families DROP COLUMN erased_at;
DROP TABLE audit_payloads;
DROP INDEX audit_family;
DROP INDEX audit_actor;
DROP INDEX audit_action;
-- The values cannot come back; the columns do, empty.
DROP TRIGGER audit_log_no_update;
ALTER TABLE audit_log DROP COLUMN family_id;
ALTER TABLE audit_log ADD COLUMN before TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN after TEXT NOT NULL DEFAULT '';
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
