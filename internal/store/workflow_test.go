package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

const today = "2026-11-23"

type world struct {
	s       *Store
	prison  int64
	school  int64
	teacher int64
	family  int64
	child   int64
}

// newWorld sets up one prison, one school with a teacher, and a referral.
func newWorld(t *testing.T) world {
	t.Helper()
	ctx := context.Background()
	w := world{s: openTest(t)}
	var err error
	w.prison, err = w.s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(t, err)
	la, err := w.s.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(t, err)
	w.school, err = w.s.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol Gynradd", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: la, Lang: "cy"})
	require.NoError(t, err)
	w.teacher, err = w.s.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school, Name: "Ms Rees", Role: "class_teacher", Lang: "cy"})
	require.NoError(t, err)
	in := domain.ReferralInput{PrisonID: w.prison, ParentName: "Dai Example", PrisonNumber: "A1234BC", ReferralSource: "parent", ReferredOn: today,
		Carer:    domain.Carer{Name: "Sian Example", Relationship: "parent", Phone: "07700 900123", Lang: "cy"},
		Children: []domain.Child{{FirstName: "Cai", SchoolID: w.school, YearGroup: "Year 4", WantsToAttend: domain.WishYes}}}
	require.NoError(t, in.Validate(today))
	w.family, err = w.s.CreateReferral(ctx, domain.Actor{Name: "Coordinator", Scope: domain.Unrestricted}, in)
	require.NoError(t, err)
	c, err := w.s.Case(ctx, domain.Unrestricted, w.family)
	require.NoError(t, err)
	w.child = c.Children[0].ID
	return w
}

