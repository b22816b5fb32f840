package domain

import "sort"

// Case is everything the workflow needs to decide where a family stands.
type Case struct {
	Family   Family
	Carers   []Carer
	Children []Child
	Steps    []Step // in the order they were recorded
	// Sessions holds the awareness sessions delivered at each school of the
	// family's children, keyed by school ID.
	Sessions map[int64][]AwarenessSession
}

// Stage is where a case stands. It is derived from the recorded steps,
// never stored, so it cannot drift from the record.
type Stage string

const (
	StageReferred  Stage = "referred"  // awaiting carer consent
	StageConsented Stage = "consented" // awaiting headteacher agreement
	StageAgreed    Stage = "agreed"    // awaiting awareness session
	StageAware     Stage = "aware"     // awaiting child's voice or clearance
	StageConflict  Stage = "conflict"  // a nomination goes against a child's register
	StageReady     Stage = "ready"     // ready for allocation
	StageDeclined  Stage = "declined"  // carer declined consent
	StageWithdrawn Stage = "withdrawn" // carer withdrew consent
	StageNotAgreed Stage = "not_agreed"
	StageRefused   Stage = "refused" // prison refused clearance
	StageOnHold    Stage = "on_hold" // parent no longer held here, or no child attending
)

// Stages lists stages in workflow order for the dashboard.
var Stages = []Stage{StageReferred, StageConsented, StageAgreed, StageAware, StageConflict, StageReady, StageOnHold, StageNotAgreed, StageDeclined, StageWithdrawn, StageRefused}

// SchoolProgress is the state of one school of the family's attending children.
type SchoolProgress struct {
	SchoolID  int64
	Agreement *Step // latest headteacher decision, nil if none
	Session   *AwarenessSession
}

// Agreed reports whether the headteacher's latest decision is agreement.
func (s SchoolProgress) Agreed() bool { return s.Agreement != nil && s.Agreement.Outcome == Agreed }

// Progress summarises a case: its stage, the next action and the facts
// behind them.
type Progress struct {
	Stage        Stage
	Next         string // catalogue key of the next action
	Consent      *Step
	Clearance    *Step
	Schools      []SchoolProgress
	VoiceMissing []Child // attending children whose views are not recorded
	Conflicts    []Conflict
	Disciplinary bool // refused or excluded on disciplinary grounds
}

// Consent returns the latest consent step, or nil.
func (c Case) Consent() *Step { return c.latest(StepConsent, 0) }

// ConsentGiven reports whether the carer's consent currently stands.
func (c Case) ConsentGiven() bool {
	s := c.Consent()
	return s != nil && s.Outcome == ConsentGiven
}

func (c Case) latest(kind StepKind, schoolID int64) *Step {
	for i := len(c.Steps) - 1; i >= 0; i-- {
		s := c.Steps[i]
		if s.Kind == kind && (schoolID == 0 || s.SchoolID == schoolID) {
			return &c.Steps[i]
		}
	}
	return nil
}

// latestAfterConsent is like latest but ignores steps recorded before the
// current consent: after a withdrawal and fresh consent, earlier school and
// prison decisions must be taken again.
func (c Case) latestAfterConsent(kind StepKind, schoolID int64) *Step {
	s := c.latest(kind, schoolID)
	cons := c.Consent()
	if s == nil || cons == nil || s.ID < cons.ID {
		return nil
	}
	return s
}

// AttendingChildren are the children still taking part.
func (c Case) AttendingChildren() []Child {
	var out []Child
	for _, ch := range c.Children {
		if ch.Attending() {
			out = append(out, ch)
		}
	}
	return out
}

// SchoolIDs lists the schools of attending children, in ascending order.
func (c Case) SchoolIDs() []int64 {
	seen := map[int64]bool{}
	var ids []int64
	for _, ch := range c.AttendingChildren() {
		if ch.SchoolID != 0 && !seen[ch.SchoolID] {
			seen[ch.SchoolID] = true
			ids = append(ids, ch.SchoolID)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func (c Case) hasSchool(id int64) bool {
	for _, s := range c.SchoolIDs() {
		if s == id {
			return true
		}
	}
	return false
}

// Progress works out the case's stage and next action from its steps.
func (c Case) Progress() Progress {
	p := Progress{Consent: c.Consent(), Clearance: c.latestAfterConsent(StepClearance, 0)}
	for _, st := range c.Steps {
		if st.Kind == StepClearance && st.Outcome == Refused && st.ReasonCategory == ReasonDisciplinary {
			p.Disciplinary = true
		}
	}
	for _, id := range c.SchoolIDs() {
		sp := SchoolProgress{SchoolID: id, Agreement: c.latestAfterConsent(StepAgreement, id)}
		if ss := c.Sessions[id]; len(ss) > 0 {
			s := latestSession(ss)
			sp.Session = &s
		}
		p.Schools = append(p.Schools, sp)
	}
	for _, ch := range c.AttendingChildren() {
		if ch.ViewsRecordedOn == "" {
			p.VoiceMissing = append(p.VoiceMissing, ch)
		}
	}
	p.Conflicts = c.Conflicts()
	p.Stage, p.Next = c.stage(p)
	if c.Family.Erased {
		p.Next = "next.none_erased"
	}
	return p
}

func (c Case) stage(p Progress) (Stage, string) {
	switch {
	case p.Consent == nil:
		return StageReferred, "next.get_consent"
	case p.Consent.Outcome == ConsentDeclined:
		return StageDeclined, "next.none_declined"
	case p.Consent.Outcome == ConsentWithdrawn:
		return StageWithdrawn, "next.none_withdrawn"
	case p.Clearance != nil && p.Clearance.Outcome == Refused:
		return StageRefused, "next.none_refused"
	case len(c.AttendingChildren()) == 0:
		return StageOnHold, "next.no_child_attending"
	}
	for _, ch := range c.AttendingChildren() {
		if ch.SchoolID == 0 {
			return StageConsented, "next.add_school"
		}
	}
	anyDeclined := false
	for _, s := range p.Schools {
		if s.Agreement == nil {
			return StageConsented, "next.ask_head"
		}
		if !s.Agreed() {
			anyDeclined = true
		}
	}
	if anyDeclined {
		return StageNotAgreed, "next.head_declined"
	}
	// A conflict shows as soon as both sides are recorded, whichever came
	// first: the child is heard before anything else moves on.
	if len(p.Conflicts) > 0 {
		return StageConflict, "next.resolve_conflict"
	}
	for _, s := range p.Schools {
		if s.Session == nil {
			return StageAgreed, "next.run_session"
		}
	}
	if len(p.VoiceMissing) > 0 {
		return StageAware, "next.record_voice"
	}
	if p.Clearance == nil {
		return StageAware, "next.request_clearance"
	}
	if c.Family.ParentStatus != Held {
		return StageOnHold, "next.parent_not_held"
	}
	return StageReady, "next.allocate"
}

func latestSession(ss []AwarenessSession) AwarenessSession {
	best := ss[0]
	for _, s := range ss[1:] {
		if s.DeliveredOn > best.DeliveredOn || (s.DeliveredOn == best.DeliveredOn && s.ID > best.ID) {
			best = s
		}
	}
	return best
}

// Ready reports whether the family may be allocated to a showcase.
// An erased family keeps its stage for figures but is never seated again.
func (c Case) Ready() bool { return !c.Family.Erased && c.Progress().Stage == StageReady }
