package domain

import "time"

// CustodyInput records where the parent is: the showcase can only go ahead
// while they are held at this prison, and a release date before the event
// needs a different plan.
type CustodyInput struct {
	Status      ParentStatus
	ReleaseDate string
}

// Validate checks the custody status and optional release date, which
// must lie in its window around today (YYYY-MM-DD).
func (in CustodyInput) Validate(today string) error {
	var p Problems
	checkChoice(&p, "status", in.Status, ParentStatuses)
	if in.ReleaseDate != "" {
		if day, err := time.Parse("2006-01-02", in.ReleaseDate); err != nil {
			p.Add("release_date", "err.date")
		} else {
			checkWindow(&p, "release_date", day, today)
		}
	}
	return p.Err()
}
