-- +goose Up
-- A local authority's name in Welsh ("Caerdydd" for Cardiff), shown to a
-- Welsh reader. Empty means none was recorded: a principal council of
-- Wales then shows its statutory Welsh name (i18n.Council), any other the
-- name as recorded.
ALTER TABLE local_authorities ADD COLUMN name_cy TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE local_authorities DROP COLUMN name_cy;
