package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readyCase is a family at ready: consent, both schools agreed (Ms Rees for
// Cai, Mrs Owen for Nia), sessions, views with those teachers on the
// register, clearance.
func readyCase(t *testing.T) Case {
	t.Helper()
	c := newCase()
	consent(t, &c, ConsentGiven)
	agree(t, &c, 1, 10)
	agree(t, &c, 2, 20)
	session(&c, 1)
	session(&c, 2)
	voice(&c)
	s, err := c.DecideClearance(ClearanceInput{Outcome: Cleared, OccurredOn: today}, today)
	require.NoError(t, err)
	c.apply(t, s)
	require.Equal(t, StageReady, c.Progress().Stage)
	return c
}

// The defect: agreement nominating A first, then the child's views "prefers
// B, only B may know". The order of steps must not decide whether the child
// is heard: the family leaves ready, with the child and teacher named.
func TestNarrowerViewsAfterAgreementTakeTheFamilyOutOfReady(t *testing.T) {
	c := readyCase(t)
	c.Children[0].PreferredTeacherID = 11
	c.Children[0].MayKnow = []Disclosure{{TeacherID: 11, ApprovedBy: "child", RecordedOn: today}}

	p := c.Progress()
	assert.Equal(t, StageConflict, p.Stage)
	assert.Equal(t, "next.resolve_conflict", p.Next)
	assert.ElementsMatch(t, []Conflict{
		{Kind: ConflictNotOnRegister, ChildID: 1, Child: "Cai", SchoolID: 1, TeacherID: 10},
		{Kind: ConflictPreferredLeftOut, ChildID: 1, Child: "Cai", SchoolID: 1, TeacherID: 11},
	}, p.Conflicts)
	assert.False(t, c.MeetingAllowed(10, 1), "Ms Rees is not on Cai's register")
	assert.Equal(t, GateVoice, gateOf(c.CheckAllocatable()))

	// Changing the nomination to the child's choice settles both.
	agree(t, &c, 1, 11)
	assert.Empty(t, c.Conflicts())
	assert.Equal(t, StageReady, c.Progress().Stage)
	assert.True(t, c.MeetingAllowed(11, 1))
	assert.False(t, c.MeetingAllowed(10, 1), "no longer nominated")
}

// Both orders end in the same place.
func TestConflictsDoNotDependOnTheOrderOfSteps(t *testing.T) {
	views := func(c *Case) {
		c.Children[0].ViewsRecordedOn = today
		c.Children[0].MayKnow = []Disclosure{{TeacherID: 11}}
		c.Children[1].ViewsRecordedOn = today
		c.Children[1].MayKnow = []Disclosure{{TeacherID: 20}}
	}
	agreeFirst := newCase()
	consent(t, &agreeFirst, ConsentGiven)
	agree(t, &agreeFirst, 1, 10, 11)
	agree(t, &agreeFirst, 2, 20)
	views(&agreeFirst)

	viewsFirst := newCase()
	consent(t, &viewsFirst, ConsentGiven)
	views(&viewsFirst)
	agree(t, &viewsFirst, 1, 10, 11)
	agree(t, &viewsFirst, 2, 20)

	want := []Conflict{{Kind: ConflictNotOnRegister, ChildID: 1, Child: "Cai", SchoolID: 1, TeacherID: 10}}
	assert.Equal(t, want, agreeFirst.Conflicts())
	assert.Equal(t, want, viewsFirst.Conflicts())
}

func TestResolvingAConflictRecordsWhoDecidedAndWhy(t *testing.T) {
	c := readyCase(t)
	c.Children[0].MayKnow = nil // the child now says nobody at school may know
	require.Equal(t, StageConflict, c.Progress().Stage)

	tests := []struct {
		name string
		in   ResolveInput
		key  string
	}{
		{"who decided is needed", ResolveInput{ChildID: 1, TeacherID: 10, Kind: ConflictNotOnRegister, Why: "talked it over", OccurredOn: today}, "decided_by"},
		{"why is needed", ResolveInput{ChildID: 1, TeacherID: 10, Kind: ConflictNotOnRegister, DecidedBy: "both", OccurredOn: today}, "why"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := c.DecideResolve(tc.in, today)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			_, ok := ve.Field(tc.key)
			assert.True(t, ok)
		})
	}
	_, _, err := c.DecideResolve(ResolveInput{ChildID: 2, TeacherID: 20, Kind: ConflictNotOnRegister, DecidedBy: "both", Why: "x", OccurredOn: today}, today)
	assert.Equal(t, GateVoice, gateOf(err), "no such conflict")

	st, d, err := c.DecideResolve(ResolveInput{ChildID: 1, TeacherID: 10, Kind: ConflictNotOnRegister, DecidedBy: "both", Why: "Cai and his nan talked it over", OccurredOn: today}, today)
	require.NoError(t, err)
	require.NotNil(t, d)
	assert.Equal(t, Disclosure{TeacherID: 10, ApprovedBy: "both", RecordedOn: today}, *d)
	assert.Equal(t, StepOverride, st.Kind)
	assert.Equal(t, OverrideRegisterAgreed, st.Outcome)
	assert.Equal(t, "both", st.ReasonCategory)
	c.apply(t, st)
	c.Children[0].MayKnow = append(c.Children[0].MayKnow, *d)
	assert.Equal(t, StageReady, c.Progress().Stage)
}

