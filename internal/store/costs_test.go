package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// costWorld is one showcase with a stored allocation:
//
//	school 1 (Cardiff, primary, 20 miles, 40 min each way): teachers 1 and 2
//	school 2 (Powys, secondary, 10 miles, no time entered): head teacher 3
//	family 1 (confirmed, carer 5 miles, two children at school 1)
//	family 2 (allocated, carer 0 miles, one child at school 2)
//	family 3 (cancelled: its meeting and travel are not costed)
type costWorld struct {
	s                      *Store
	prison, cardiff, powys int64
	school1, school2       int64
	t1, t2, t3             int64
	f1, f2, f3             int64
	event                  int64
}

var costDay = time.Date(2026, 12, 10, 14, 0, 0, 0, london)

func newCostWorld(t *testing.T) costWorld {
	t.Helper()
	ctx := context.Background()
	w := costWorld{s: openTest(t)}
	var err error
	must := func(id int64, err error) int64 { t.Helper(); require.NoError(t, err); return id }
	w.prison = must(w.s.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Glanfa"}))
	w.cardiff = must(w.s.CreateLocalAuthority(ctx, domain.System, "Cardiff"))
	w.powys = must(w.s.CreateLocalAuthority(ctx, domain.System, "Powys"))
	w.school1 = must(w.s.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol Glan", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: w.cardiff, Lang: "cy", DistanceMiles: 20}))
	w.school2 = must(w.s.CreateSchool(ctx, domain.System, domain.School{Name: "Powys High", Type: "secondary", LanguageMedium: "english", LocalAuthorityID: w.powys, Lang: "en", DistanceMiles: 10}))
	require.NoError(t, w.s.SetSchoolTravel(ctx, domain.System, w.school1, 40))
	w.t1 = must(w.s.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school1, Name: "Ms Rees", Role: "class_teacher", Lang: "cy"}))
	w.t2 = must(w.s.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school1, Name: "Mr Hughes", Role: "senco", Lang: "cy"}))
	w.t3 = must(w.s.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school2, Name: "Mrs Price", Role: "head", Lang: "en"}))
	family := func(name string, miles int, school int64, children int) int64 {
		in := domain.ReferralInput{PrisonID: w.prison, ParentName: name, PrisonNumber: "A1234BC", ReferralSource: "parent", ReferredOn: today,
			Carer: domain.Carer{Name: "Carer " + name, Relationship: "parent", Lang: "en", DistanceMiles: miles}}
		for i := 0; i < children; i++ {
			in.Children = append(in.Children, domain.Child{FirstName: "Child", SchoolID: school, Lang: "en", WantsToAttend: domain.WishYes})
		}
		return must(w.s.CreateReferral(ctx, domain.System, in))
	}
	w.f1 = family("Dai One", 5, w.school1, 2)
	w.f2 = family("Dai Two", 0, w.school2, 1)
	w.f3 = family("Dai Three", 30, w.school1, 1)
	w.event = must(w.s.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: "Winter showcase", StartsAt: costDay, SlotMinutes: 10, Slots: 12, ArrivalMinutes: 45}))
	place := func(f int64, status string) {
		_, err = w.s.write.Exec(`INSERT INTO event_families (event_id, family_id, status) VALUES (?, ?, ?)`, w.event, f, status)
		require.NoError(t, err)
	}
	place(w.f1, "confirmed")
	place(w.f2, "allocated")
	place(w.f3, "cancelled")
	return w
}

// meet stores one meeting row directly, as the allocation would.
func (w costWorld) meet(t *testing.T, family, teacher int64, slot int) {
	t.Helper()
	_, err := w.s.write.Exec(`INSERT OR REPLACE INTO meetings (event_id, family_id, teacher_id, slot) VALUES (?, ?, ?, ?)`, w.event, family, teacher, slot)
	require.NoError(t, err)
}

// standard gives teacher 1 meetings in slots 0 and 5 (a one-hour span),
// teacher 2 slot 1, teacher 3 slot 2, plus a cancelled family's meeting.
func (w costWorld) standard(t *testing.T) {
	t.Helper()
	_, err := w.s.write.Exec(`DELETE FROM meetings WHERE event_id = ?`, w.event)
	require.NoError(t, err)
	w.meet(t, w.f1, w.t1, 0)
	w.meet(t, w.f2, w.t1, 5)
	w.meet(t, w.f1, w.t2, 1)
	w.meet(t, w.f2, w.t3, 2)
	w.meet(t, w.f3, w.t3, 7) // cancelled: would stretch teacher 3's span
	ctx := context.Background()
	require.NoError(t, w.s.SetCostSettings(ctx, domain.System, w.event, CostSettings{SetupMinutes: 60, HalfDayThresholdMinutes: 210,
		Staff: []costs.StaffCount{{Role: "officer", Count: 3}},
		Prep:  []costs.StaffTime{{Role: "officer", Count: 1, Time: 2 * time.Hour}}}))
}

