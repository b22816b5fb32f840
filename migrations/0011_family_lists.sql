-- +goose Up
-- What lists filter and page by, kept on the family row so a page of a list
-- is one indexed query however many families there are (issue 11). The
-- stage is worked out in Go (domain.Case.Progress); the store writes it,
-- with the other derived flags, in every transaction that changes what it
-- is worked out from, and fills it for any row where it is '' when it
-- opens (so this migration leaves them '').
ALTER TABLE families ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE families ADD COLUMN disciplinary INTEGER NOT NULL DEFAULT 0;
-- domain.Case.AtClearance: what prison staff may see.
ALTER TABLE families ADD COLUMN at_clearance INTEGER NOT NULL DEFAULT 0;
CREATE INDEX families_stage ON families(stage, id);

-- Search by reference, a person's name or a school's name. The index is
-- rebuilt for a family by triggers whenever any of those change, whoever
-- changes them, so it cannot fall out of step and an erased name leaves it
-- with the row.
CREATE VIRTUAL TABLE family_search USING fts5(ref, names, schools, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIEW family_search_source AS
  SELECT f.id AS id, f.ref AS ref,
    f.parent_name || ' ' || COALESCE((SELECT group_concat(name, ' ') FROM carers WHERE family_id = f.id), '')
      || ' ' || COALESCE((SELECT group_concat(first_name || ' ' || last_name, ' ') FROM children WHERE family_id = f.id), '') AS names,
    COALESCE((SELECT group_concat(s.name, ' ') FROM children c JOIN schools s ON s.id = c.school_id WHERE c.family_id = f.id), '') AS schools
  FROM families f;
INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source;

-- +goose StatementBegin
CREATE TRIGGER family_search_family_insert AFTER INSERT ON families BEGIN
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_family_update AFTER UPDATE OF ref, parent_name ON families BEGIN
  DELETE FROM family_search WHERE rowid = NEW.id;
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_family_delete AFTER DELETE ON families BEGIN
  DELETE FROM family_search WHERE rowid = OLD.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_carer_insert AFTER INSERT ON carers BEGIN
  DELETE FROM family_search WHERE rowid = NEW.family_id;
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = NEW.family_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_carer_update AFTER UPDATE OF name ON carers BEGIN
  DELETE FROM family_search WHERE rowid = NEW.family_id;
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = NEW.family_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_carer_delete AFTER DELETE ON carers BEGIN
  DELETE FROM family_search WHERE rowid = OLD.family_id;
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = OLD.family_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_child_insert AFTER INSERT ON children BEGIN
  DELETE FROM family_search WHERE rowid = NEW.family_id;
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = NEW.family_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_child_update AFTER UPDATE OF first_name, last_name, school_id ON children BEGIN
  DELETE FROM family_search WHERE rowid = NEW.family_id;
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = NEW.family_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_child_delete AFTER DELETE ON children BEGIN
  DELETE FROM family_search WHERE rowid = OLD.family_id;
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source WHERE id = OLD.family_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER family_search_school_update AFTER UPDATE OF name ON schools BEGIN
  DELETE FROM family_search WHERE rowid IN (SELECT family_id FROM children WHERE school_id = NEW.id);
  INSERT INTO family_search (rowid, ref, names, schools) SELECT id, ref, names, schools FROM family_search_source
    WHERE id IN (SELECT family_id FROM children WHERE school_id = NEW.id);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER family_search_school_update;
DROP TRIGGER family_search_child_delete;
DROP TRIGGER family_search_child_update;
DROP TRIGGER family_search_child_insert;
DROP TRIGGER family_search_carer_delete;
DROP TRIGGER family_search_carer_update;
DROP TRIGGER family_search_carer_insert;
DROP TRIGGER family_search_family_delete;
DROP TRIGGER family_search_family_update;
DROP TRIGGER family_search_family_insert;
DROP VIEW family_search_source;
DROP TABLE family_search;
DROP INDEX families_stage;
ALTER TABLE families DROP COLUMN at_clearance;
ALTER TABLE families DROP COLUMN disciplinary;
ALTER TABLE families DROP COLUMN stage;
