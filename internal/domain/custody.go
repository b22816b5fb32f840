package domain

import "time"

// CustodyInput records where the parent is: the showcase can only go ahead
// while they are held at this prison, and a release date before the event
// needs a different plan.
type CustodyInput struct {
	Status      ParentStatus
	ReleaseDate string
}

// Validate checks the custody status and optional release date.
func (in CustodyInput) Validate() error {
	var p Problems
	checkChoice(&p, "status", in.Status, ParentStatuses)
	if in.ReleaseDate != "" {
		if _, err := time.Parse("2006-01-02", in.ReleaseDate); err != nil {
			p.Add("release_date", "err.date")
		}
	}
	return p.Err()
}
