package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/allocate"
	"schoolzone/internal/domain"
)

// hallWorld is a prison with a six-table hall (T1 quiet, T2 and T5 step-free, in
// one row, each next to its neighbours), two schools with two teachers
// each, and a showcase.
type hallWorld struct {
	s                *Store
	prison, event    int64
	schoolA, schoolB int64
	teachA1, teachA2 int64
	teachB1, teachB2 int64
	tables           map[string]int64
}

func newHallWorld(t *testing.T) hallWorld {
	t.Helper()
	ctx := context.Background()
	w := hallWorld{s: openTest(t), tables: map[string]int64{}}
	var err error
	w.prison, err = w.s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(t, err)
	la, err := w.s.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(t, err)
	mk := func(name string) int64 {
		id, err := w.s.CreateSchool(ctx, domain.System, domain.School{Name: name, Type: "primary", LanguageMedium: "english", LocalAuthorityID: la, Lang: "en"})
		require.NoError(t, err)
		return id
	}
	teacher := func(school int64, name string) int64 {
		id, err := w.s.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: school, Name: name, Role: "class_teacher", Lang: "en"})
		require.NoError(t, err)
		return id
	}
	w.schoolA, w.schoolB = mk("Ysgol A"), mk("Ysgol B")
	w.teachA1, w.teachA2 = teacher(w.schoolA, "Ms Alaw"), teacher(w.schoolA, "Mr Arwel")
	w.teachB1, w.teachB2 = teacher(w.schoolB, "Ms Bethan"), teacher(w.schoolB, "Mr Bryn")
	var tables []domain.HallTable
	adj := map[string][]string{}
	for i, l := range []string{"T1", "T2", "T3", "T4", "T5", "T6"} {
		tables = append(tables, domain.HallTable{Label: l, Col: i, Seats: 6, Quiet: l == "T1", StepFree: l == "T2" || l == "T5"})
		if i > 0 {
			adj[l] = []string{tables[i-1].Label}
		}
	}
	require.NoError(t, w.s.SetHall(ctx, domain.System, w.prison, tables, adj))
	got, err := w.s.HallTables(ctx, w.prison)
	require.NoError(t, err)
	for _, x := range got {
		w.tables[x.Label] = x.ID
	}
	w.event, err = w.s.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: "Showcase",
		StartsAt: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
	require.NoError(t, err)
	return w
}

