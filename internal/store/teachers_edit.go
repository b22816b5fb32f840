package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// UpdateTeacher changes a member of a school's staff: name, email, role and
// language. The school stays: registers, nominations and meetings all name
// staff of a school, so someone who moves school is added there anew. A
// new role changes whether cover is assumed, so the costs of showcases
// where they meet families are marked out of date. The audit row names the
// fields changed.
func (s *Store) UpdateTeacher(ctx context.Context, actor domain.Actor, schoolID int64, t domain.Teacher) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var was domain.Teacher
		err := tx.QueryRowContext(ctx, `SELECT id, school_id, name, email, role, lang FROM teachers WHERE id = ? AND school_id = ?`, t.ID, schoolID).
			Scan(&was.ID, &was.SchoolID, &was.Name, &was.Email, &was.Role, &was.Lang)
		if err != nil {
			return notFound(err, "teacher", t.ID)
		}
		var changed changes
		changed.note("name", was.Name, t.Name)
		changed.note("email", was.Email, t.Email)
		changed.note("role", was.Role, t.Role)
		changed.note("lang", was.Lang, t.Lang)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE teachers SET name = ?, email = ?, role = ?, lang = ? WHERE id = ?`, t.Name, t.Email, t.Role, t.Lang, t.ID); err != nil {
			return fmt.Errorf("store: update teacher %d: %w", t.ID, err)
		}
		if was.Role != t.Role {
			if err := bumpCostInputs(tx, `id IN (SELECT event_id FROM meetings WHERE teacher_id = ?)`, t.ID); err != nil {
				return err
			}
		}
		return s.audit(tx, actor, "update", "teacher", t.ID, nil, map[string]any{"school_id": schoolID, "changed": changed})
	})
}
