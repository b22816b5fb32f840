package showcase

import (
	"context"
	"sort"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// FamilyReadiness is one seated family's state the day before a showcase:
// what visits staff and the coordinator check before anyone travels. It
// names no one: families by reference, teachers by count.
type FamilyReadiness struct {
	FamilyID int64
	Ref      string
	Table    int
	// Held: the parent is still held at the showcase's prison.
	Held bool
	// Cleared: the prison's clearance stands.
	Cleared bool
	// CarerAnswer is the carers' reply: confirmed if any carer confirmed,
	// else the main carer's (declined, tentative or "").
	CarerAnswer string
	// Adults and Children are those the carer said are coming.
	Adults, Children int
	// Teachers meeting the family, and how many of them accepted.
	Teachers, TeachersAccepted int
	// Needs for visits staff.
	Quiet, StepFree bool
	Dietary         []string
	CarerNeeds      string
}

// Ready reports whether nothing is left to chase for the family.
func (r FamilyReadiness) Ready() bool {
	return r.Held && r.Cleared && r.CarerAnswer == store.ResponseConfirmed && r.TeachersAccepted == r.Teachers
}

// Readiness lists every family seated at a showcase, by table.
func (s *Service) Readiness(ctx context.Context, eventID int64) ([]FamilyReadiness, error) {
	d, err := s.Store.ShowcaseData(ctx, s.Scope, eventID)
	if err != nil {
		return nil, err
	}
	v := newView(d)
	replies, err := s.Store.InviteReplies(ctx, eventID)
	if err != nil {
		return nil, err
	}
	answer := map[string]map[int64]string{KindTeacher: {}, KindCarer: {}}
	for _, r := range replies {
		answer[r.Kind][r.RecipientID] = r.Response
	}
	var out []FamilyReadiness
	for _, f := range d.Families {
		if f.Status != "allocated" && f.Status != "confirmed" || f.TableID == 0 {
			continue
		}
		cs, err := s.Store.Case(ctx, domain.Unrestricted, f.Family.ID)
		if err != nil {
			return nil, err
		}
		p := cs.Progress()
		r := FamilyReadiness{FamilyID: f.Family.ID, Ref: f.Family.Ref, Table: v.tableOf(f.Family.ID),
			Held:    f.Family.ParentStatus == domain.Held && f.Family.PrisonID == d.Event.PrisonID,
			Cleared: p.Clearance != nil && p.Clearance.Outcome == domain.Cleared}
		// Every carer is invited; one who confirmed is enough, otherwise
		// the main carer's answer stands.
		for i, c := range f.Carers {
			if a := answer[KindCarer][c.ID]; i == 0 || a == store.ResponseConfirmed && r.CarerAnswer != store.ResponseConfirmed {
				r.CarerAnswer = a
			}
		}
		got, err := s.Store.CarerAnswers(ctx, eventID, f.Family.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range got.People {
			switch {
			case a.Coming && a.Kind == "carer":
				r.Adults++
			case a.Coming:
				r.Children++
			}
		}
		r.CarerNeeds = got.Needs
		for _, ch := range f.Children {
			if !ch.Attending() {
				continue
			}
			r.Quiet = r.Quiet || ch.NeedsQuiet
			r.StepFree = r.StepFree || ch.NeedsStepFree
			if ch.Dietary != "" {
				r.Dietary = append(r.Dietary, ch.Dietary)
			}
		}
		teachers := map[int64]bool{}
		for _, m := range d.Meetings {
			if m.FamilyID == f.Family.ID {
				teachers[m.TeacherID] = true
			}
		}
		for id := range teachers {
			r.Teachers++
			if answer[KindTeacher][id] == store.ResponseConfirmed {
				r.TeachersAccepted++
			}
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Table < out[j].Table })
	return out, nil
}
