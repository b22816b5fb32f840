package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// ReinstateTeacher undoes a withdrawal: the teacher can make every slot
// again. Nobody is seated by it. The showcase's allocation and costs are
// marked out of date, and the next allocation, which SaveAllocation checks
// against every safeguard, is what gives the teacher meetings again. A
// teacher who is not withdrawn is a GateError, so a second click changes
// nothing.
func (s *Store) ReinstateTeacher(ctx context.Context, actor domain.Actor, eventID, teacherID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := eventInScope(ctx, tx, actor.Scope, eventID); err != nil {
			return err
		}
		var slots, gone int
		if err := tx.QueryRowContext(ctx, `SELECT slots, (SELECT count(*) FROM teacher_unavailable u WHERE u.event_id = e.id AND u.teacher_id = ? AND u.slot >= 0 AND u.slot < e.slots)
			FROM events e WHERE e.id = ?`, teacherID, eventID).Scan(&slots, &gone); err != nil {
			return notFound(err, "event", eventID)
		}
		if gone < slots {
			return &domain.GateError{Gate: domain.GateNotAllowed, Key: "allocation.err_not_withdrawn"}
		}
		if _, err := tx.Exec(`DELETE FROM teacher_unavailable WHERE event_id = ? AND teacher_id = ?`, eventID, teacherID); err != nil {
			return fmt.Errorf("store: reinstate teacher %d: %w", teacherID, err)
		}
		if err := bumpInputs(tx, `id = ?`, eventID); err != nil {
			return err
		}
		return s.audit(tx, actor, "reinstate_teacher", "event", eventID, nil, map[string]any{"teacher_id": teacherID})
	})
}

// TeacherUnavailable lists the slots a teacher cannot make at a showcase.
func (s *Store) TeacherUnavailable(ctx context.Context, eventID, teacherID int64) ([]int, error) {
	return column[int](ctx, s.read, "teacher unavailable", `SELECT slot FROM teacher_unavailable WHERE event_id = ? AND teacher_id = ? ORDER BY slot`, eventID, teacherID)
}
