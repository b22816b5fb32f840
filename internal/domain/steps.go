package domain

import (
	"strings"
	"time"
)

// Input validation helpers shared by every Decide function.

func checkDate(p *Problems, field, value, today string) {
	if value == "" {
		p.Add(field, "err.required")
		return
	}
	day, err := time.Parse("2006-01-02", value)
	if err != nil {
		p.Add(field, "err.date")
		return
	}
	checkWindow(p, field, day, today)
}

func checkChoice[T ~string](p *Problems, field string, value T, allowed []T) {
	if value == "" {
		p.Add(field, "err.required")
		return
	}
	for _, a := range allowed {
		if a == value {
			return
		}
	}
	p.Add(field, "err.choice")
}

// ConsentInput is a carer's answer, however it was given.
type ConsentInput struct {
	Outcome    string
	Route      Route
	OccurredOn string
	Notes      string
}

// DecideConsent validates a consent step against the case. Consent may be
// given again after a withdrawal (carers change their minds), but a
// withdrawal needs consent to withdraw.
func (c Case) DecideConsent(in ConsentInput, today string) (Step, error) {
	var p Problems
	checkChoice(&p, "outcome", in.Outcome, []string{ConsentGiven, ConsentDeclined, ConsentWithdrawn})
	checkChoice(&p, "route", in.Route, Routes)
	checkDate(&p, "occurred_on", in.OccurredOn, today)
	if err := p.Err(); err != nil {
		return Step{}, err
	}
	given := c.ConsentGiven()
	switch {
	case in.Outcome == ConsentWithdrawn && !given:
		return Step{}, gate(GateConsent, "gate.withdraw_without_consent", nil)
	case in.Outcome == ConsentGiven && given:
		return Step{}, gate(GateConsent, "gate.consent_already_given", nil)
	case in.Outcome == ConsentDeclined && given:
		return Step{}, gate(GateConsent, "gate.decline_after_consent", nil)
	}
	return Step{FamilyID: c.Family.ID, Kind: StepConsent, Outcome: in.Outcome, Route: in.Route,
		OccurredOn: in.OccurredOn, Notes: strings.TrimSpace(in.Notes)}, nil
}

// AgreementInput is a headteacher's decision for one school.
type AgreementInput struct {
	SchoolID       int64
	Outcome        string
	Route          Route
	OccurredOn     string
	TeacherIDs     []int64
	OverrideReason string
	Notes          string
}

