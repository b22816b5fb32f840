package domain

import "time"

// DefaultRetentionMonths is how long a family's personal data is kept after
// the later of the parent's release and their last showcase. Showcases run
// twice a year, so six months covers the follow-up of the last one and the
// weeks after release, which are a vulnerable time for the family (domain
// brief, para 4.116); keeping the record longer would let a parent's
// imprisonment follow the child, which the brief warns against (para 4.85).
const DefaultRetentionMonths = 6

// RetentionFacts is what the retention rule needs about one family.
type RetentionFacts struct {
	FamilyID int64
	Ref      string
	// Released says the parent has left custody; ReleasedOn is the date,
	// as recorded or, failing that, the day the release was recorded.
	Released   bool
	ReleasedOn time.Time
	// LastShowcase is the day of the family's last showcase that was not
	// cancelled; zero if they had none.
	LastShowcase time.Time
}

// EraseFrom is the first day the family's personal data is due for
// erasure, and false while the parent is in custody: the clock starts at
// release (a transfer is not a release), or at the last showcase if that
// came later.
func (f RetentionFacts) EraseFrom(months int) (time.Time, bool) {
	if !f.Released || f.ReleasedOn.IsZero() {
		return time.Time{}, false
	}
	start := day(f.ReleasedOn)
	if last := day(f.LastShowcase); last.After(start) {
		start = last
	}
	return start.AddDate(0, months, 0), true
}

// DueForErasure reports whether the family's data must be erased on the
// day of now.
func (f RetentionFacts) DueForErasure(now time.Time, months int) bool {
	from, ok := f.EraseFrom(months)
	return ok && !day(now).Before(from)
}

func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