// A reason for leaving out the preferred teacher settles that conflict, but
// only for the teacher it was given about: a new preference is heard again.
func TestAReasonCoversOnlyThePreferenceItWasGivenFor(t *testing.T) {
	c := readyCase(t)
	c.Children[0].PreferredTeacherID = 11
	c.Children[0].MayKnow = append(c.Children[0].MayKnow, Disclosure{TeacherID: 11})
	require.Equal(t, []Conflict{{Kind: ConflictPreferredLeftOut, ChildID: 1, Child: "Cai", SchoolID: 1, TeacherID: 11}}, c.Conflicts())
	st, d, err := c.DecideResolve(ResolveInput{ChildID: 1, TeacherID: 11, Kind: ConflictPreferredLeftOut, DecidedBy: "carer", Why: "Mr Lloyd is on leave", OccurredOn: today}, today)
	require.NoError(t, err)
	assert.Nil(t, d)
	c.apply(t, st)
	assert.Empty(t, c.Conflicts())

	c.Children[0].PreferredTeacherID = 10 // nominated: fine
	assert.Empty(t, c.Conflicts())
	schoolTeachersPlus := []Disclosure{{TeacherID: 10}, {TeacherID: 12}}
	c.Children[0].MayKnow = schoolTeachersPlus
	c.Children[0].PreferredTeacherID = 12
	assert.Equal(t, []Conflict{{Kind: ConflictPreferredLeftOut, ChildID: 1, Child: "Cai", SchoolID: 1, TeacherID: 12}}, c.Conflicts())
}

func TestPupilsForFollowsTheRegisterOnly(t *testing.T) {
	kids := []Child{
		{ID: 1, FirstName: "Ffion", SchoolID: 1, WantsToAttend: WishYes, MayKnow: []Disclosure{{TeacherID: 17}}},
		{ID: 2, FirstName: "Mali", SchoolID: 1, WantsToAttend: WishYes, PreferredTeacherID: 18, MayKnow: []Disclosure{{TeacherID: 17}}},
		{ID: 3, FirstName: "Osian", SchoolID: 1, WantsToAttend: WishNo, MayKnow: []Disclosure{{TeacherID: 18}}},
	}
	names := func(cs []Child) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.FirstName)
		}
		return out
	}
	assert.Equal(t, []string{"Ffion", "Mali"}, names(PupilsFor(kids, 17)))
	assert.Empty(t, PupilsFor(kids, 18), "same school and preferred, but on nobody's register")
}
