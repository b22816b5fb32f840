package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"schoolzone/internal/domain"
)

// CreatePrison adds a prison. A coordinator who adds one works there, so
// it joins their scope in the same transaction; otherwise they could not
// set up its hall.
func (s *Store) CreatePrison(ctx context.Context, actor domain.Actor, p domain.Prison) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO prisons (name, address, phone, email) VALUES (?, ?, ?, ?)`, p.Name, p.Address, p.Phone, p.Email)
		if err != nil {
			return fmt.Errorf("store: create prison: %w", err)
		}
		id, _ = res.LastInsertId()
		p.ID = id
		if actor.Role == domain.RoleCoordinator && actor.ID != 0 {
			if _, err := tx.Exec(`INSERT INTO user_prisons (user_id, prison_id) VALUES (?, ?)`, actor.ID, id); err != nil {
				return fmt.Errorf("store: create prison: %w", err)
			}
		}
		return s.audit(tx, actor, "create", "prison", id, nil, p)
	})
	return id, err
}

// Prisons lists the prisons in sc by name.
func (s *Store) Prisons(ctx context.Context, sc domain.Scope) ([]domain.Prison, error) {
	cond, args := prisonCond("id", sc)
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, address, phone, email FROM prisons WHERE `+cond+` ORDER BY name`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: prisons: %w", err)
	}
	defer rows.Close()
	var out []domain.Prison
	for rows.Next() {
		var p domain.Prison
		if err := rows.Scan(&p.ID, &p.Name, &p.Address, &p.Phone, &p.Email); err != nil {
			return nil, fmt.Errorf("store: prisons: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Prison returns one prison, if it is in sc.
func (s *Store) Prison(ctx context.Context, sc domain.Scope, id int64) (domain.Prison, error) {
	var p domain.Prison
	cond, args := prisonCond("id", sc)
	err := s.read.QueryRowContext(ctx, `SELECT id, name, address, phone, email FROM prisons WHERE id = ? AND `+cond, append([]any{id}, args...)...).
		Scan(&p.ID, &p.Name, &p.Address, &p.Phone, &p.Email)
	if err != nil {
		return p, notFound(err, "prison", id)
	}
	return p, nil
}

// ErrEmptyHall refuses a hall with no tables.
var ErrEmptyHall = errors.New("a hall needs at least one table")

// SetHall replaces a prison's visits-hall tables and adjacency in one
// transaction. Adjacent holds labels of other tables in the list. Tables are
// matched by label and keep their IDs, so families already seated at a
// showcase stay at their table when the hall is edited. The prison must be
// in the actor's scope.
func (s *Store) SetHall(ctx context.Context, actor domain.Actor, prisonID int64, tables []domain.HallTable, adjacent map[string][]string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := checkPrison(ctx, tx, actor.Scope, prisonID); err != nil {
			return err
		}
		if len(tables) == 0 {
			// The form refuses an empty hall first; this keeps a caller
			// that does not from deleting every table (or, as it once
			// did, panicking).
			return fmt.Errorf("store: hall of prison %d: %w", prisonID, ErrEmptyHall)
		}
		ids := map[string]int64{}
		keep := []any{prisonID}
		for _, t := range tables {
			var id int64
			err := tx.QueryRow(`INSERT INTO hall_tables (prison_id, label, row, col, seats, quiet, step_free) VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (prison_id, label) DO UPDATE SET row = excluded.row, col = excluded.col, seats = excluded.seats,
				quiet = excluded.quiet, step_free = excluded.step_free RETURNING id`,
				prisonID, t.Label, t.Row, t.Col, t.Seats, b2i(t.Quiet), b2i(t.StepFree)).Scan(&id)
			if err != nil {
				return fmt.Errorf("store: hall table %s: %w", t.Label, err)
			}
			ids[t.Label] = id
			keep = append(keep, id)
		}
		// keep[0] is the prison; the table IDs follow it.
		placeholders := "?" + strings.Repeat(",?", len(keep)-2)
		if _, err := tx.Exec(`DELETE FROM hall_tables WHERE prison_id = ? AND id NOT IN (`+placeholders+`)`, keep...); err != nil {
			return fmt.Errorf("store: remove hall tables: %w", err)
		}
		if _, err := tx.Exec(`DELETE FROM hall_adjacency WHERE table_a IN (SELECT id FROM hall_tables WHERE prison_id = ?)`, prisonID); err != nil {
			return fmt.Errorf("store: clear adjacency: %w", err)
		}
		for a, bs := range adjacent {
			for _, b := range bs {
				x, y := ids[a], ids[b]
				if x == 0 || y == 0 || x == y {
					return fmt.Errorf("store: adjacency %s–%s: unknown table", a, b)
				}
				if x > y {
					x, y = y, x
				}
				if _, err := tx.Exec(`INSERT OR IGNORE INTO hall_adjacency (table_a, table_b) VALUES (?, ?)`, x, y); err != nil {
					return fmt.Errorf("store: adjacency: %w", err)
				}
			}
		}
		if err := bumpInputs(tx, "prison_id = ?", prisonID); err != nil {
			return err
		}
		return s.audit(tx, actor, "set_hall", "prison", prisonID, nil, map[string]any{"tables": len(tables)})
	})
}

// HallTables lists a prison's tables with their adjacent table IDs. Hall
// layouts are not personal; callers reach them through a scoped Prison or
// Event.
func (s *Store) HallTables(ctx context.Context, prisonID int64) ([]domain.HallTable, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, prison_id, label, row, col, seats, quiet, step_free FROM hall_tables WHERE prison_id = ? ORDER BY row, col, id`, prisonID)
	if err != nil {
		return nil, fmt.Errorf("store: hall tables: %w", err)
	}
	var out []domain.HallTable
	idx := map[int64]int{}
	for rows.Next() {
		var t domain.HallTable
		if err := rows.Scan(&t.ID, &t.PrisonID, &t.Label, &t.Row, &t.Col, &t.Seats, &t.Quiet, &t.StepFree); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: hall tables: %w", err)
		}
		idx[t.ID] = len(out)
		out = append(out, t)
	}
	rows.Close()
	adj, err := s.read.QueryContext(ctx, `SELECT a.table_a, a.table_b FROM hall_adjacency a JOIN hall_tables t ON t.id = a.table_a WHERE t.prison_id = ? ORDER BY 1, 2`, prisonID)
	if err != nil {
		return nil, fmt.Errorf("store: adjacency: %w", err)
	}
	defer adj.Close()
	for adj.Next() {
		var a, b int64
		if err := adj.Scan(&a, &b); err != nil {
			return nil, fmt.Errorf("store: adjacency: %w", err)
		}
		out[idx[a]].Adjacent = append(out[idx[a]].Adjacent, b)
		out[idx[b]].Adjacent = append(out[idx[b]].Adjacent, a)
	}
	return out, adj.Err()
}

// CreateLocalAuthority adds a local authority with no Welsh name of its
// own.
func (s *Store) CreateLocalAuthority(ctx context.Context, actor domain.Actor, name string) (int64, error) {
	return s.AddLocalAuthority(ctx, actor, domain.LocalAuthority{Name: name})
}

// AddLocalAuthority adds a local authority, with its Welsh name if given.
func (s *Store) AddLocalAuthority(ctx context.Context, actor domain.Actor, la domain.LocalAuthority) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO local_authorities (name, name_cy) VALUES (?, ?)`, la.Name, la.NameCy)
		if err != nil {
			return fmt.Errorf("store: create local authority: %w", err)
		}
		id, _ = res.LastInsertId()
		after := map[string]any{"name": la.Name}
		if la.NameCy != "" {
			after["name_cy"] = la.NameCy
		}
		return s.audit(tx, actor, "create", "local_authority", id, nil, after)
	})
	return id, err
}

