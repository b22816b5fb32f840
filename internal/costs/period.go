package costs

import (
	"fmt"
	"time"
)

// PeriodFunc maps an event date to a period key. Keys sort chronologically
// as strings, so reports can order periods without parsing them.
type PeriodFunc func(time.Time) string

// AcademicTerm keys a date by school term, e.g. "2024/25-autumn". Terms
// follow calendar months (autumn Sep–Dec, spring Jan–Apr, summer May–Aug)
// because real term dates vary by local authority and with Easter; the
// keys sort in term order because "autumn" < "spring" < "summer".
func AcademicTerm(t time.Time) string {
	y, m := t.Year(), t.Month()
	start := y
	if m < time.September {
		start = y - 1
	}
	year := fmt.Sprintf("%d/%02d", start, (start+1)%100)
	switch {
	case m >= time.September:
		return year + "-autumn"
	case m <= time.April:
		return year + "-spring"
	default:
		return year + "-summer"
	}
}

// HalfYear keys a date by calendar half, e.g. "2025-H1", for commissioners
// who report on financial or calendar halves rather than terms.
func HalfYear(t time.Time) string {
	if t.Month() <= time.June {
		return fmt.Sprintf("%d-H1", t.Year())
	}
	return fmt.Sprintf("%d-H2", t.Year())
}