// family takes a referral to ready: children at the given schools, each
// school's headteacher nominating the given teachers.
func (w hallWorld) family(t *testing.T, children []domain.Child, nominate map[int64][]int64) int64 {
	t.Helper()
	ctx := context.Background()
	for i := range children {
		children[i].WantsToAttend = domain.WishYes
		children[i].Lang = "en"
		if children[i].FirstName == "" {
			children[i].FirstName = "Child"
		}
	}
	in := domain.ReferralInput{PrisonID: w.prison, ParentName: "Parent Example", PrisonNumber: "A1234BC", ReferralSource: "parent", ReferredOn: today,
		Carer: domain.Carer{Name: "Carer Example", Relationship: "parent", Phone: "07700 900123", Lang: "en"}, Children: children}
	id, err := w.s.CreateReferral(ctx, domain.System, in)
	require.NoError(t, err)
	record := func(decide func(c domain.Case) ([]domain.Step, error)) {
		_, err := w.s.RecordSteps(ctx, domain.System, id, decide)
		require.NoError(t, err)
	}
	record(func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentGiven, Route: "phone", OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	for school, teachers := range nominate {
		staff, err := w.s.Teachers(ctx, school)
		require.NoError(t, err)
		record(func(c domain.Case) ([]domain.Step, error) {
			return c.DecideAgreement(domain.AgreementInput{SchoolID: school, Outcome: domain.Agreed, Route: "email", OccurredOn: today, TeacherIDs: teachers}, staff, today)
		})
		_, err = w.s.RecordAwareness(ctx, domain.System, school, func(agreed bool) (domain.AwarenessSession, error) {
			return domain.DecideAwareness(domain.AwarenessInput{SchoolID: school, DeliveredOn: today, DeliveredBy: "Coordinator", Attendees: 3, Route: "in_person"}, agreed, today)
		})
		require.NoError(t, err)
	}
	c, err := w.s.Case(ctx, domain.Unrestricted, id)
	require.NoError(t, err)
	all, err := w.s.Teachers(ctx, 0)
	require.NoError(t, err)
	for _, ch := range c.Children {
		require.NoError(t, w.s.RecordVoice(ctx, domain.System, id, func(c domain.Case) (domain.Child, error) {
			return c.DecideVoice(domain.VoiceInput{ChildID: ch.ID, WantsToAttend: domain.WishYes, ObtainedHow: "asked", OccurredOn: today,
				MayKnow: teachersAt(all, ch.SchoolID), ApprovedBy: "both"}, all, today)
		}))
	}
	record(func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideClearance(domain.ClearanceInput{Outcome: domain.Cleared, OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	c, err = w.s.Case(ctx, domain.Unrestricted, id)
	require.NoError(t, err)
	require.Equal(t, domain.StageReady, c.Progress().Stage)
	return id
}

// teachersAt lists the teachers at a school: the register of a child who
// agreed that anyone there may know.
func teachersAt(all []domain.Teacher, schoolID int64) []int64 {
	var out []int64
	for _, t := range all {
		if t.SchoolID == schoolID {
			out = append(out, t.ID)
		}
	}
	return out
}

func TestAllocationInputTakesReadyFamiliesAndNominatedTeachers(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	// Siblings at two schools; school A nominated two teachers.
	f1 := w.family(t, []domain.Child{{SchoolID: w.schoolA, NeedsQuiet: true}, {SchoolID: w.schoolB}},
		map[int64][]int64{w.schoolA: {w.teachA1, w.teachA2}, w.schoolB: {w.teachB1}})
	// Two children at the same school: one meeting with the teacher, not two.
	f2 := w.family(t, []domain.Child{{SchoolID: w.schoolA}, {SchoolID: w.schoolA, NeedsStepFree: true}},
		map[int64][]int64{w.schoolA: {w.teachA1}})
	// Not ready: consent only.
	notReady, err := w.s.CreateReferral(ctx, domain.System, domain.ReferralInput{PrisonID: w.prison, ParentName: "Other", ReferralSource: "parent", ReferredOn: today,
		Carer: domain.Carer{Name: "C", Relationship: "parent", Phone: "07700 900000", Lang: "en"}, Children: []domain.Child{{FirstName: "X", SchoolID: w.schoolB, Lang: "en"}}})
	require.NoError(t, err)
	require.NoError(t, w.s.AddKeepApart(ctx, domain.System, "FAM-0002", "FAM-0001"))

	in, refs, err := w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Equal(t, 6, in.Event.Slots)
	assert.Equal(t, 10, in.Event.SlotMinutes)
	require.Len(t, in.Families, 2, "only ready families")
	assert.Equal(t, allocate.Family{ID: FamilyKey(f1), NeedsQuiet: true, KeepApart: []string{FamilyKey(f2)}}, in.Families[0])
	assert.Equal(t, allocate.Family{ID: FamilyKey(f2), NeedsStepFree: true}, in.Families[1])
	for _, f := range in.Families {
		assert.NotEqual(t, FamilyKey(notReady), f.ID)
	}
	assert.Equal(t, "FAM-0001", refs.FamilyRef[FamilyKey(f1)])

	assert.ElementsMatch(t, []allocate.Meeting{
		{Family: FamilyKey(f1), Teacher: TeacherKey(w.teachA1)}, {Family: FamilyKey(f1), Teacher: TeacherKey(w.teachA2)},
		{Family: FamilyKey(f1), Teacher: TeacherKey(w.teachB1)}, {Family: FamilyKey(f2), Teacher: TeacherKey(w.teachA1)},
	}, in.Meetings)
	var teachers []string
	for _, x := range in.Teachers {
		teachers = append(teachers, x.ID)
	}
	assert.ElementsMatch(t, []string{TeacherKey(w.teachA1), TeacherKey(w.teachA2), TeacherKey(w.teachB1)}, teachers, "Mr Bryn was not nominated")
	require.Len(t, in.Tables, 6)
	assert.True(t, in.Tables[0].Quiet)
	assert.Equal(t, "T1", refs.TableLabel[in.Tables[0].ID])

	r, err := allocate.Allocate(in)
	require.NoError(t, err)
	assert.Empty(t, allocate.Check(in, r))
	assert.Equal(t, TableKey(w.tables["T1"]), r.Tables[FamilyKey(f1)], "the quiet table")
}

func TestSaveAllocationRoundTripAndWithdrawals(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	f1 := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1, w.teachA2}})
	f2 := w.family(t, []domain.Child{{SchoolID: w.schoolB}}, map[int64][]int64{w.schoolB: {w.teachB1}})
	in, _, err := w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	r, err := allocate.Allocate(in)
	require.NoError(t, err)
	require.NoError(t, w.s.SaveAllocation(ctx, domain.System, w.event, r))

	got, err := w.s.Allocation(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Equal(t, r.Tables, got.Tables)
	assert.ElementsMatch(t, r.Meetings, got.Meetings)
	assert.Equal(t, r.SlotsUsed, got.SlotsUsed)
	assert.Equal(t, r.TeacherIdleSlots, got.TeacherIdleSlots)
	ev, _ := w.s.Event(ctx, domain.Unrestricted, w.event)
	assert.Equal(t, "allocated", ev.Status)
	log, _ := w.s.AuditLog(ctx, AuditFilter{Entity: "event", EntityID: w.event})
	require.NotEmpty(t, log)
	assert.Equal(t, "allocate", log[0].Action)

	// A table from another prison's hall is refused and nothing changes.
	other, _ := w.s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Elsewhere"})
	require.NoError(t, w.s.SetHall(ctx, domain.System, other, []domain.HallTable{{Label: "X1"}}, nil))
	xt, _ := w.s.HallTables(ctx, other)
	bad := allocate.Result{Tables: map[string]string{FamilyKey(f1): TableKey(xt[0].ID)}}
	assert.Error(t, w.s.SaveAllocation(ctx, domain.System, w.event, bad))
	got, _ = w.s.Allocation(ctx, domain.Unrestricted, w.event)
	assert.Equal(t, r.Tables, got.Tables)

	// The parent is transferred: the family is no longer ready, so its
	// place is cancelled in the same transaction, and a new allocation
	// leaves it out.
	require.NoError(t, w.s.SetParentStatus(ctx, domain.System, f2, domain.Transferred, ""))
	got, _ = w.s.Allocation(ctx, domain.Unrestricted, w.event)
	assert.NotContains(t, got.Tables, FamilyKey(f2))
	ev, _ = w.s.Event(ctx, domain.Unrestricted, w.event)
	assert.True(t, ev.AllocationStale)
	in, refs, err := w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Len(t, in.Families, 1)
	assert.Empty(t, refs.NotReady, "already taken out")
	r2, err := allocate.Allocate(in)
	require.NoError(t, err)
	require.NoError(t, w.s.SaveAllocation(ctx, domain.System, w.event, r2))
	got, _ = w.s.Allocation(ctx, domain.Unrestricted, w.event)
	assert.NotContains(t, got.Tables, FamilyKey(f2))
	for _, m := range got.Meetings {
		assert.NotEqual(t, FamilyKey(f2), m.Family)
	}
	// Back in custody here: ready again and allocated again.
	require.NoError(t, w.s.SetParentStatus(ctx, domain.System, f2, domain.Held, ""))
	in, _, _ = w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	assert.Len(t, in.Families, 2)

	// A teacher unavailable in every slot has withdrawn: no meetings for them.
	require.NoError(t, w.s.SetTeacherUnavailable(ctx, domain.System, w.event, w.teachA2, []int{0, 1, 2, 3, 4, 5}))
	in, refs, _ = w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	for _, m := range in.Meetings {
		assert.NotEqual(t, TeacherKey(w.teachA2), m.Teacher)
	}
	require.Len(t, refs.Withdrawn, 1)
	assert.Equal(t, "Mr Arwel", refs.Withdrawn[0].Name)
	// Some slots only: still coming, with those slots unavailable.
	require.NoError(t, w.s.SetTeacherUnavailable(ctx, domain.System, w.event, w.teachA2, []int{0, 1}))
	in, _, _ = w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	for _, x := range in.Teachers {
		if x.ID == TeacherKey(w.teachA2) {
			assert.Equal(t, []int{0, 1}, x.UnavailableSlots)
		}
	}
}

func TestWithdrawnConsentLeavesTheAllocation(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	f1 := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	in, _, err := w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	r, err := allocate.Allocate(in)
	require.NoError(t, err)
	require.NoError(t, w.s.SaveAllocation(ctx, domain.System, w.event, r))
	_, err = w.s.RecordSteps(ctx, domain.System, f1, func(c domain.Case) ([]domain.Step, error) {
		st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentWithdrawn, Route: "phone", OccurredOn: today}, today)
		return []domain.Step{st}, err
	})
	require.NoError(t, err)
	got, _ := w.s.Allocation(ctx, domain.Unrestricted, w.event)
	assert.Empty(t, got.Tables)
	assert.Empty(t, got.Meetings)
	in, _, _ = w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	assert.Empty(t, in.Families)
}

