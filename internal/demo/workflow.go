package demo

import (
	"context"
	"fmt"

	"schoolzone/internal/domain"
)

var routes = []domain.Route{"phone", "in_person", "phone", "paper", "online", "email"}

func (l *loader) families(ctx context.Context) error {
	for i, f := range families {
		if err := l.family(ctx, i, f); err != nil {
			return fmt.Errorf("demo: family %d: %w", i+1, err)
		}
	}
	return nil
}

// family takes one family through the workflow as far as its goal, with
// each step a few days after the last, the way a coordinator's week goes.
func (l *loader) family(ctx context.Context, i int, f familySpec) error {
	on := func(daysAfterReferral int) string { return l.daysAgo(max(f.referredDaysAgo-daysAfterReferral, 0)) }
	route := routes[i%len(routes)]
	id, err := l.referral(ctx, f)
	if err != nil || f.goal == goalReferred {
		return err
	}
	if f.goal == goalDeclined {
		return l.consent(ctx, id, domain.ConsentDeclined, route, on(6), f.notes)
	}
	if err := l.consent(ctx, id, domain.ConsentGiven, route, on(6), ""); err != nil {
		return err
	}
	early := f.goal == goalRefused && f.refusal != domain.ReasonDisciplinary
	if early {
		// Prison staff see a family only once the school steps are done,
		// so an early word from public protection is recorded by the
		// coordinator.
		return l.clearance(ctx, l.coord, id, domain.Refused, f.refusal, on(12), f.notes)
	}
	if f.goal == goalConsented {
		return nil
	}
	if f.goal != goalAwaitingVoice {
		if err := l.voices(ctx, id, f, on(10)); err != nil {
			return err
		}
	}
	if err := l.agreements(ctx, id, f, route, on(14)); err != nil {
		return err
	}
	switch f.goal {
	case goalWithdrawn:
		return l.consent(ctx, id, domain.ConsentWithdrawn, "phone", on(20), f.notes)
	case goalAwaitingAwareness:
		return nil
	}
	if err := l.sessions(ctx, id, i, on(24)); err != nil {
		return err
	}
	switch f.goal {
	case goalRefused:
		return l.clearance(ctx, l.officer, id, domain.Refused, f.refusal, on(32), f.notes)
	case goalAwaitingVoice, goalAwaitingClearance:
		return nil
	}
	if err := l.clearance(ctx, l.officer, id, domain.Cleared, "", on(35), ""); err != nil {
		return err
	}
	if f.goal == goalTransferred {
		if err := l.s.SetParentStatus(ctx, l.officer, id, domain.Transferred, ""); err != nil {
			return fmt.Errorf("transfer: %w", err)
		}
	}
	return nil
}

func (l *loader) referral(ctx context.Context, f familySpec) (int64, error) {
	in := domain.ReferralInput{PrisonID: l.prisonID, ParentName: f.parent, PrisonNumber: f.number,
		ReferralSource: f.source, ReferrerName: f.referrer, ReferredOn: l.daysAgo(f.referredDaysAgo), Carer: f.carer}
	for _, c := range f.children {
		in.Children = append(in.Children, domain.Child{FirstName: c.first, LastName: c.last, YearGroup: c.year,
			SchoolID: l.schools[c.school], Lang: c.lang, NeedsQuiet: c.quiet, NeedsStepFree: c.stepFree,
			NeedsNotes: c.needsNotes, Dietary: c.dietary, ShareNeeds: c.needsNotes != ""})
	}
	if err := in.Validate(l.today()); err != nil {
		return 0, fmt.Errorf("referral: %w", err)
	}
	id, err := l.s.CreateReferral(ctx, l.coord, in)
	if err != nil {
		return 0, fmt.Errorf("referral: %w", err)
	}
	if f.releaseInDays > 0 {
		release := l.now.AddDate(0, 0, f.releaseInDays).Format(dateFmt)
		if err := l.s.SetParentStatus(ctx, l.coord, id, domain.Held, release); err != nil {
			return 0, fmt.Errorf("release date: %w", err)
		}
	}
	return id, nil
}

func (l *loader) consent(ctx context.Context, familyID int64, outcome string, route domain.Route, on, notes string) error {
	_, err := l.s.RecordSteps(ctx, l.coord, familyID, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: outcome, Route: route, OccurredOn: on, Notes: notes}, l.today())
		return []domain.Step{st}, err
	})
	if err != nil {
		return fmt.Errorf("consent %s: %w", outcome, err)
	}
	return nil
}

