-- +goose Up
-- Which prisons and local authorities an account works with (issue 8). A
-- coordinator belongs to one or more prisons, prison staff to exactly one,
-- a commissioner to any (none listed means all); administrators to all.
-- The store reads these with the session and limits every query by them.
CREATE TABLE user_prisons (
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  prison_id INTEGER NOT NULL REFERENCES prisons(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, prison_id)
);

CREATE TABLE user_authorities (
  user_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, local_authority_id)
);

-- Existing coordinators keep what they could do before: every prison. Prison
-- staff are tied to the prison only where there is just one; anywhere else an
-- administrator must choose, and until then they see nothing.
INSERT INTO user_prisons (user_id, prison_id)
  SELECT u.id, p.id FROM users u, prisons p WHERE u.role = 'coordinator';
INSERT INTO user_prisons (user_id, prison_id)
  SELECT u.id, p.id FROM users u, prisons p WHERE u.role = 'prison_staff' AND (SELECT COUNT(*) FROM prisons) = 1;

-- +goose Down
DROP TABLE user_authorities;
DROP TABLE user_prisons;
