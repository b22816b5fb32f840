-- +goose Up
-- Revisions say whether a showcase's saved allocation and cost estimate were
-- made from the records as they stand. A change to what the allocation is
-- built from bumps inputs_rev (and cost_inputs_rev); a change to rates,
-- staffing or travel bumps cost_inputs_rev only. Saving an allocation or an
-- estimate records the revision it used, so "out of date" is a comparison,
-- never a flag someone has to remember to set.
ALTER TABLE events ADD COLUMN inputs_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN allocated_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN cost_inputs_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN costed_rev INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE events DROP COLUMN costed_rev;
ALTER TABLE events DROP COLUMN cost_inputs_rev;
ALTER TABLE events DROP COLUMN allocated_rev;
ALTER TABLE events DROP COLUMN inputs_rev;