func TestKeepApartValidation(t *testing.T) {
	w := newHallWorld(t)
	ctx := context.Background()
	w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	w.family(t, []domain.Child{{SchoolID: w.schoolB}}, map[int64][]int64{w.schoolB: {w.teachB1}})
	var ve *domain.ValidationError
	err := w.s.AddKeepApart(ctx, domain.System, "FAM-0001", "FAM-0099")
	require.ErrorAs(t, err, &ve)
	f, ok := ve.Field("family_b")
	require.True(t, ok)
	assert.Equal(t, "keepapart.err_unknown", f.Key)
	require.ErrorAs(t, w.s.AddKeepApart(ctx, domain.System, "fam-0001", " FAM-0001"), &ve)
	assert.Equal(t, "keepapart.err_same", ve.Fields[0].Key)
	pairs, _ := w.s.KeepApart(ctx, domain.Unrestricted)
	assert.Empty(t, pairs)

	require.NoError(t, w.s.AddKeepApart(ctx, domain.System, "fam-0002", "FAM-0001"))
	require.NoError(t, w.s.AddKeepApart(ctx, domain.System, "FAM-0001", "FAM-0002"), "twice is not an error")
	pairs, _ = w.s.KeepApart(ctx, domain.Unrestricted)
	require.Len(t, pairs, 1)
	assert.Equal(t, "FAM-0001", pairs[0].RefA)
	assert.Equal(t, "FAM-0002", pairs[0].RefB)
	require.NoError(t, w.s.RemoveKeepApart(ctx, domain.System, pairs[0].FamilyB, pairs[0].FamilyA))
	pairs, _ = w.s.KeepApart(ctx, domain.Unrestricted)
	assert.Empty(t, pairs)
}

