package domain

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const today = "2026-11-23"

var schoolTeachers = []Teacher{{ID: 10, SchoolID: 1, Name: "Ms Rees"}, {ID: 11, SchoolID: 1, Name: "Mr Lloyd"}, {ID: 20, SchoolID: 2, Name: "Mrs Owen"}}

// newCase is a family with two children at different schools.
func newCase() Case {
	return Case{
		Family: Family{ID: 1, ParentStatus: Held},
		Children: []Child{
			{ID: 1, FirstName: "Cai", SchoolID: 1, WantsToAttend: WishYes},
			{ID: 2, FirstName: "Nia", SchoolID: 2, WantsToAttend: WishUndecided},
		},
		Sessions: map[int64][]AwarenessSession{},
	}
}

// apply records steps with increasing IDs, as the store would.
func (c *Case) apply(t *testing.T, steps ...Step) {
	t.Helper()
	for _, s := range steps {
		s.ID = int64(len(c.Steps) + 1)
		c.Steps = append(c.Steps, s)
	}
}

func consent(t *testing.T, c *Case, outcome string) {
	t.Helper()
	s, err := c.DecideConsent(ConsentInput{Outcome: outcome, Route: "phone", OccurredOn: today}, today)
	require.NoError(t, err)
	c.apply(t, s)
}

func agree(t *testing.T, c *Case, school int64, teachers ...int64) {
	t.Helper()
	s, err := c.DecideAgreement(AgreementInput{SchoolID: school, Outcome: Agreed, Route: "email", OccurredOn: today, TeacherIDs: teachers}, schoolTeachers, today)
	require.NoError(t, err)
	c.apply(t, s...)
}

// voice records every child's views, with every teacher at their school on
// the register.
func voice(c *Case) {
	for i := range c.Children {
		c.Children[i].ViewsRecordedOn = today
		c.Children[i].MayKnow = nil
		for _, t := range schoolTeachers {
			if t.SchoolID == c.Children[i].SchoolID {
				c.Children[i].MayKnow = append(c.Children[i].MayKnow, Disclosure{TeacherID: t.ID, ApprovedBy: "both", RecordedOn: today})
			}
		}
	}
}

func session(c *Case, school int64) {
	c.Sessions[school] = append(c.Sessions[school], AwarenessSession{ID: school, SchoolID: school, DeliveredOn: today})
}

func gateOf(err error) Gate {
	var g *GateError
	if errors.As(err, &g) {
		return g.Gate
	}
	return ""
}

func TestWholeWorkflowReachesReady(t *testing.T) {
	c := newCase()
	assert.Equal(t, StageReferred, c.Progress().Stage)
	consent(t, &c, ConsentGiven)
	assert.Equal(t, StageConsented, c.Progress().Stage)
	agree(t, &c, 1, 10)
	agree(t, &c, 2, 20)
	assert.Equal(t, StageAgreed, c.Progress().Stage)
	session(&c, 1)
	session(&c, 2)
	assert.Equal(t, StageAware, c.Progress().Stage)
	assert.Equal(t, "next.record_voice", c.Progress().Next)
	voice(&c)
	assert.Equal(t, "next.request_clearance", c.Progress().Next)
	s, err := c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
	require.NoError(t, err)
	c.apply(t, s)
	assert.Equal(t, StageReady, c.Progress().Stage)
	assert.NoError(t, c.CheckAllocatable())
	assert.True(t, c.Ready())
}