func (w costWorld) rates(t *testing.T) {
	t.Helper()
	addRates(t, w.s, w.prison)
	_, err := w.s.AddRate(context.Background(), domain.System, costs.Rate{Scope: costs.Scope{Kind: costs.LAScope, ID: w.cardiff},
		Key: costs.SupplyHalfDay, EffectiveFrom: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Amount: 12000})
	require.NoError(t, err)
}

// addRates gives a prison every rate an estimate needs, from April 2026.
func addRates(t *testing.T, s *Store, prisonID int64) {
	t.Helper()
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	prison := costs.Scope{Kind: costs.PrisonScope, ID: prisonID}
	for _, r := range []costs.Rate{
		{Scope: prison, Key: costs.SupplyHalfDay, EffectiveFrom: from, Amount: 11000},
		{Scope: prison, Key: costs.SupplyDay, EffectiveFrom: from, Amount: 20000},
		{Scope: prison, Key: costs.MileagePerMile, EffectiveFrom: from, Amount: 45},
		{Scope: prison, Key: costs.RefreshmentsPerHead, EffectiveFrom: from, Amount: 350},
		{Scope: prison, Key: costs.StaffHourly("officer"), EffectiveFrom: from, Amount: 2400},
	} {
		_, err := s.AddRate(context.Background(), domain.System, r)
		require.NoError(t, err)
	}
}

func byID(lines []costs.Line) map[string]costs.Line {
	m := map[string]costs.Line{}
	for _, l := range lines {
		m[l.ID] = l
	}
	return m
}

func TestEstimateFromStoredAllocation(t *testing.T) {
	w := newCostWorld(t)
	w.standard(t)
	w.rates(t)
	ctx := context.Background()

	in, err := w.s.EstimateInput(ctx, w.event)
	require.NoError(t, err)
	assert.Equal(t, 165*time.Minute, in.EventLength, "45 min arrival + 12 × 10 min slots")
	assert.Equal(t, 10, in.Attendees, "3 teachers + family 1 (parent, carer, 2 children) + family 2 (parent, carer, 1 child)")
	require.Len(t, in.Teachers, 3)
	assert.Equal(t, 185*time.Minute, in.Teachers[0].TimeAway(), "2 × 40 min travel + 45 min arrival + 14:00–15:00")
	assert.True(t, in.Teachers[1].Passenger, "second teacher from school 1 shares the car")
	assert.False(t, in.Teachers[2].NeedsCover, "heads need no cover by default")
	assert.Equal(t, 2*20*time.Minute+45*time.Minute+10*time.Minute, in.Teachers[2].TimeAway(), "no time entered: 2 min a mile; cancelled family's slot ignored")

	require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
	lines, err := w.s.CostLines(ctx, w.event)
	require.NoError(t, err)
	got := map[string]costs.Pence{}
	for _, l := range lines {
		got[l.ID] = l.Estimated
	}
	assert.Equal(t, map[string]costs.Pence{
		"auto/supply_cover/teacher/1":              12000, // Cardiff's half-day rate beats the prison's
		"auto/teacher_travel/teacher/1":            1800,  // 40 miles × 45p
		"auto/supply_cover/teacher/2":              12000,
		"auto/teacher_travel/teacher/3":            900, // 20 miles × 45p; head: no cover
		"auto/family_travel/family/1":              450, // 10 miles × 45p; family 2 lives 0 miles away, family 3 cancelled
		"auto/refreshments":                        3500,
		"auto/prison_staffing_on_the_day/officer":  27000, // 3 × (165 + 60 min) × £24/h
		"auto/prison_staffing_preparation/officer": 4800,
	}, got)

	ev, err := w.s.EventCosts(ctx, domain.Unrestricted, w.event)
	require.NoError(t, err)
	assert.Equal(t, "HMP Glanfa", ev.PrisonName)
	assert.Len(t, ev.Families, 2)
	assert.Equal(t, 3, ev.ChildCount())
	assert.Equal(t, []string{"primary", "primary"}, ev.Families[0].SchoolTypes)
	assert.Equal(t, w.cardiff, ev.Families[0].LocalAuthorityID)
	assert.Len(t, ev.Schools, 2)
	assert.Equal(t, "Cardiff", ev.LocalAuthorityName(w.cardiff))

	audit, err := w.s.AuditLog(ctx, AuditFilter{Entity: "event_costs", EntityID: w.event})
	require.NoError(t, err)
	require.Len(t, audit, 1)
	assert.Equal(t, "reestimate", audit[0].Action)
}