func TestParseKey(t *testing.T) {
	id, ok := ParseKey("F", FamilyKey(12))
	assert.True(t, ok)
	assert.Equal(t, int64(12), id)
	for _, bad := range []string{"T12", "F", "F-1", "F012", "F0", "FX"} {
		_, ok := ParseKey("F", bad)
		assert.False(t, ok, bad)
	}
	_, ok = ParseKey("T", "TCH5")
	assert.False(t, ok, "a teacher key is not a table key")
}

// Keep-apart families must not sit one behind the other either. The hall
// is two rows of three with no pair set by hand except T3–T4, across the
// hall: the allocator's input joins each table to the ones beside, in
// front and behind, and the check catches a family seated directly behind
// the one it is kept apart from.
func TestKeepApartCountsTablesInFrontAndBehind(t *testing.T) {
	w := newHallWorld(t)
	ctx := t.Context()
	var tables []domain.HallTable
	for i, l := range []string{"T1", "T2", "T3", "T4", "T5", "T6"} {
		tables = append(tables, domain.HallTable{Label: l, Row: 1 + i/3, Col: 1 + i%3, Seats: 6})
	}
	require.NoError(t, w.s.SetHall(ctx, domain.System, w.prison, tables, map[string][]string{"T3": {"T4"}}))
	f1 := w.family(t, []domain.Child{{SchoolID: w.schoolA}}, map[int64][]int64{w.schoolA: {w.teachA1}})
	f2 := w.family(t, []domain.Child{{SchoolID: w.schoolB}}, map[int64][]int64{w.schoolB: {w.teachB1}})
	require.NoError(t, w.s.AddKeepApart(ctx, domain.System, "FAM-0001", "FAM-0002"))

	in, refs, err := w.s.AllocationInput(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	key := map[string]string{}
	for id, label := range refs.TableLabel {
		key[label] = id
	}
	neighbours := map[string][]string{}
	for _, tb := range in.Tables {
		for _, a := range tb.Adjacent {
			neighbours[refs.TableLabel[tb.ID]] = append(neighbours[refs.TableLabel[tb.ID]], refs.TableLabel[a])
		}
	}
	assert.Equal(t, map[string][]string{"T1": {"T2", "T4"}, "T2": {"T3", "T5"}, "T3": {"T4", "T6"}, "T4": {"T5"}, "T5": {"T6"}}, neighbours)

	for _, tc := range []struct {
		name   string
		at     [2]string
		broken bool
	}{
		{"directly behind", [2]string{"T2", "T5"}, true},
		{"beside", [2]string{"T5", "T6"}, true},
		{"set by hand", [2]string{"T3", "T4"}, true},
		{"diagonally behind", [2]string{"T1", "T5"}, false},
		{"across the hall", [2]string{"T1", "T3"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := allocate.Result{Tables: map[string]string{FamilyKey(f1): key[tc.at[0]], FamilyKey(f2): key[tc.at[1]]}}
			var codes []string
			for _, v := range allocate.Check(in, r) {
				codes = append(codes, v.Code)
			}
			if tc.broken {
				assert.Contains(t, codes, allocate.VKeepApartNext)
			} else {
				assert.NotContains(t, codes, allocate.VKeepApartNext)
			}
		})
	}
}

// An empty hall is refused and the tables stay: it once panicked building
// the query ("negative Repeat count").
func TestSetHallWithNoTablesIsRefused(t *testing.T) {
	w := newHallWorld(t)
	for _, tables := range [][]domain.HallTable{nil, {}} {
		err := w.s.SetHall(t.Context(), domain.System, w.prison, tables, nil)
		require.ErrorIs(t, err, ErrEmptyHall)
	}
	got, err := w.s.HallTables(t.Context(), w.prison)
	require.NoError(t, err)
	assert.Len(t, got, 6)
}
