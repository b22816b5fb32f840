package store

import (
	"context"
	"database/sql"
	"fmt"

	"schoolzone/internal/domain"
)

// RecordSteps loads the case inside a write transaction, lets decide check
// the gates against it, and stores the steps it returns. Deciding inside the
// transaction means two coordinators cannot both pass a gate that only one
// of them should. A family outside the actor's scope is ErrNotFound.
func (s *Store) RecordSteps(ctx context.Context, actor domain.Actor, familyID int64, decide func(domain.Case) ([]domain.Step, error)) ([]domain.Step, error) {
	var out []domain.Step
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		steps, err := decide(c)
		if err != nil {
			return err
		}
		for _, st := range steps {
			if err := s.insertStep(tx, actor, familyID, &st); err != nil {
				return err
			}
			if err := s.audit(tx, actor, "record_"+string(st.Kind), "family", familyID, nil, st); err != nil {
				return err
			}
			out = append(out, st)
		}
		return s.settleFamily(ctx, tx, actor, c)
	})
	return out, err
}

func (s *Store) insertStep(tx *sql.Tx, actor domain.Actor, familyID int64, st *domain.Step) error {
	res, err := tx.Exec(`INSERT INTO steps (family_id, kind, outcome, school_id, child_id, route, reason_category, occurred_on, recorded_by, recorded_at, notes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, familyID, st.Kind, st.Outcome, nullInt(st.SchoolID), nullInt(st.ChildID), st.Route,
		st.ReasonCategory, st.OccurredOn, nullInt(actor.ID), s.stamp(), st.Notes)
	if err != nil {
		return fmt.Errorf("store: record %s: %w", st.Kind, err)
	}
	st.ID, _ = res.LastInsertId()
	st.FamilyID = familyID
	for _, t := range st.TeacherIDs {
		if _, err := tx.Exec(`INSERT INTO step_teachers (step_id, teacher_id) VALUES (?, ?)`, st.ID, t); err != nil {
			return fmt.Errorf("store: step teacher: %w", err)
		}
	}
	return nil
}

// RecordVoice stores the child's voice after decide has checked it against
// the case, for a family in the actor's scope. The register it records is
// the source of truth: nominations and meetings already made are checked
// against it in the same transaction, whatever order the steps came in.
func (s *Store) RecordVoice(ctx context.Context, actor domain.Actor, familyID int64, decide func(domain.Case) (domain.Child, error)) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.recordVoice(ctx, tx, actor, familyID, decide)
	})
}

// RecordVoiceByLink records a child's views as their carer gives them
// through their personal link: the link is checked in the same
// transaction, it reaches only its own family, and everything after is
// RecordVoice's, so a narrower register withdraws meetings and reopens the
// decision just as it does from the staff pages.
func (s *Store) RecordVoiceByLink(ctx context.Context, hash string, decide func(domain.Case) (domain.Child, error)) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		l, err := linkByHash(ctx, tx, hash, s.stamp())
		if err != nil {
			return err
		}
		if l.Kind != "carer" || l.FamilyID == 0 {
			return domain.ErrNotFound
		}
		return s.recordVoice(ctx, tx, linkActor(l), l.FamilyID, decide)
	})
}

func (s *Store) recordVoice(ctx context.Context, tx *sql.Tx, actor domain.Actor, familyID int64, decide func(domain.Case) (domain.Child, error)) error {
	c, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
	if err != nil {
		return err
	}
	ch, err := decide(c)
	if err != nil {
		return err
	}
	var before domain.Child
	for _, x := range c.Children {
		if x.ID == ch.ID {
			before = x
		}
	}
	if _, err := tx.Exec(`UPDATE children SET wants_to_attend = ?, preferred_teacher_id = ?, views_obtained_how = ?, views_recorded_on = ? WHERE id = ? AND family_id = ?`,
		ch.WantsToAttend, nullInt(ch.PreferredTeacherID), ch.ViewsObtainedHow, ch.ViewsRecordedOn, ch.ID, familyID); err != nil {
		return fmt.Errorf("store: record voice: %w", err)
	}
	if _, err := tx.Exec(`DELETE FROM child_disclosures WHERE child_id = ?`, ch.ID); err != nil {
		return fmt.Errorf("store: record voice: %w", err)
	}
	if err := insertDisclosures(tx, ch.ID, ch.MayKnow); err != nil {
		return err
	}
	if err := s.audit(tx, actor, "record_voice", "child", ch.ID, voiceAudit(before), voiceAudit(ch)); err != nil {
		return err
	}
	return s.settleFamily(ctx, tx, actor, c)
}

func insertDisclosures(tx *sql.Tx, childID int64, ds []domain.Disclosure) error {
	for _, d := range ds {
		if _, err := tx.Exec(`INSERT INTO child_disclosures (child_id, teacher_id, approved_by, recorded_on) VALUES (?, ?, ?, ?)
			ON CONFLICT (child_id, teacher_id) DO UPDATE SET approved_by = excluded.approved_by, recorded_on = excluded.recorded_on`,
			childID, d.TeacherID, d.ApprovedBy, d.RecordedOn); err != nil {
			return fmt.Errorf("store: record disclosure: %w", err)
		}
	}
	return nil
}

// RecordResolution settles a conflict between a nomination and a child's
// register: decide returns the override step (who decided and why) and,
// when the child and carer now agree a teacher may know, the disclosure to
// add to the child's register.
func (s *Store) RecordResolution(ctx context.Context, actor domain.Actor, familyID int64, decide func(domain.Case) (domain.Step, *domain.Disclosure, error)) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		c, err := loadCaseToChange(ctx, tx, actor.Scope, familyID)
		if err != nil {
			return err
		}
		st, d, err := decide(c)
		if err != nil {
			return err
		}
		if err := s.insertStep(tx, actor, familyID, &st); err != nil {
			return err
		}
		if d != nil {
			if err := insertDisclosures(tx, st.ChildID, []domain.Disclosure{*d}); err != nil {
				return err
			}
		}
		if err := s.audit(tx, actor, "resolve_conflict", "family", familyID, nil, st); err != nil {
			return err
		}
		return s.settleFamily(ctx, tx, actor, c)
	})
}

func voiceAudit(c domain.Child) map[string]any {
	return map[string]any{"wants_to_attend": c.WantsToAttend, "preferred_teacher_id": c.PreferredTeacherID,
		"may_know": c.MayKnow, "obtained_how": c.ViewsObtainedHow, "recorded_on": c.ViewsRecordedOn}
}

// RecordAwareness stores an awareness session at a school. decide is told
// whether the headteacher there has agreed for any family in the actor's
// scope whose consent stands: another prison's family is not theirs to
// know of.
func (s *Store) RecordAwareness(ctx context.Context, actor domain.Actor, schoolID int64, decide func(headAgreed bool) (domain.AwarenessSession, error)) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		agreed, err := s.headAgreedAt(ctx, tx, actor.Scope, schoolID)
		if err != nil {
			return err
		}
		a, err := decide(agreed)
		if err != nil {
			return err
		}
		res, err := tx.Exec(`INSERT INTO awareness_sessions (school_id, delivered_on, delivered_by, attendees, route, notes, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, schoolID, a.DeliveredOn, a.DeliveredBy, a.Attendees, a.Route, a.Notes, nullInt(actor.ID), s.stamp())
		if err != nil {
			return fmt.Errorf("store: record awareness session: %w", err)
		}
		id, _ = res.LastInsertId()
		a.ID, a.SchoolID = id, schoolID
		// A session moves every family at the school on, whoever's they are.
		if err := deriveFamilies(ctx, tx, caseSet{`f.id IN (SELECT family_id FROM children WHERE school_id = ?)`, []any{schoolID}}); err != nil {
			return err
		}
		return s.audit(tx, actor, "record_awareness_session", "school", schoolID, nil, a)
	})
	return id, err
}

func (s *Store) headAgreedAt(ctx context.Context, q querier, sc domain.Scope, schoolID int64) (bool, error) {
	cond, args := familyCond("f", sc)
	cases, err := loadCases(ctx, q, caseSet{`f.id IN (SELECT family_id FROM children WHERE school_id = ?) AND ` + cond, append([]any{schoolID}, args...)})
	if err != nil {
		return false, err
	}
	for _, c := range cases {
		if !c.ConsentGiven() {
			continue
		}
		for _, sp := range c.Progress().Schools {
			if sp.SchoolID == schoolID && sp.Agreed() {
				return true, nil
			}
		}
	}
	return false, nil
}

// SchoolSessions lists the awareness sessions delivered at a school.
func (s *Store) SchoolSessions(ctx context.Context, schoolID int64) ([]domain.AwarenessSession, error) {
	return schoolSessions(ctx, s.read, schoolID)
}

// HeadAgreedAt reports whether a headteacher has agreed at the school for
// any family in sc whose consent stands.
func (s *Store) HeadAgreedAt(ctx context.Context, sc domain.Scope, schoolID int64) (bool, error) {
	return s.headAgreedAt(ctx, s.read, sc, schoolID)
}