// Supply cover is a half day up to and including the threshold, a day
// above it, with the time away read from the stored allocation.
func TestHalfOrFullDayThroughTheStore(t *testing.T) {
	for _, tc := range []struct {
		name              string
		travel, threshold int
		want              costs.Pence
	}{
		{"185 min away, default 3h30", 40, 210, 12000},
		{"209 min away", 52, 210, 12000},
		{"211 min away", 53, 210, 20000},
		{"exactly the threshold is a half day", 40, 185, 12000},
		{"a minute over", 40, 184, 20000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newCostWorld(t)
			w.standard(t)
			w.rates(t)
			ctx := context.Background()
			require.NoError(t, w.s.SetSchoolTravel(ctx, domain.System, w.school1, tc.travel))
			cs, err := w.s.CostSettings(ctx, domain.Unrestricted, w.event)
			require.NoError(t, err)
			cs.HalfDayThresholdMinutes = tc.threshold
			require.NoError(t, w.s.SetCostSettings(ctx, domain.System, w.event, cs))
			require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
			lines, err := w.s.CostLines(ctx, w.event)
			require.NoError(t, err)
			assert.Equal(t, tc.want, byID(lines)["auto/supply_cover/teacher/1"].Estimated)
		})
	}
}

func TestRateEffectiveDates(t *testing.T) {
	for _, tc := range []struct {
		name string
		from time.Time
		want costs.Pence
	}{
		{"rate from the day after the event does not apply", time.Date(2026, 12, 11, 0, 0, 0, 0, time.UTC), 12000},
		{"rate from the event day applies", time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC), 15000},
		{"rate from before applies", time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), 15000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newCostWorld(t)
			w.standard(t)
			w.rates(t)
			ctx := context.Background()
			_, err := w.s.AddRate(ctx, domain.System, costs.Rate{Scope: costs.Scope{Kind: costs.LAScope, ID: w.cardiff}, Key: costs.SupplyHalfDay, EffectiveFrom: tc.from, Amount: 15000})
			require.NoError(t, err)
			require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
			lines, err := w.s.CostLines(ctx, w.event)
			require.NoError(t, err)
			assert.Equal(t, tc.want, byID(lines)["auto/supply_cover/teacher/1"].Estimated)
		})
	}
}

func TestAddRateRefusesSameDayAndNeverTouchesActuals(t *testing.T) {
	w := newCostWorld(t)
	w.standard(t)
	w.rates(t)
	ctx := context.Background()
	require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
	require.NoError(t, w.s.RecordOutcome(ctx, domain.System, w.event, "auto/family_travel/family/1", Outcome{Actual: costs.Ptr(600), Claimed: costs.Ptr(600), Approved: costs.Ptr(550)}))
	before, err := w.s.CostLines(ctx, w.event)
	require.NoError(t, err)

	_, err = w.s.AddRate(ctx, domain.System, costs.Rate{Scope: costs.Scope{Kind: costs.PrisonScope, ID: w.prison}, Key: costs.MileagePerMile,
		EffectiveFrom: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Amount: 50})
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "effective_from", ve.Fields[0].Field)

	_, err = w.s.AddRate(ctx, domain.System, costs.Rate{Scope: costs.Scope{Kind: costs.PrisonScope, ID: w.prison}, Key: costs.MileagePerMile,
		EffectiveFrom: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Amount: 50})
	require.NoError(t, err)
	after, err := w.s.CostLines(ctx, w.event)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a new rate changes nothing until the coordinator recalculates")
}

