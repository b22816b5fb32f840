package costs

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const prisonID, laID, otherLA = 1, 10, 20

func testRates(t *testing.T) *RateTable {
	t.Helper()
	p, la := Scope{PrisonScope, prisonID}, Scope{LAScope, laID}
	from := date(2024, 9, 1)
	rt, err := NewRateTable(
		Rate{Scope: p, Key: SupplyHalfDay, EffectiveFrom: from, Amount: 11000},
		Rate{Scope: p, Key: SupplyDay, EffectiveFrom: from, Amount: 20000},
		Rate{Scope: la, Key: SupplyDay, EffectiveFrom: from, Amount: 21500},
		Rate{Scope: p, Key: MileagePerMile, EffectiveFrom: from, Amount: 45},
		Rate{Scope: p, Key: RefreshmentsPerHead, EffectiveFrom: from, Amount: 350},
		Rate{Scope: p, Key: StaffHourly("officer"), EffectiveFrom: from, Amount: 2400},
		Rate{Scope: p, Key: StaffHourly("family_worker"), EffectiveFrom: from, Amount: 1850},
	)
	require.NoError(t, err)
	return rt
}

func at(h, m int) time.Time { return time.Date(2025, 3, 12, h, m, 0, 0, london) }

// teacher with 45 min travel each way, 30 min arrival, meetings spanning span.
func teacher(id, school int64, span time.Duration) TeacherPlan {
	start := at(13, 0)
	return TeacherPlan{TeacherID: id, SchoolID: school, NeedsCover: true,
		TravelEachWay: 45 * time.Minute, Arrival: 30 * time.Minute,
		Meetings: []Meeting{{Start: start.Add(span - 20*time.Minute), End: start.Add(span)}, {Start: start, End: start.Add(20 * time.Minute)}}}
}

func baseInput() EstimateInput {
	return EstimateInput{EventDate: date(2025, 3, 12), PrisonID: prisonID,
		Schools: []SchoolTrip{
			{SchoolID: 100, LocalAuthorityID: otherLA, SchoolType: "primary", MilesEachWay: 12345},
			{SchoolID: 200, LocalAuthorityID: laID, SchoolType: "secondary"},
		}}
}

func byID(lines []Line) map[string]Line {
	m := map[string]Line{}
	for _, l := range lines {
		m[l.ID] = l
	}
	return m
}

func TestSupplyCoverHalfOrFullDay(t *testing.T) {
	rt := testRates(t)
	// Fixed part of time away: 2×45 + 30 = 2h; threshold 3h30 leaves 1h30 of meetings.
	for _, tc := range []struct {
		name      string
		span      time.Duration
		threshold time.Duration
		school    int64
		unit      string
		want      Pence
	}{
		{"well under", 40 * time.Minute, 0, 100, "half day", 11000},
		{"exactly the threshold is still half a day", 90 * time.Minute, 0, 100, "half day", 11000},
		{"one minute over is a full day", 91 * time.Minute, 0, 100, "day", 20000},
		{"custom threshold", 91 * time.Minute, 4 * time.Hour, 100, "half day", 11000},
		{"LA day rate beats the prison's", 3 * time.Hour, 0, 200, "day", 21500},
	} {
		in := baseInput()
		in.HalfDayThreshold = tc.threshold
		in.Teachers = []TeacherPlan{teacher(7, tc.school, tc.span)}
		lines, err := Estimate(in, rt)
		require.NoError(t, err, tc.name)
		l, ok := byID(lines)["auto/supply_cover/teacher/7"]
		require.True(t, ok, tc.name)
		assert.Equal(t, tc.unit, l.Unit, tc.name)
		assert.Equal(t, tc.want, l.Estimated, tc.name)
		assert.Equal(t, School, l.Bearer, tc.name)
		assert.Equal(t, AutoEstimate, l.Source, tc.name)
		assert.Equal(t, l.Estimated, l.AutoEstimated, tc.name)
	}
}

func TestTimeAwayCountsGapsBetweenMeetings(t *testing.T) {
	tp := teacher(1, 100, 2*time.Hour)
	assert.Equal(t, 4*time.Hour, tp.TimeAway())
	assert.Equal(t, time.Duration(0), TeacherPlan{TravelEachWay: time.Hour}.TimeAway())
}