// voices records each child's views; children whose spec has no wish have
// not been asked yet.
func (l *loader) voices(ctx context.Context, familyID int64, f familySpec, on string) error {
	teachers, err := l.s.Teachers(ctx, 0)
	if err != nil {
		return err
	}
	c, err := l.s.Case(ctx, domain.Unrestricted, familyID)
	if err != nil {
		return err
	}
	for _, ch := range c.Children {
		spec := childByName(f, ch.FirstName)
		if spec.wish == "" {
			continue
		}
		in := domain.VoiceInput{ChildID: ch.ID, WantsToAttend: spec.wish, ObtainedHow: spec.obtainedHow, OccurredOn: on,
			PreferredTeacherID: l.teachers[spec.preferred]}
		for _, k := range append([]string{spec.preferred}, spec.mayKnow...) {
			if k != "" {
				in.MayKnow = append(in.MayKnow, l.teachers[k])
			}
		}
		if len(in.MayKnow) > 0 {
			in.ApprovedBy = "both"
		}
		err := l.s.RecordVoice(ctx, l.coord, familyID, func(c domain.Case) (domain.Child, error) {
			return c.DecideVoice(in, teachers, l.today())
		})
		if err != nil {
			return fmt.Errorf("voice of %s: %w", ch.FirstName, err)
		}
	}
	return nil
}

// agreements records each headteacher's agreement, nominating the teachers
// the children asked for (plus any the head added, with the reason).
func (l *loader) agreements(ctx context.Context, familyID int64, f familySpec, route domain.Route, on string) error {
	c, err := l.s.Case(ctx, domain.Unrestricted, familyID)
	if err != nil {
		return err
	}
	for _, schoolID := range c.SchoolIDs() {
		in := domain.AgreementInput{SchoolID: schoolID, Outcome: domain.Agreed, Route: route, OccurredOn: on}
		for _, ch := range c.AttendingChildren() {
			spec := childByName(f, ch.FirstName)
			if ch.SchoolID != schoolID {
				continue
			}
			for _, k := range []string{spec.preferred, spec.alsoNominate} {
				if id := l.teachers[k]; id != 0 && !contains(in.TeacherIDs, id) {
					in.TeacherIDs = append(in.TeacherIDs, id)
				}
			}
			if spec.override != "" {
				in.OverrideReason = spec.override
			}
		}
		staff, err := l.s.Teachers(ctx, schoolID)
		if err != nil {
			return err
		}
		_, err = l.s.RecordSteps(ctx, l.coord, familyID, func(c domain.Case) ([]domain.Step, error) {
			return c.DecideAgreement(in, staff, l.today())
		})
		if err != nil {
			return fmt.Errorf("agreement at school %d: %w", schoolID, err)
		}
	}
	return l.agreedSince(ctx, familyID, f, on)
}

// agreedSince records, for a child whose spec says the family agreed to a
// teacher the head added, that the child and carer now agree that teacher
// may know: the register stays the source of truth, and the reason is kept.
func (l *loader) agreedSince(ctx context.Context, familyID int64, f familySpec, on string) error {
	c, err := l.s.Case(ctx, domain.Unrestricted, familyID)
	if err != nil {
		return err
	}
	for _, x := range c.Conflicts() {
		spec := childByName(f, x.Child)
		if spec.override == "" || x.Kind != domain.ConflictNotOnRegister {
			continue
		}
		in := domain.ResolveInput{ChildID: x.ChildID, TeacherID: x.TeacherID, Kind: x.Kind, DecidedBy: "both", Why: spec.override, OccurredOn: on}
		if err := l.s.RecordResolution(ctx, l.coord, familyID, func(c domain.Case) (domain.Step, *domain.Disclosure, error) {
			return c.DecideResolve(in, l.today())
		}); err != nil {
			return fmt.Errorf("resolve for %s: %w", x.Child, err)
		}
	}
	return nil
}

// sessions delivers an awareness session at each of the family's schools
// that has not had one: one session covers every family at a school.
func (l *loader) sessions(ctx context.Context, familyID int64, i int, on string) error {
	c, err := l.s.Case(ctx, domain.Unrestricted, familyID)
	if err != nil {
		return err
	}
	for _, schoolID := range c.SchoolIDs() {
		if len(c.Sessions[schoolID]) > 0 {
			continue
		}
		in := domain.AwarenessInput{SchoolID: schoolID, DeliveredOn: on, DeliveredBy: l.coord.Name, Attendees: 4 + i%7, Route: "in_person",
			Notes: "Staff briefing: what the day looks like, the search, and how to talk with the child about it."}
		if i%4 == 3 {
			in.Route = "online"
		}
		_, err := l.s.RecordAwareness(ctx, l.coord, schoolID, func(headAgreed bool) (domain.AwarenessSession, error) {
			return domain.DecideAwareness(in, headAgreed, l.today())
		})
		if err != nil {
			return fmt.Errorf("awareness session at school %d: %w", schoolID, err)
		}
	}
	return nil
}

func (l *loader) clearance(ctx context.Context, by domain.Actor, familyID int64, outcome, reason, on, notes string) error {
	_, err := l.s.RecordSteps(ctx, by, familyID, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideClearance(domain.ClearanceInput{Outcome: outcome, ReasonCategory: reason, OccurredOn: on, Notes: notes}, l.today())
		return []domain.Step{st}, err
	})
	if err != nil {
		return fmt.Errorf("clearance %s: %w", outcome, err)
	}
	return nil
}

func childByName(f familySpec, first string) childSpec {
	for _, c := range f.children {
		if c.first == first {
			return c
		}
	}
	return childSpec{}
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