func (w world) consent(t *testing.T, outcome string) error {
	_, err := w.s.RecordSteps(context.Background(), domain.System, w.family, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: outcome, Route: "phone", OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	return err
}

func (w world) agree(t *testing.T) error {
	teachers, err := w.s.Teachers(context.Background(), w.school)
	require.NoError(t, err)
	_, err = w.s.RecordSteps(context.Background(), domain.System, w.family, func(c domain.Case) ([]domain.Step, error) {
		return c.DecideAgreement(domain.AgreementInput{SchoolID: w.school, Outcome: domain.Agreed, Route: "email", OccurredOn: today, TeacherIDs: []int64{w.teacher}}, teachers, today)
	})
	return err
}

func (w world) session(t *testing.T) error {
	_, err := w.s.RecordAwareness(context.Background(), domain.System, w.school, func(agreed bool) (domain.AwarenessSession, error) {
		return domain.DecideAwareness(domain.AwarenessInput{SchoolID: w.school, DeliveredOn: today, DeliveredBy: "Coordinator", Attendees: 5, Route: "in_person"}, agreed, today)
	})
	return err
}

func (w world) voice(t *testing.T) error {
	teachers, err := w.s.Teachers(context.Background(), 0)
	require.NoError(t, err)
	return w.s.RecordVoice(context.Background(), domain.System, w.family, func(c domain.Case) (domain.Child, error) {
		return c.DecideVoice(domain.VoiceInput{ChildID: w.child, WantsToAttend: domain.WishYes, PreferredTeacherID: w.teacher,
			MayKnow: []int64{w.teacher}, ApprovedBy: "both", ObtainedHow: "talked with Cai at home", OccurredOn: today}, teachers, today)
	})
}

func (w world) clear(t *testing.T) error {
	_, err := w.s.RecordSteps(context.Background(), domain.System, w.family, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideClearance(domain.ClearanceInput{Outcome: domain.Cleared, OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	return err
}

func gateOf(err error) domain.Gate {
	var g *domain.GateError
	if errors.As(err, &g) {
		return g.Gate
	}
	return ""
}

func (w world) stage(t *testing.T) domain.Stage {
	c, err := w.s.Case(context.Background(), domain.Unrestricted, w.family)
	require.NoError(t, err)
	return c.Progress().Stage
}

func TestReferralToReadyThroughTheStore(t *testing.T) {
	w := newWorld(t)
	c, err := w.s.Case(context.Background(), domain.Unrestricted, w.family)
	require.NoError(t, err)
	assert.Equal(t, "FAM-0001", c.Family.Ref)
	assert.Equal(t, domain.StageReferred, w.stage(t))

	// Out of order: every later step is refused, and nothing is stored.
	assert.Equal(t, domain.GateConsent, gateOf(w.agree(t)))
	assert.Equal(t, domain.GateAgreement, gateOf(w.session(t)))
	assert.Equal(t, domain.GateConsent, gateOf(w.clear(t)))
	c, _ = w.s.Case(context.Background(), domain.Unrestricted, w.family)
	assert.Empty(t, c.Steps)
	sessions, _ := w.s.SchoolSessions(context.Background(), w.school)
	assert.Empty(t, sessions)

	require.NoError(t, w.consent(t, domain.ConsentGiven))
	require.NoError(t, w.agree(t))
	assert.Equal(t, domain.GateAwareness, gateOf(w.clear(t)))
	require.NoError(t, w.session(t))
	assert.Equal(t, domain.GateVoice, gateOf(w.clear(t)))
	require.NoError(t, w.voice(t))
	require.NoError(t, w.clear(t))
	assert.Equal(t, domain.StageReady, w.stage(t))

	c, _ = w.s.Case(context.Background(), domain.Unrestricted, w.family)
	require.Len(t, c.Children[0].MayKnow, 1)
	assert.Equal(t, []int64{w.teacher}, c.Progress().Schools[0].Agreement.TeacherIDs)
}

func TestWithdrawalThroughTheStore(t *testing.T) {
	w := newWorld(t)
	require.NoError(t, w.consent(t, domain.ConsentGiven))
	require.NoError(t, w.agree(t))
	require.NoError(t, w.consent(t, domain.ConsentWithdrawn))
	assert.Equal(t, domain.StageWithdrawn, w.stage(t))
	assert.Equal(t, domain.GateConsent, gateOf(w.voice(t)))
	assert.Equal(t, domain.GateConsent, gateOf(w.clear(t)))
	// A session at the school now has no standing agreement behind it.
	assert.Equal(t, domain.GateAgreement, gateOf(w.session(t)))
}

// Every change leaves an audit row naming who, what and the after-state.
func TestAuditLogRecordsEachChange(t *testing.T) {
	w := newWorld(t)
	require.NoError(t, w.consent(t, domain.ConsentGiven))
	require.NoError(t, w.agree(t))
	require.NoError(t, w.s.SetParentStatus(context.Background(), domain.Actor{ID: 0, Name: "Officer", Scope: domain.Unrestricted}, w.family, domain.Transferred, ""))

	log, err := w.s.AuditLog(context.Background(), AuditFilter{Entity: "family", EntityID: w.family})
	require.NoError(t, err)
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	assert.Equal(t, []string{"set_parent_status", "record_head_agreement", "record_consent", "create"}, actions)
	assert.Equal(t, "Officer", log[0].Actor)
	assert.Contains(t, log[0].Before, `"held"`)
	assert.Contains(t, log[0].After, `"transferred"`)

	all, err := w.s.AuditLog(context.Background(), AuditFilter{})
	require.NoError(t, err)
	entities := map[string]bool{}
	for _, e := range all {
		entities[e.Entity] = true
	}
	for _, e := range []string{"prison", "local_authority", "school", "teacher", "family"} {
		assert.True(t, entities[e], "no audit row for %s", e)
	}
}

func TestHallRoundTrip(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p, err := s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Hall"})
	require.NoError(t, err)
	tables := []domain.HallTable{{Label: "T1", Quiet: true}, {Label: "T2", Col: 1, StepFree: true}, {Label: "T3", Col: 2}}
	require.NoError(t, s.SetHall(ctx, domain.System, p, tables, map[string][]string{"T1": {"T2"}, "T2": {"T3", "T1"}}))
	got, err := s.HallTables(ctx, p)
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.True(t, got[0].Quiet)
	assert.Len(t, got[1].Adjacent, 2, "adjacency is symmetric and stored once")
	assert.Error(t, s.SetHall(ctx, domain.System, p, tables, map[string][]string{"T1": {"T9"}}))
	got, _ = s.HallTables(ctx, p)
	assert.Len(t, got, 3, "a failed change leaves the hall as it was")

	// Editing the hall keeps each table's ID, so seated families stay put;
	// a table left out is removed.
	before := map[string]int64{}
	for _, x := range got {
		before[x.Label] = x.ID
	}
	require.NoError(t, s.SetHall(ctx, domain.System, p, []domain.HallTable{{Label: "T1", Quiet: false}, {Label: "T2", Col: 1}, {Label: "T4", Col: 3}}, nil))
	got, err = s.HallTables(ctx, p)
	require.NoError(t, err)
	require.Len(t, got, 3)
	byLabel := map[string]domain.HallTable{}
	for _, x := range got {
		byLabel[x.Label] = x
	}
	assert.Equal(t, before["T1"], byLabel["T1"].ID)
	assert.Equal(t, before["T2"], byLabel["T2"].ID)
	assert.False(t, byLabel["T1"].Quiet, "attributes are updated")
	assert.Empty(t, byLabel["T1"].Adjacent, "adjacency is replaced")
	_, gone := byLabel["T3"]
	assert.False(t, gone)
}