func TestTeacherWithoutCoverOrMeetings(t *testing.T) {
	in := baseInput()
	noCover := teacher(1, 100, time.Hour)
	noCover.NeedsCover = false
	passenger := teacher(2, 100, time.Hour)
	passenger.Passenger = true
	absent := teacher(3, 100, time.Hour)
	absent.Meetings = nil
	in.Teachers = []TeacherPlan{noCover, passenger, absent}
	lines, err := Estimate(in, testRates(t))
	require.NoError(t, err)
	ids := byID(lines)
	assert.NotContains(t, ids, "auto/supply_cover/teacher/1")
	assert.Contains(t, ids, "auto/teacher_travel/teacher/1")
	assert.Contains(t, ids, "auto/supply_cover/teacher/2")
	assert.NotContains(t, ids, "auto/teacher_travel/teacher/2", "passengers add no mileage")
	for id := range ids {
		assert.NotContains(t, id, "teacher/3", "absent teacher costs nothing")
	}
}

func TestMileageIsReturnTripRoundedHalfUp(t *testing.T) {
	in := baseInput()
	in.Teachers = []TeacherPlan{teacher(7, 100, time.Hour)}
	in.Families = []FamilyTrip{{FamilyID: 5, LocalAuthorityID: laID, MilesEachWay: 333}, {FamilyID: 6}}
	lines, err := Estimate(in, testRates(t))
	require.NoError(t, err)
	ids := byID(lines)
	tt := ids["auto/teacher_travel/teacher/7"]
	assert.Equal(t, Qty(24690), tt.Quantity)
	assert.Equal(t, Pence(1111), tt.Estimated, "24.69 mi × 45p = 1111.05p")
	assert.Equal(t, School, tt.Bearer)
	assert.Equal(t, int64(otherLA), tt.LocalAuthorityID)
	assert.Equal(t, "primary", tt.SchoolType)
	ft := ids["auto/family_travel/family/5"]
	assert.Equal(t, Pence(30), ft.Estimated, "0.666 mi × 45p = 29.97p")
	assert.Equal(t, Family, ft.Bearer)
	assert.NotContains(t, ids, "auto/family_travel/family/6", "no distance, no line")
}

func TestCateringAndStaffing(t *testing.T) {
	in := baseInput()
	in.Attendees = 37
	in.EventLength, in.Setup = 2*time.Hour, 20*time.Minute
	in.Staff = []StaffCount{{Role: "officer", Count: 3}}
	in.PrepStaff = []StaffTime{{Role: "family_worker", Count: 1, Time: 5*time.Hour + 10*time.Minute}, {Role: "officer", Count: 0, Time: time.Hour}}
	lines, err := Estimate(in, testRates(t))
	require.NoError(t, err)
	ids := byID(lines)
	assert.Len(t, ids, 3)
	assert.Equal(t, Pence(37*350), ids["auto/refreshments"].Estimated)
	day := ids["auto/prison_staffing_on_the_day/officer"]
	assert.Equal(t, Pence(16800), day.Estimated, "3 × 2h20m × £24 = £168")
	assert.Equal(t, Qty(7000), day.Quantity)
	prep := ids["auto/prison_staffing_preparation/family_worker"]
	// 5h10m × £18.50 = 9558.333…p
	assert.Equal(t, Pence(9558), prep.Estimated)
	assert.Equal(t, Qty(5167), prep.Quantity, "display hours rounded to 0.001")
	assert.Equal(t, Prison, prep.Bearer)
}

func TestEstimateFailsLoudlyOnMissingRates(t *testing.T) {
	in := baseInput()
	in.Staff = []StaffCount{{Role: "dog_handler", Count: 1}}
	in.EventLength = time.Hour
	_, err := Estimate(in, testRates(t))
	assert.ErrorIs(t, err, ErrNoRate)

	in = baseInput()
	in.Teachers = []TeacherPlan{teacher(1, 999, time.Hour)}
	_, err = Estimate(in, testRates(t))
	assert.ErrorContains(t, err, "school 999")

	in = baseInput()
	in.EventDate = date(2020, 1, 1)
	in.Attendees = 3
	_, err = Estimate(in, testRates(t))
	assert.ErrorIs(t, err, ErrNoRate, "no rate in force before 2024-09-01")
}
