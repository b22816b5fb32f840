package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRetentionPicksFamiliesOnTheRightDay(t *testing.T) {
	d := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		v, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name             string
		released         bool
		releasedOn, last string
		now              string
		months           int
		due              bool
	}{
		{"held parent is never due", false, "", "2024-01-01", "2026-11-23", 6, false},
		{"held parent with a release date set ahead is not due", false, "2025-01-01", "", "2026-11-23", 6, false},
		{"released, no showcase, the day before", true, "2026-05-24", "", "2026-11-23", 6, false},
		{"released, no showcase, on the day", true, "2026-05-23", "", "2026-11-23", 6, true},
		{"released, no showcase, long after", true, "2025-01-01", "", "2026-11-23", 6, true},
		{"showcase after release moves the day on", true, "2026-01-10", "2026-06-01", "2026-11-23", 6, false},
		{"showcase after release, on the day", true, "2026-01-10", "2026-05-23", "2026-11-23", 6, true},
		{"showcase before release does not count", true, "2026-05-23", "2026-01-01", "2026-11-23", 6, true},
		{"a longer period keeps it", true, "2026-05-23", "", "2026-11-23", 12, false},
		{"31 Aug + 6 months rolls on to 3 Mar", true, "2026-08-31", "", "2027-03-03", 6, true},
		{"31 Aug + 6 months, on 2 Mar", true, "2026-08-31", "", "2027-03-02", 6, false},
		{"released without a date is not due", true, "", "", "2026-11-23", 6, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := RetentionFacts{Released: c.released, ReleasedOn: d(c.releasedOn), LastShowcase: d(c.last)}
			assert.Equal(t, c.due, f.DueForErasure(d(c.now).Add(13*time.Hour), c.months))
		})
	}
}
