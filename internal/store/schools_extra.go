package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// TeacherCounts gives the number of staff on record at each school, keyed
// by school ID; schools with none are absent.
func (s *Store) TeacherCounts(ctx context.Context) (map[int64]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT school_id, COUNT(*) FROM teachers GROUP BY school_id`)
	if err != nil {
		return nil, fmt.Errorf("store: teacher counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: teacher counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// CasesAtSchool loads the case of every family in sc with a child at the
// school, by family ID. A school serves families of several prisons; each
// coordinator sees only their own.
func (s *Store) CasesAtSchool(ctx context.Context, sc domain.Scope, schoolID int64) ([]domain.Case, error) {
	cond, args := familyCond("f", sc)
	all, err := loadCases(ctx, s.read, caseSet{`f.id IN (SELECT family_id FROM children WHERE school_id = ?) AND ` + cond, append([]any{schoolID}, args...)})
	if err != nil {
		return nil, err
	}
	out := make([]domain.Case, 0, len(all))
	for _, c := range all {
		if sc.Sees(c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// AuditEntities lists the kinds of record the audit log mentions, for the
// log's filter.
func (s *Store) AuditEntities(ctx context.Context) ([]string, error) {
	return column[string](ctx, s.read, "audit entities", distinctAudit("entity"))
}

// UpdateSchool changes a school's details, checked by the domain as a new
// school is. Its type, local authority and distance feed the costs of
// every showcase where its staff or pupils take part, which are then
// marked out of date. The audit row names the fields changed.
func (s *Store) UpdateSchool(ctx context.Context, actor domain.Actor, x domain.School) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		was, err := scanSchool(tx.QueryRowContext(ctx, `SELECT `+schoolCols+` FROM schools s JOIN local_authorities la ON la.id = s.local_authority_id WHERE s.id = ?`, x.ID))
		if err != nil {
			return notFound(err, "school", x.ID)
		}
		var changed changes
		changed.note("name", was.Name, x.Name)
		changed.note("type", was.Type, x.Type)
		changed.note("language_medium", was.LanguageMedium, x.LanguageMedium)
		changed.note("local_authority_id", was.LocalAuthorityID, x.LocalAuthorityID)
		changed.note("head_name", was.HeadName, x.HeadName)
		changed.note("head_email", was.HeadEmail, x.HeadEmail)
		changed.note("phone", was.Phone, x.Phone)
		changed.note("address", was.Address, x.Address)
		changed.note("lang", was.Lang, x.Lang)
		changed.note("distance_miles", was.DistanceMiles, x.DistanceMiles)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE schools SET name = ?, type = ?, language_medium = ?, local_authority_id = ?, head_name = ?, head_email = ?,
			phone = ?, address = ?, lang = ?, distance_miles = ? WHERE id = ?`, x.Name, x.Type, x.LanguageMedium, x.LocalAuthorityID, x.HeadName,
			x.HeadEmail, x.Phone, x.Address, x.Lang, x.DistanceMiles, x.ID); err != nil {
			return fmt.Errorf("store: update school %d: %w", x.ID, err)
		}
		if was.Type != x.Type || was.LocalAuthorityID != x.LocalAuthorityID || was.DistanceMiles != x.DistanceMiles {
			if err := bumpCostInputs(tx, `id IN (SELECT m.event_id FROM meetings m JOIN teachers t ON t.id = m.teacher_id WHERE t.school_id = ?)
				OR id IN (SELECT ef.event_id FROM event_families ef JOIN children c ON c.family_id = ef.family_id WHERE c.school_id = ?)`, x.ID, x.ID); err != nil {
				return err
			}
		}
		return s.audit(tx, actor, "update", "school", x.ID, nil, map[string]any{"changed": changed})
	})
}