// Each gate refuses a step taken before it is met, and says which gate.
func TestGatesRefuseOutOfOrderSteps(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, c *Case)
		step  func(c Case) error
		want  Gate
	}{
		{"head agreement before consent", func(t *testing.T, c *Case) {}, func(c Case) error {
			_, err := c.DecideAgreement(AgreementInput{SchoolID: 1, Outcome: Agreed, Route: "email", OccurredOn: today, TeacherIDs: []int64{10}}, schoolTeachers, today)
			return err
		}, GateConsent},
		{"head agreement after consent declined", func(t *testing.T, c *Case) { consent(t, c, ConsentDeclined) }, func(c Case) error {
			_, err := c.DecideAgreement(AgreementInput{SchoolID: 1, Outcome: Agreed, Route: "email", OccurredOn: today, TeacherIDs: []int64{10}}, schoolTeachers, today)
			return err
		}, GateConsent},
		{"agreement for a school no child attends", func(t *testing.T, c *Case) { consent(t, c, ConsentGiven) }, func(c Case) error {
			_, err := c.DecideAgreement(AgreementInput{SchoolID: 99, Outcome: Agreed, Route: "email", OccurredOn: today, TeacherIDs: []int64{10}}, schoolTeachers, today)
			return err
		}, GateSchool},
		{"awareness before head agreement", func(t *testing.T, c *Case) { consent(t, c, ConsentGiven) }, func(c Case) error {
			_, err := DecideAwareness(AwarenessInput{SchoolID: 1, DeliveredOn: today, DeliveredBy: "Coordinator", Attendees: 4, Route: "in_person"}, false, today)
			return err
		}, GateAgreement},
		{"clearance before consent", func(t *testing.T, c *Case) {}, func(c Case) error {
			_, err := c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
			return err
		}, GateConsent},
		{"clearance before both schools agree", func(t *testing.T, c *Case) { consent(t, c, ConsentGiven); agree(t, c, 1, 10) }, func(c Case) error {
			_, err := c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
			return err
		}, GateAgreement},
		{"clearance before awareness session", func(t *testing.T, c *Case) {
			consent(t, c, ConsentGiven)
			agree(t, c, 1, 10)
			agree(t, c, 2, 20)
			session(c, 1)
		}, func(c Case) error {
			_, err := c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
			return err
		}, GateAwareness},
		{"clearance before the child's voice", func(t *testing.T, c *Case) {
			consent(t, c, ConsentGiven)
			agree(t, c, 1, 10)
			agree(t, c, 2, 20)
			session(c, 1)
			session(c, 2)
		}, func(c Case) error {
			_, err := c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
			return err
		}, GateVoice},
		{"allocation before clearance", func(t *testing.T, c *Case) {
			consent(t, c, ConsentGiven)
			agree(t, c, 1, 10)
			agree(t, c, 2, 20)
			session(c, 1)
			session(c, 2)
			voice(c)
		}, func(c Case) error { return c.CheckAllocatable() }, GateClearance},
		{"allocation of a transferred parent", func(t *testing.T, c *Case) {
			consent(t, c, ConsentGiven)
			agree(t, c, 1, 10)
			agree(t, c, 2, 20)
			session(c, 1)
			session(c, 2)
			voice(c)
			s, err := c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
			require.NoError(t, err)
			c.apply(t, s)
			c.Family.ParentStatus = Transferred
		}, func(c Case) error { return c.CheckAllocatable() }, GateInCustody},
		{"voice before consent", func(t *testing.T, c *Case) {}, func(c Case) error {
			_, err := c.DecideVoice(VoiceInput{ChildID: 1, WantsToAttend: WishYes, ObtainedHow: "chat", OccurredOn: today}, schoolTeachers, today)
			return err
		}, GateConsent},
		{"withdrawal without consent", func(t *testing.T, c *Case) {}, func(c Case) error {
			_, err := c.DecideConsent(ConsentInput{Outcome: ConsentWithdrawn, Route: "phone", OccurredOn: today}, today)
			return err
		}, GateConsent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCase()
			tc.setup(t, &c)
			err := tc.step(c)
			require.Error(t, err)
			assert.Equal(t, tc.want, gateOf(err), "error: %v", err)
		})
	}
}

// Withdrawal stops everything downstream, and fresh consent restarts the
// school and prison steps rather than reviving old decisions.
func TestWithdrawalStopsDownstream(t *testing.T) {
	c := readyCase(t)
	require.True(t, c.Ready())

	consent(t, &c, ConsentWithdrawn)
	assert.Equal(t, StageWithdrawn, c.Progress().Stage)
	assert.Equal(t, GateConsent, gateOf(c.CheckAllocatable()))
	_, err := c.DecideAgreement(AgreementInput{SchoolID: 1, Outcome: Agreed, Route: "email", OccurredOn: today, TeacherIDs: []int64{10}}, schoolTeachers, today)
	assert.Equal(t, GateConsent, gateOf(err))
	_, err = c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
	assert.Equal(t, GateConsent, gateOf(err))
	_, err = c.DecideVoice(VoiceInput{ChildID: 1, WantsToAttend: WishYes, ObtainedHow: "chat", OccurredOn: today}, schoolTeachers, today)
	assert.Equal(t, GateConsent, gateOf(err))

	consent(t, &c, ConsentGiven)
	assert.Equal(t, StageConsented, c.Progress().Stage, "old agreements do not survive a withdrawal")
}

func TestChildWhoSaysNoIsLeftOut(t *testing.T) {
	c := newCase()
	c.Children[1].WantsToAttend = WishNo
	consent(t, &c, ConsentGiven)
	agree(t, &c, 1, 10)
	assert.Equal(t, StageAgreed, c.Progress().Stage, "Nia's school is not needed")
	c.Children[0].WantsToAttend = WishNo
	assert.Equal(t, StageOnHold, c.Progress().Stage)
}

