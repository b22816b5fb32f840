-- +goose Up
-- A carer's request for help with travel to one showcase, made through
-- their personal link. The distance itself lives on the carer (it feeds
-- the family's travel estimate); when the carer knows only their postcode
-- area, it is kept here for the coordinator to turn into miles. Only the
-- outward code is asked for: it places the family near enough to cost the
-- journey and says far less than a full address.
CREATE TABLE travel_requests (
  event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  family_id     INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  wants_help    INTEGER NOT NULL CHECK (wants_help IN (0,1)),
  postcode_area TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (event_id, family_id)
);

-- +goose Down
DROP TABLE travel_requests;
