package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// UpdateChild changes one child's details, in the actor's scope, by the
// domain's ChangeChild: a child who moves school loses their register and
// preferred teacher in this same transaction, and settleFamily then takes
// the family out of any showcase to come and withdraws any meeting the
// change no longer allows. The audit row names the fields changed, never
// what was in them.
func (s *Store) UpdateChild(ctx context.Context, actor domain.Actor, familyID, childID int64, in domain.ChildDetails) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		ch, err := before.ChangeChild(childID, in)
		if err != nil {
			return err
		}
		if ch.SchoolID != 0 {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM schools WHERE id = ?)`, ch.SchoolID).Scan(&ok); err != nil {
				return fmt.Errorf("store: update child: %w", err)
			}
			if !ok {
				var p domain.Problems
				p.Add("school_id", "err.choice")
				return p.Err()
			}
		}
		var was domain.Child
		for _, x := range before.Children {
			if x.ID == childID {
				was = x
			}
		}
		var changed changes
		note := changed.note
		note("first_name", was.FirstName, ch.FirstName)
		note("last_name", was.LastName, ch.LastName)
		note("year_group", was.YearGroup, ch.YearGroup)
		note("school_id", was.SchoolID, ch.SchoolID)
		note("needs_quiet", was.NeedsQuiet, ch.NeedsQuiet)
		note("needs_step_free", was.NeedsStepFree, ch.NeedsStepFree)
		note("needs_notes", was.NeedsNotes, ch.NeedsNotes)
		note("dietary", was.Dietary, ch.Dietary)
		note("share_needs", was.ShareNeeds, ch.ShareNeeds)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE children SET first_name = ?, last_name = ?, year_group = ?, school_id = ?, needs_quiet = ?, needs_step_free = ?,
			needs_notes = ?, dietary = ?, share_needs_with_school = ?, preferred_teacher_id = ?, views_recorded_on = ? WHERE id = ? AND family_id = ?`,
			ch.FirstName, ch.LastName, ch.YearGroup, nullInt(ch.SchoolID), b2i(ch.NeedsQuiet), b2i(ch.NeedsStepFree), ch.NeedsNotes, ch.Dietary,
			b2i(ch.ShareNeeds), nullInt(ch.PreferredTeacherID), nullStr(ch.ViewsRecordedOn), childID, familyID); err != nil {
			return fmt.Errorf("store: update child %d: %w", childID, err)
		}
		if ch.SchoolID != was.SchoolID {
			if _, err := tx.Exec(`DELETE FROM child_disclosures WHERE child_id = ?`, childID); err != nil {
				return fmt.Errorf("store: update child %d: %w", childID, err)
			}
		}
		if err := s.audit(tx, actor, "update_child", "child", childID, nil, map[string]any{"family_id": familyID, "changed": changed}); err != nil {
			return err
		}
		return s.settleFamily(ctx, tx, actor, before)
	})
}