func TestHeadDeclining(t *testing.T) {
	c := newCase()
	consent(t, &c, ConsentGiven)
	s, err := c.DecideAgreement(AgreementInput{SchoolID: 1, Outcome: NotAgreed, Route: "email", OccurredOn: today}, schoolTeachers, today)
	require.NoError(t, err)
	c.apply(t, s...)
	agree(t, &c, 2, 20)
	assert.Equal(t, StageNotAgreed, c.Progress().Stage)
}

// A teacher the child did not choose needs a recorded reason.
func TestOverridingTheChildNeedsAReason(t *testing.T) {
	c := newCase()
	c.Children[0].PreferredTeacherID = 11
	consent(t, &c, ConsentGiven)
	in := AgreementInput{SchoolID: 1, Outcome: Agreed, Route: "email", OccurredOn: today, TeacherIDs: []int64{10}}
	_, err := c.DecideAgreement(in, schoolTeachers, today)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	f, ok := ve.Field("override_reason")
	require.True(t, ok)
	assert.Equal(t, "Cai", f.Params["Child"])
	assert.Equal(t, "Mr Lloyd", f.Params["Teacher"])

	in.OverrideReason = "Mr Lloyd is on long-term leave; Cai agreed Ms Rees may come"
	steps, err := c.DecideAgreement(in, schoolTeachers, today)
	require.NoError(t, err)
	require.Len(t, steps, 2)
	assert.Equal(t, StepOverride, steps[1].Kind)
	assert.Equal(t, in.OverrideReason, steps[1].Notes)

	// A teacher outside the child's "may know" list cannot be excused by a
	// reason: the agreement is recorded, and the case shows the conflict.
	c.Children[0].PreferredTeacherID = 0
	c.Children[0].ViewsRecordedOn = today
	c.Children[0].MayKnow = []Disclosure{{TeacherID: 11}}
	in.OverrideReason = ""
	steps, err = c.DecideAgreement(in, schoolTeachers, today)
	require.NoError(t, err)
	c.apply(t, steps...)
	assert.Equal(t, []Conflict{{Kind: ConflictNotOnRegister, ChildID: 1, Child: "Cai", SchoolID: 1, TeacherID: 10}}, c.Conflicts())
}

func TestDisciplinaryRefusalIsFlagged(t *testing.T) {
	c := newCase()
	consent(t, &c, ConsentGiven)
	s, err := c.DecideClearance(ClearanceInput{Outcome: Refused, ReasonCategory: ReasonDisciplinary, OccurredOn: today}, today)
	require.NoError(t, err)
	c.apply(t, s)
	p := c.Progress()
	assert.Equal(t, StageRefused, p.Stage)
	assert.True(t, p.Disciplinary)
}

func TestValidationNamesEveryBadField(t *testing.T) {
	c := newCase()
	_, err := c.DecideConsent(ConsentInput{Outcome: "maybe", Route: "", OccurredOn: "2099-01-01"}, today)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	got := map[string]string{}
	for _, f := range ve.Fields {
		got[f.Field] = f.Key
	}
	assert.Equal(t, map[string]string{"outcome": "err.choice", "route": "err.required", "occurred_on": "err.date_future"}, got)

	_, err = c.DecideClearance(ClearanceInput{Outcome: Refused, ReasonCategory: "other", OccurredOn: today}, today)
	require.ErrorAs(t, err, &ve)
	_, ok := ve.Field("notes")
	assert.True(t, ok, "'other' needs notes")
}

func TestReferralValidation(t *testing.T) {
	good := ReferralInput{PrisonID: 1, ParentName: " Dai Jones ", PrisonNumber: "a1234bc", ReferralSource: "parent", ReferredOn: today,
		Carer:    Carer{Name: "Sian", Relationship: "parent", Phone: "07700 900123", Lang: "cy"},
		Children: []Child{{FirstName: "Cai"}, {FirstName: "  "}}}
	require.NoError(t, good.Validate(today))
	assert.Equal(t, "A1234BC", good.PrisonNumber)
	assert.Len(t, good.Children, 1, "blank spare rows are dropped")
	assert.Equal(t, "cy", good.Children[0].Lang, "children inherit the carer's language")

	bad := ReferralInput{PrisonNumber: "12345", ReferralSource: "x", Carer: Carer{Email: "not-an-email"}}
	err := bad.Validate(today)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range []string{"prison_id", "parent_name", "prison_number", "referral_source", "referred_on", "carer_name", "carer_relationship", "carer_email", "carer_lang", "child_first_name"} {
		_, ok := ve.Field(f)
		assert.True(t, ok, "expected an error for %s", f)
	}
}
