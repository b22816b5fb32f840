package domain

import "strings"

// The child's register ("who at school may know") is the source of truth
// for what a school hears. A nomination, a meeting, a pack or an invite may
// only reach a teacher the child's register names, whatever order the steps
// were recorded in. This file holds those rules; the store applies them in
// the transaction of every change that could break them.

// ConflictKind says how a nomination and the child's wishes disagree.
type ConflictKind string

const (
	// ConflictNotOnRegister: a nominated teacher is not on the register of a
	// child at their school. The teacher may not meet the family until the
	// nomination changes or the child and carer agree that they may know.
	ConflictNotOnRegister ConflictKind = "not_on_register"
	// ConflictPreferredLeftOut: the teacher the child asked for was not
	// nominated, and nobody has recorded why.
	ConflictPreferredLeftOut ConflictKind = "preferred_left_out"
)

// Override step outcomes that settle a conflict.
const (
	OverrideTeacherChoice  = "teacher_choice"  // preferred teacher not nominated, with a reason
	OverrideRegisterAgreed = "register_agreed" // child and carer now agree a teacher may know
)

// Conflict is one disagreement between the child's register and a
// nomination: which child, which teacher, and of which kind.
type Conflict struct {
	Kind      ConflictKind
	ChildID   int64
	Child     string
	SchoolID  int64
	TeacherID int64
}

// Nominated lists the teachers the headteacher nominated in the school's
// current agreement (after the current consent), or nil if there is none.
func (c Case) Nominated(schoolID int64) []int64 {
	a := c.latestAfterConsent(StepAgreement, schoolID)
	if a == nil || a.Outcome != Agreed {
		return nil
	}
	return a.TeacherIDs
}

// Conflicts lists every disagreement between the attending children's
// registers and their schools' current nominations. A child whose views are
// not yet recorded has no register to disagree with.
func (c Case) Conflicts() []Conflict {
	if !c.ConsentGiven() {
		return nil
	}
	var out []Conflict
	for _, ch := range c.AttendingChildren() {
		if ch.SchoolID == 0 || ch.ViewsRecordedOn == "" {
			continue
		}
		nominated := c.Nominated(ch.SchoolID)
		if nominated == nil {
			continue
		}
		for _, t := range nominated {
			if !ch.MayKnowTeacher(t) {
				out = append(out, Conflict{Kind: ConflictNotOnRegister, ChildID: ch.ID, Child: ch.FirstName, SchoolID: ch.SchoolID, TeacherID: t})
			}
		}
		if p := ch.PreferredTeacherID; p != 0 && !contains(nominated, p) && !c.choiceExplained(ch) {
			out = append(out, Conflict{Kind: ConflictPreferredLeftOut, ChildID: ch.ID, Child: ch.FirstName, SchoolID: ch.SchoolID, TeacherID: p})
		}
	}
	return out
}

// choiceExplained reports whether a reason was recorded, after the school's
// current agreement, for not nominating the child's preferred teacher. A
// reason given for another teacher does not count: the child asked again.
func (c Case) choiceExplained(ch Child) bool {
	a := c.latestAfterConsent(StepAgreement, ch.SchoolID)
	for i := len(c.Steps) - 1; i >= 0; i-- {
		s := c.Steps[i]
		if a != nil && s.ID < a.ID {
			break
		}
		if s.Kind != StepOverride || s.Outcome != OverrideTeacherChoice || s.SchoolID != ch.SchoolID {
			continue
		}
		if (s.ChildID == 0 || s.ChildID == ch.ID) && (len(s.TeacherIDs) == 0 || contains(s.TeacherIDs, ch.PreferredTeacherID)) {
			return true
		}
	}
	return false
}

// MeetingAllowed reports whether a teacher at schoolID may meet the family:
// nominated in that school's current agreement, and on the register of every
// attending child at that school (each of them is talked about at the table).
func (c Case) MeetingAllowed(teacherID, schoolID int64) bool {
	if !contains(c.Nominated(schoolID), teacherID) {
		return false
	}
	some := false
	for _, ch := range c.AttendingChildren() {
		if ch.SchoolID != schoolID {
			continue
		}
		if !ch.MayKnowTeacher(teacherID) {
			return false
		}
		some = true
	}
	return some
}

// PupilsFor lists the children a teacher may be told about: attending, and
// named on their register. Anything sent to a teacher is built from this.
func PupilsFor(children []Child, teacherID int64) []Child {
	var out []Child
	for _, ch := range children {
		if ch.Attending() && ch.MayKnowTeacher(teacherID) {
			out = append(out, ch)
		}
	}
	return out
}

// ResolveInput settles one conflict: the coordinator records that the child
// and carer now agree, who decided and why.
type ResolveInput struct {
	ChildID    int64
	TeacherID  int64
	Kind       ConflictKind
	DecidedBy  string // child, carer or both
	Why        string
	OccurredOn string
}

// DecideResolve validates a resolution against the case's open conflicts.
// A teacher the child did not put on the register is added to it, approved
// by whoever decided; a preferred teacher left out is explained. Either way
// an override step records who decided and why.
func (c Case) DecideResolve(in ResolveInput, today string) (Step, *Disclosure, error) {
	var p Problems
	if in.DecidedBy == "" {
		p.Add("decided_by", "err.resolve_decided_by")
	} else {
		checkChoice(&p, "decided_by", in.DecidedBy, []string{"child", "carer", "both"})
	}
	if strings.TrimSpace(in.Why) == "" {
		p.Add("why", "err.resolve_why")
	}
	checkDate(&p, "occurred_on", in.OccurredOn, today)
	if err := p.Err(); err != nil {
		return Step{}, nil, err
	}
	var found *Conflict
	for _, x := range c.Conflicts() {
		if x.ChildID == in.ChildID && x.TeacherID == in.TeacherID && x.Kind == in.Kind {
			x := x
			found = &x
		}
	}
	if found == nil {
		return Step{}, nil, gate(GateVoice, "gate.no_such_conflict", nil)
	}
	st := Step{FamilyID: c.Family.ID, Kind: StepOverride, SchoolID: found.SchoolID, ChildID: found.ChildID,
		ReasonCategory: in.DecidedBy, OccurredOn: in.OccurredOn, Notes: strings.TrimSpace(in.Why), TeacherIDs: []int64{found.TeacherID}}
	if found.Kind == ConflictPreferredLeftOut {
		st.Outcome = OverrideTeacherChoice
		return st, nil, nil
	}
	st.Outcome = OverrideRegisterAgreed
	return st, &Disclosure{TeacherID: found.TeacherID, ApprovedBy: in.DecidedBy, RecordedOn: in.OccurredOn}, nil
}
