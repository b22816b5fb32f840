package costs

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A rate change recomputes estimates but never touches recorded actuals or
// the coordinator's overrides.
func TestRateChangeRecomputesEstimatesButNotActuals(t *testing.T) {
	rt := testRates(t)
	in := baseInput()
	in.Teachers = []TeacherPlan{teacher(7, 100, time.Hour), teacher(8, 100, time.Hour)}
	in.Families = []FamilyTrip{{FamilyID: 5, MilesEachWay: Units(10)}}
	first, err := Estimate(in, rt)
	require.NoError(t, err)

	// Record an actual on teacher 7's mileage, override family 5's, add a manual line.
	first[idx(t, first, "auto/teacher_travel/teacher/7")].Actual = Ptr(1234)
	first, err = Override(first, "auto/family_travel/family/5", 500, "bus fare, not car")
	require.NoError(t, err)
	manual := Line{ID: "m1", Category: Security, Bearer: Prison, Estimated: 9000, Source: Manual}
	first = append(first, manual)

	// Mileage goes up to 50p from a date before the event.
	require.NoError(t, rt.Add(Rate{Scope: Scope{PrisonScope, prisonID}, Key: MileagePerMile, EffectiveFrom: date(2025, 1, 1), Amount: 50}))
	fresh, err := Estimate(in, rt)
	require.NoError(t, err)
	got := byID(Reestimate(first, fresh))

	t7 := got["auto/teacher_travel/teacher/7"]
	assert.Equal(t, Pence(1234), *t7.Actual, "actual stays")
	assert.Equal(t, first[idx(t, first, "auto/teacher_travel/teacher/7")], t7, "line with an actual is frozen")
	assert.Equal(t, Pence(1235), got["auto/teacher_travel/teacher/8"].Estimated, "24.69 mi × 50p, recomputed")
	f5 := got["auto/family_travel/family/5"]
	assert.Equal(t, Pence(500), f5.Estimated, "override stays")
	assert.Equal(t, Pence(1000), f5.AutoEstimated, "computed figure refreshed for review")
	assert.Equal(t, manual, got["m1"])

	// Adding a rate that starts after the event changes nothing.
	require.NoError(t, rt.Add(Rate{Scope: Scope{PrisonScope, prisonID}, Key: MileagePerMile, EffectiveFrom: date(2026, 1, 1), Amount: 90}))
	later, err := Estimate(in, rt)
	require.NoError(t, err)
	assert.Equal(t, fresh, later)
}

func TestReestimateAfterReallocation(t *testing.T) {
	old := []Line{
		{ID: "auto/a", Source: AutoEstimate, Estimated: 1},
		{ID: "auto/gone", Source: AutoEstimate, Estimated: 2},
		{ID: "auto/gone-but-paid", Source: AutoEstimate, Estimated: 3, Actual: Ptr(3)},
		{ID: "m", Source: Manual, Estimated: 4},
	}
	fresh := []Line{{ID: "auto/a", Source: AutoEstimate, Estimated: 10}, {ID: "auto/new", Source: AutoEstimate, Estimated: 20}}
	got := Reestimate(old, fresh)
	ids := []string{}
	for _, l := range got {
		ids = append(ids, l.ID)
	}
	assert.Equal(t, []string{"auto/a", "auto/new", "auto/gone-but-paid", "m"}, ids)
	assert.Equal(t, Pence(10), got[0].Estimated)
}

func idx(t *testing.T, lines []Line, id string) int {
	t.Helper()
	for i, l := range lines {
		if l.ID == id {
			return i
		}
	}
	t.Fatalf("no line %q", id)
	return -1
}