// LocalAuthorities lists local authorities by name.
func (s *Store) LocalAuthorities(ctx context.Context) ([]domain.LocalAuthority, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, name_cy FROM local_authorities ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: local authorities: %w", err)
	}
	defer rows.Close()
	var out []domain.LocalAuthority
	for rows.Next() {
		var l domain.LocalAuthority
		if err := rows.Scan(&l.ID, &l.Name, &l.NameCy); err != nil {
			return nil, fmt.Errorf("store: local authorities: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

const schoolCols = `s.id, s.name, s.type, s.language_medium, s.local_authority_id, la.name, la.name_cy, s.head_name, s.head_email, s.phone, s.address, s.lang, s.distance_miles`

func scanSchool(r interface{ Scan(...any) error }) (domain.School, error) {
	var x domain.School
	err := r.Scan(&x.ID, &x.Name, &x.Type, &x.LanguageMedium, &x.LocalAuthorityID, &x.LocalAuthority, &x.LocalAuthorityCy, &x.HeadName, &x.HeadEmail, &x.Phone, &x.Address, &x.Lang, &x.DistanceMiles)
	return x, err
}

// CreateSchool adds a school (or PRU, EOTAS provision…).
func (s *Store) CreateSchool(ctx context.Context, actor domain.Actor, x domain.School) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO schools (name, type, language_medium, local_authority_id, head_name, head_email, phone, address, lang, distance_miles)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, x.Name, x.Type, x.LanguageMedium, x.LocalAuthorityID, x.HeadName, x.HeadEmail, x.Phone, x.Address, x.Lang, x.DistanceMiles)
		if err != nil {
			return fmt.Errorf("store: create school: %w", err)
		}
		id, _ = res.LastInsertId()
		x.ID = id
		return s.audit(tx, actor, "create", "school", id, nil, x)
	})
	return id, err
}

