package costs

import (
	"fmt"
	"time"
)

// DefaultHalfDayThreshold is the longest time away that half-day supply
// cover still covers: a morning or afternoon session is about 3½ hours.
const DefaultHalfDayThreshold = 3*time.Hour + 30*time.Minute

// EstimateInput is the slice of an allocation the estimator needs. It
// carries IDs only; names stay in the store.
type EstimateInput struct {
	EventDate time.Time // read as a calendar day for rate look-ups
	PrisonID  int64

	EventLength time.Duration // doors open to close, for on-the-day staffing
	Setup       time.Duration // added to EventLength for staff on the day
	Staff       []StaffCount  // on the day, by role
	PrepStaff   []StaffTime   // preparation work, entered by the prison

	// Attendees is everyone expected and fed: parents, children, carers
	// and teachers. Confirmed is how many of them said so themselves.
	Attendees, Confirmed int

	// HalfDayThreshold overrides DefaultHalfDayThreshold when non-zero.
	HalfDayThreshold time.Duration

	Schools  []SchoolTrip
	Teachers []TeacherPlan
	Families []FamilyTrip
}

// StaffCount is how many staff of a role work the event.
type StaffCount struct {
	Role  string
	Count int
}

// StaffTime is preparation time by role: Count staff for Time each.
type StaffTime struct {
	Role  string
	Count int
	Time  time.Duration
}

// SchoolTrip is a school's distance to the prison, entered once per school.
type SchoolTrip struct {
	SchoolID         int64
	LocalAuthorityID int64
	SchoolType       string
	MilesEachWay     Qty
}

// TeacherPlan is one teacher's part in the allocation.
type TeacherPlan struct {
	TeacherID  int64
	SchoolID   int64
	NeedsCover bool // false for heads, part-timers on a day off, etc.
	// Passenger marks a teacher who shares another's car, so their school
	// is not charged mileage twice.
	Passenger     bool
	TravelEachWay time.Duration
	Arrival       time.Duration // arriving early and clearing security
	Meetings      []Meeting
}

// Meeting is one table slot a teacher attends.
type Meeting struct{ Start, End time.Time }

// FamilyTrip is a family's return journey to the prison.
type FamilyTrip struct {
	FamilyID         int64
	LocalAuthorityID int64
	MilesEachWay     Qty
}

// TimeAway is how long a teacher is out of school: travel both ways, the
// arrival and security allowance, and the span from their first meeting's
// start to their last meeting's end (gaps between meetings count, since the
// teacher cannot go back to class).
func (t TeacherPlan) TimeAway() time.Duration {
	if len(t.Meetings) == 0 {
		return 0
	}
	first, last := t.Meetings[0].Start, t.Meetings[0].End
	for _, m := range t.Meetings[1:] {
		if m.Start.Before(first) {
			first = m.Start
		}
		if m.End.After(last) {
			last = m.End
		}
	}
	return 2*t.TravelEachWay + t.Arrival + last.Sub(first)
}

// Estimate derives the automatic cost lines from an allocation. Supply cover
// and mileage use the school's or family's local-authority rate when one is
// set, else the prison's; staffing and catering use the prison's. A missing
// rate is an error, not a silent zero, so an estimate is never quietly short.
func Estimate(in EstimateInput, rates *RateTable) ([]Line, error) {
	e := estimator{in: in, rates: rates, prison: Scope{PrisonScope, in.PrisonID}}
	steps := []func() error{e.teachers, e.families, e.catering, e.staffing}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("costs: estimate: %w", err)
		}
	}
	return e.lines, nil
}

type estimator struct {
	in     EstimateInput
	rates  *RateTable
	prison Scope
	lines  []Line
}

func (e *estimator) add(l Line) {
	l.Source = AutoEstimate
	l.AutoEstimated = l.Estimated
	e.lines = append(e.lines, l)
}
