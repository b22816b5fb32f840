-- +goose Up
-- An index on every foreign key a list or a case load looks up by, so a
-- page's cost follows the rows it shows, not the size of the database
-- (issue 11: carers and children were scanned whole for every family).
-- Foreign keys already first in a primary key or UNIQUE constraint are
-- covered by it and need none.
CREATE INDEX carers_family ON carers(family_id);
CREATE INDEX children_family ON children(family_id);
CREATE INDEX children_school ON children(school_id);
CREATE INDEX children_authority ON children(local_authority_id);
CREATE INDEX children_teacher ON children(preferred_teacher_id);
CREATE INDEX families_prison ON families(prison_id, id);
CREATE INDEX teachers_school ON teachers(school_id);
CREATE INDEX schools_authority ON schools(local_authority_id);
CREATE INDEX disclosures_teacher ON child_disclosures(teacher_id);
CREATE INDEX steps_child ON steps(child_id);
CREATE INDEX steps_school ON steps(school_id);
CREATE INDEX step_teachers_teacher ON step_teachers(teacher_id);
CREATE INDEX awareness_school ON awareness_sessions(school_id, delivered_on);
CREATE INDEX events_prison ON events(prison_id);
CREATE INDEX event_families_family ON event_families(family_id);
CREATE INDEX event_families_table ON event_families(table_id);
CREATE INDEX meetings_family ON meetings(family_id);
CREATE INDEX meetings_teacher ON meetings(teacher_id);
CREATE INDEX teacher_unavailable_teacher ON teacher_unavailable(teacher_id);
CREATE INDEX hall_adjacency_b ON hall_adjacency(table_b);
CREATE INDEX keep_apart_b ON keep_apart(family_b);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX user_prisons_prison ON user_prisons(prison_id);
CREATE INDEX user_authorities_authority ON user_authorities(local_authority_id);
CREATE INDEX cost_lines_family ON cost_lines(family_id);
CREATE INDEX cost_lines_school ON cost_lines(school_id);
CREATE INDEX cost_lines_teacher ON cost_lines(teacher_id);
CREATE INDEX invites_event ON invites(event_id);
CREATE INDEX outbox_event ON outbox(event_id);

-- +goose Down
DROP INDEX outbox_event;
DROP INDEX invites_event;
DROP INDEX cost_lines_teacher;
DROP INDEX cost_lines_school;
DROP INDEX cost_lines_family;
DROP INDEX user_authorities_authority;
DROP INDEX user_prisons_prison;
DROP INDEX sessions_user;
DROP INDEX keep_apart_b;
DROP INDEX hall_adjacency_b;
DROP INDEX teacher_unavailable_teacher;
DROP INDEX meetings_teacher;
DROP INDEX meetings_family;
DROP INDEX event_families_table;
DROP INDEX event_families_family;
DROP INDEX events_prison;
DROP INDEX awareness_school;
DROP INDEX step_teachers_teacher;
DROP INDEX steps_school;
DROP INDEX steps_child;
DROP INDEX disclosures_teacher;
DROP INDEX schools_authority;
DROP INDEX teachers_school;
DROP INDEX families_prison;
DROP INDEX children_teacher;
DROP INDEX children_authority;
DROP INDEX children_school;
DROP INDEX children_family;
DROP INDEX carers_family;