// Schools lists schools by name.
func (s *Store) Schools(ctx context.Context) ([]domain.School, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+schoolCols+` FROM schools s JOIN local_authorities la ON la.id = s.local_authority_id ORDER BY s.name`)
	if err != nil {
		return nil, fmt.Errorf("store: schools: %w", err)
	}
	defer rows.Close()
	var out []domain.School
	for rows.Next() {
		x, err := scanSchool(rows)
		if err != nil {
			return nil, fmt.Errorf("store: schools: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// School returns one school.
func (s *Store) School(ctx context.Context, id int64) (domain.School, error) {
	x, err := scanSchool(s.read.QueryRowContext(ctx, `SELECT `+schoolCols+` FROM schools s JOIN local_authorities la ON la.id = s.local_authority_id WHERE s.id = ?`, id))
	if err != nil {
		return x, notFound(err, "school", id)
	}
	return x, nil
}

// CreateTeacher adds a member of staff at a school.
func (s *Store) CreateTeacher(ctx context.Context, actor domain.Actor, t domain.Teacher) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO teachers (school_id, name, email, role, lang) VALUES (?, ?, ?, ?, ?)`, t.SchoolID, t.Name, t.Email, t.Role, t.Lang)
		if err != nil {
			return fmt.Errorf("store: create teacher: %w", err)
		}
		id, _ = res.LastInsertId()
		t.ID = id
		return s.audit(tx, actor, "create", "teacher", id, nil, t)
	})
	return id, err
}

// Teachers lists staff, at one school when schoolID is non-zero.
func (s *Store) Teachers(ctx context.Context, schoolID int64) ([]domain.Teacher, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, school_id, name, email, role, lang FROM teachers WHERE ? = 0 OR school_id = ? ORDER BY name`, schoolID, schoolID)
	if err != nil {
		return nil, fmt.Errorf("store: teachers: %w", err)
	}
	defer rows.Close()
	var out []domain.Teacher
	for rows.Next() {
		var t domain.Teacher
		if err := rows.Scan(&t.ID, &t.SchoolID, &t.Name, &t.Email, &t.Role, &t.Lang); err != nil {
			return nil, fmt.Errorf("store: teachers: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
