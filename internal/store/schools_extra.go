package store

import (
	"context"
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
	return column[string](ctx, s.read, "audit entities", `SELECT DISTINCT entity FROM audit_log ORDER BY entity`)
}