func TestReestimateKeepsActualsOverridesAndManualLines(t *testing.T) {
	w := newCostWorld(t)
	w.standard(t)
	w.rates(t)
	ctx := context.Background()
	coord := domain.Actor{ID: 7, Name: "Coordinator", Scope: domain.Unrestricted}
	require.NoError(t, w.s.ReestimateCosts(ctx, coord, w.event))

	require.NoError(t, w.s.RecordOutcome(ctx, coord, w.event, "auto/supply_cover/teacher/1", Outcome{Actual: costs.Ptr(12500), EvidenceRef: "INV-1"}))
	err := w.s.OverrideCostLine(ctx, coord, w.event, "auto/teacher_travel/teacher/3", 1500, "  ")
	require.ErrorIs(t, err, costs.ErrOverrideReason)
	require.NoError(t, w.s.OverrideCostLine(ctx, coord, w.event, "auto/teacher_travel/teacher/3", 1500, "took the long road"))
	manual, err := w.s.AddCostLine(ctx, coord, w.event, costs.Line{Category: costs.Security, Bearer: costs.Prison, Description: "dog handler", Estimated: 15000})
	require.NoError(t, err)

	// Re-allocation: teacher 2 no longer comes. Mileage goes up.
	_, err = w.s.write.Exec(`DELETE FROM meetings WHERE teacher_id = ?`, w.t2)
	require.NoError(t, err)
	_, err = w.s.AddRate(ctx, coord, costs.Rate{Scope: costs.Scope{Kind: costs.PrisonScope, ID: w.prison}, Key: costs.MileagePerMile,
		EffectiveFrom: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Amount: 50})
	require.NoError(t, err)
	require.NoError(t, w.s.ReestimateCosts(ctx, coord, w.event))

	lines, err := w.s.CostLines(ctx, w.event)
	require.NoError(t, err)
	got := byID(lines)
	sc := got["auto/supply_cover/teacher/1"]
	require.NotNil(t, sc.Actual)
	assert.Equal(t, costs.Pence(12500), *sc.Actual, "actual untouched")
	assert.Equal(t, "INV-1", sc.EvidenceRef)
	tt := got["auto/teacher_travel/teacher/3"]
	assert.Equal(t, costs.Pence(1500), tt.Estimated, "override kept")
	assert.True(t, tt.Overridden)
	assert.Equal(t, costs.Pence(1000), tt.AutoEstimated, "fresh computed figure kept beside the override: 20 miles × 50p")
	assert.Equal(t, costs.Pence(500), got["auto/family_travel/family/1"].Estimated, "new rate applied to a plain estimate")
	assert.NotContains(t, got, "auto/supply_cover/teacher/2", "teacher 2 dropped")
	assert.Equal(t, costs.Pence(15000), got[manual].Estimated)
	assert.Equal(t, costs.Manual, got[manual].Source)

	audit, err := w.s.AuditLog(ctx, AuditFilter{Entity: "cost_line"})
	require.NoError(t, err)
	var actions []string
	for _, a := range audit {
		actions = append(actions, a.Action)
	}
	assert.ElementsMatch(t, []string{"record_actual", "override", "create"}, actions, "the refused override left no trace")
}

func TestCommissionerEventsSkipsCancelledShowcasesWithoutCosts(t *testing.T) {
	w := newCostWorld(t)
	w.standard(t)
	w.rates(t)
	ctx := context.Background()
	require.NoError(t, w.s.ReestimateCosts(ctx, domain.System, w.event))
	id, err := w.s.CreateEvent(ctx, domain.System, domain.Event{PrisonID: w.prison, Title: "Called off", StartsAt: costDay.AddDate(0, 1, 0), SlotMinutes: 10, Slots: 12})
	require.NoError(t, err)
	_, err = w.s.write.Exec(`UPDATE events SET status = 'cancelled' WHERE id = ?`, id)
	require.NoError(t, err)
	evs, err := w.s.CommissionerEvents(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.Len(t, evs, 1)
	assert.Len(t, evs[0].Lines, 8)
}

// Catering counts who the carers said are coming: family 1's carer says
// two adults and one of the two children, family 2's that nobody is; a
// family that has not answered is still counted the usual way.
func TestCateringCountsWhoTheCarersSaidAreComing(t *testing.T) {
	w := newCostWorld(t)
	w.standard(t)
	ctx := context.Background()
	answer := func(family int64, kind string, id int64, coming bool) {
		_, err := w.s.write.Exec(`INSERT INTO attendance_answers (event_id, family_id, person_kind, person_id, coming, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			w.event, family, kind, id, b2i(coming), "2026-12-01T10:00:00Z")
		require.NoError(t, err)
	}
	c1, err := w.s.Case(ctx, domain.Unrestricted, w.f1)
	require.NoError(t, err)
	answer(w.f1, "carer", c1.Carers[0].ID, true)
	answer(w.f1, "carer", 9999, true) // a second adult the carer brings
	answer(w.f1, "child", c1.Children[0].ID, true)
	answer(w.f1, "child", c1.Children[1].ID, false)
	in, err := w.s.EstimateInput(ctx, w.event)
	require.NoError(t, err)
	assert.Equal(t, 3+(1+2+1)+(2+1), in.Attendees, "teachers, then family 1 as answered with its parent, then family 2 unanswered")
	assert.Equal(t, 1+2+1, in.Confirmed, "only family 1's people said they are coming")

	c2, err := w.s.Case(ctx, domain.Unrestricted, w.f2)
	require.NoError(t, err)
	answer(w.f2, "carer", c2.Carers[0].ID, false)
	answer(w.f2, "child", c2.Children[0].ID, false)
	in, err = w.s.EstimateInput(ctx, w.event)
	require.NoError(t, err)
	assert.Equal(t, 3+4+0, in.Attendees, "nobody of family 2 is coming")
}
