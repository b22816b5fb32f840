package domain

import "strings"

// ChildDetails are a child's details as changed after the referral: who
// they are, their school and what they need. Their views (whether to come,
// which teacher, who at school may know) have their own step.
type ChildDetails struct {
	FirstName, LastName, YearGroup string
	SchoolID                       int64
	NeedsQuiet, NeedsStepFree      bool
	NeedsNotes, Dietary            string
	ShareNeeds                     bool
}

// ChangeChild applies changed details to one of the case's children. A
// child who moves school takes nothing of the old school with them: their
// register of who at school may know, and the teacher they asked for, name
// the old school's staff, so both are cleared and their views are asked
// again for the new school. Until then the family is not ready, and the
// store takes it out of any showcase to come (settleFamily), so no one at
// either school is told anything the child did not agree to.
func (c Case) ChangeChild(childID int64, in ChildDetails) (Child, error) {
	var p Problems
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	in.YearGroup, in.NeedsNotes, in.Dietary = strings.TrimSpace(in.YearGroup), strings.TrimSpace(in.NeedsNotes), strings.TrimSpace(in.Dietary)
	if in.FirstName == "" {
		p.Add("first_name", "err.required")
	}
	if err := p.Err(); err != nil {
		return Child{}, err
	}
	for _, ch := range c.Children {
		if ch.ID != childID {
			continue
		}
		moved := ch.SchoolID != in.SchoolID
		ch.FirstName, ch.LastName, ch.YearGroup, ch.SchoolID = in.FirstName, in.LastName, in.YearGroup, in.SchoolID
		ch.NeedsQuiet, ch.NeedsStepFree, ch.NeedsNotes, ch.Dietary, ch.ShareNeeds = in.NeedsQuiet, in.NeedsStepFree, in.NeedsNotes, in.Dietary, in.ShareNeeds
		if moved {
			ch.MayKnow, ch.PreferredTeacherID, ch.ViewsRecordedOn = nil, 0, ""
		}
		return ch, nil
	}
	return Child{}, ErrNotFound
}