// DecideAgreement validates a headteacher's decision. Nobody at a school may
// be contacted before the carer consents, and a nominated teacher the child
// did not choose (or did not agree may know) needs a recorded reason.
// schoolTeachers are the teachers on the school's record.
func (c Case) DecideAgreement(in AgreementInput, schoolTeachers []Teacher, today string) (steps []Step, err error) {
	if !c.ConsentGiven() {
		return nil, gate(GateConsent, "gate.consent_first", nil)
	}
	if !c.hasSchool(in.SchoolID) {
		return nil, gate(GateSchool, "gate.school_not_in_case", nil)
	}
	var p Problems
	checkChoice(&p, "outcome", in.Outcome, []string{Agreed, NotAgreed})
	checkChoice(&p, "route", in.Route, Routes)
	checkDate(&p, "occurred_on", in.OccurredOn, today)
	byID := map[int64]Teacher{}
	for _, t := range schoolTeachers {
		byID[t.ID] = t
	}
	if in.Outcome == Agreed && len(in.TeacherIDs) == 0 {
		p.Add("teacher_ids", "err.nominate_teacher")
	}
	for _, id := range in.TeacherIDs {
		if _, ok := byID[id]; !ok {
			p.Add("teacher_ids", "err.teacher_not_at_school")
			break
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if in.Outcome == NotAgreed {
		in.TeacherIDs = nil
	}
	var leftOut []int64
	if in.Outcome == Agreed {
		var child string
		child, leftOut = c.preferredLeftOut(in.SchoolID, in.TeacherIDs)
		if len(leftOut) > 0 && strings.TrimSpace(in.OverrideReason) == "" {
			p.Add("override_reason", "err.override_reason_needed", map[string]any{"Child": child, "Teacher": byID[leftOut[0]].Name})
			return nil, p.Err()
		}
	}
	steps = append(steps, Step{FamilyID: c.Family.ID, Kind: StepAgreement, Outcome: in.Outcome, SchoolID: in.SchoolID,
		Route: in.Route, OccurredOn: in.OccurredOn, Notes: strings.TrimSpace(in.Notes), TeacherIDs: in.TeacherIDs})
	if r := strings.TrimSpace(in.OverrideReason); r != "" && len(leftOut) > 0 {
		steps = append(steps, Step{FamilyID: c.Family.ID, Kind: StepOverride, Outcome: OverrideTeacherChoice,
			SchoolID: in.SchoolID, Route: in.Route, OccurredOn: in.OccurredOn, Notes: r, TeacherIDs: leftOut})
	}
	return steps, nil
}

// preferredLeftOut finds the attending children at the school whose
// preferred teacher the nomination leaves out: the first child's name, and
// every teacher left out. A nominated teacher missing from a child's
// register is not refused here: it becomes a conflict on the case (see
// Conflicts), the same whichever of the two was recorded first.
func (c Case) preferredLeftOut(schoolID int64, nominated []int64) (child string, teachers []int64) {
	for _, ch := range c.AttendingChildren() {
		if ch.SchoolID != schoolID || ch.PreferredTeacherID == 0 || contains(nominated, ch.PreferredTeacherID) {
			continue
		}
		if child == "" {
			child = ch.FirstName
		}
		if !contains(teachers, ch.PreferredTeacherID) {
			teachers = append(teachers, ch.PreferredTeacherID)
		}
	}
	return child, teachers
}

// AwarenessInput records a session delivered at a school.
type AwarenessInput struct {
	SchoolID    int64
	DeliveredOn string
	DeliveredBy string
	Attendees   int
	Route       string
	Notes       string
}

// DecideAwareness validates an awareness session. It needs a headteacher's
// agreement at that school first: without it, staff there have no reason to
// be told anything. headAgreed says whether any current case at the school
// has one.
func DecideAwareness(in AwarenessInput, headAgreed bool, today string) (AwarenessSession, error) {
	var p Problems
	checkDate(&p, "delivered_on", in.DeliveredOn, today)
	if strings.TrimSpace(in.DeliveredBy) == "" {
		p.Add("delivered_by", "err.required")
	}
	if in.Attendees < 1 {
		p.Add("attendees", "err.attendees")
	} else {
		CheckNumber(&p, "attendees", in.Attendees)
	}
	checkChoice(&p, "route", in.Route, []string{"in_person", "online"})
	if err := p.Err(); err != nil {
		return AwarenessSession{}, err
	}
	if !headAgreed {
		return AwarenessSession{}, gate(GateAgreement, "gate.head_first", nil)
	}
	return AwarenessSession{SchoolID: in.SchoolID, DeliveredOn: in.DeliveredOn, DeliveredBy: strings.TrimSpace(in.DeliveredBy),
		Attendees: in.Attendees, Route: in.Route, Notes: strings.TrimSpace(in.Notes)}, nil
}

// VoiceInput is the child's voice: whether they want to come, which teacher,
// and who at school may know.
type VoiceInput struct {
	ChildID            int64
	WantsToAttend      Wish
	PreferredTeacherID int64
	MayKnow            []int64
	ApprovedBy         string
	ObtainedHow        string
	OccurredOn         string
}

// DecideVoice validates the child's voice. It is gathered through the carer,
// so it needs consent; the child may change their mind at any time.
func (c Case) DecideVoice(in VoiceInput, teachers []Teacher, today string) (Child, error) {
	if !c.ConsentGiven() {
		return Child{}, gate(GateConsent, "gate.consent_first", nil)
	}
	var child *Child
	for i := range c.Children {
		if c.Children[i].ID == in.ChildID {
			child = &c.Children[i]
		}
	}
	if child == nil {
		return Child{}, ErrNotFound
	}
	var p Problems
	checkChoice(&p, "wants_to_attend", in.WantsToAttend, Wishes)
	checkDate(&p, "occurred_on", in.OccurredOn, today)
	if strings.TrimSpace(in.ObtainedHow) == "" {
		p.Add("obtained_how", "err.obtained_how")
	}
	atSchool := map[int64]bool{}
	for _, t := range teachers {
		atSchool[t.ID] = t.SchoolID == child.SchoolID
	}
	if in.PreferredTeacherID != 0 && !atSchool[in.PreferredTeacherID] {
		p.Add("preferred_teacher_id", "err.teacher_not_at_school")
	}
	for _, id := range in.MayKnow {
		if !atSchool[id] {
			p.Add("may_know", "err.teacher_not_at_school")
			break
		}
	}
	if len(in.MayKnow) > 0 {
		checkChoice(&p, "approved_by", in.ApprovedBy, []string{"child", "carer", "both"})
	}
	if err := p.Err(); err != nil {
		return Child{}, err
	}
	out := *child
	out.WantsToAttend = in.WantsToAttend
	out.PreferredTeacherID = in.PreferredTeacherID
	out.ViewsObtainedHow = strings.TrimSpace(in.ObtainedHow)
	out.ViewsRecordedOn = in.OccurredOn
	out.MayKnow = nil
	for _, id := range in.MayKnow {
		out.MayKnow = append(out.MayKnow, Disclosure{TeacherID: id, ApprovedBy: in.ApprovedBy, RecordedOn: in.OccurredOn})
	}
	return out, nil
}

// ClearanceInput is the prison's public-protection decision.
type ClearanceInput struct {
	Outcome        string
	ReasonCategory string
	OccurredOn     string
	Notes          string
}

// DecideClearance validates the prison's decision. Clearing a family needs
// every earlier gate met; refusing is possible at any point while consent
// stands, but needs a reason category (disciplinary ones are flagged).
func (c Case) DecideClearance(in ClearanceInput, today string) (Step, error) {
	var p Problems
	checkChoice(&p, "outcome", in.Outcome, []string{Cleared, Refused})
	checkDate(&p, "occurred_on", in.OccurredOn, today)
	if in.Outcome == Refused {
		checkChoice(&p, "reason_category", in.ReasonCategory, RefusalReasons)
		if in.ReasonCategory == "other" && strings.TrimSpace(in.Notes) == "" {
			p.Add("notes", "err.notes_for_other")
		}
	}
	if err := p.Err(); err != nil {
		return Step{}, err
	}
	if !c.ConsentGiven() {
		return Step{}, gate(GateConsent, "gate.consent_first", nil)
	}
	if in.Outcome == Cleared {
		if err := c.gateBeforeClearance(); err != nil {
			return Step{}, err
		}
	} else {
		in.ReasonCategory = strings.TrimSpace(in.ReasonCategory)
	}
	reason := ""
	if in.Outcome == Refused {
		reason = in.ReasonCategory
	}
	return Step{FamilyID: c.Family.ID, Kind: StepClearance, Outcome: in.Outcome, ReasonCategory: reason,
		OccurredOn: in.OccurredOn, Notes: strings.TrimSpace(in.Notes)}, nil
}

// gateBeforeClearance names the first unmet gate before clearance.
func (c Case) gateBeforeClearance() error {
	if len(c.AttendingChildren()) == 0 {
		return gate(GateChildren, "gate.no_child_attending", nil)
	}
	p := c.Progress()
	for _, ch := range c.AttendingChildren() {
		if ch.SchoolID == 0 {
			return gate(GateSchool, "gate.child_without_school", map[string]any{"Child": ch.FirstName})
		}
	}
	for _, s := range p.Schools {
		if !s.Agreed() {
			return gate(GateAgreement, "gate.agreement_missing", map[string]any{"SchoolID": s.SchoolID})
		}
	}
	for _, s := range p.Schools {
		if s.Session == nil {
			return gate(GateAwareness, "gate.session_missing", map[string]any{"SchoolID": s.SchoolID})
		}
	}
	if len(p.VoiceMissing) > 0 {
		return gate(GateVoice, "gate.voice_missing", map[string]any{"Child": p.VoiceMissing[0].FirstName})
	}
	return nil
}

// CheckAllocatable says why a family may not be allocated, or nil if it may.
func (c Case) CheckAllocatable() error {
	p := c.Progress()
	switch p.Stage {
	case StageReady:
		return nil
	case StageReferred, StageDeclined, StageWithdrawn:
		return gate(GateConsent, "gate.consent_first", nil)
	case StageRefused:
		return gate(GateClearance, "gate.clearance_refused", nil)
	case StageConflict:
		x := p.Conflicts[0]
		return gate(GateVoice, "gate.register_conflict", map[string]any{"Child": x.Child, "TeacherID": x.TeacherID})
	}
	if !c.ConsentGiven() {
		return gate(GateConsent, "gate.consent_first", nil)
	}
	if err := c.gateBeforeClearance(); err != nil {
		return err
	}
	if p.Clearance == nil {
		return gate(GateClearance, "gate.clearance_missing", nil)
	}
	return gate(GateInCustody, "gate.parent_not_held", nil)
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
