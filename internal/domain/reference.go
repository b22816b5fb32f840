package domain

import (
	"strconv"
	"strings"
	"time"
)

// SchoolInput is a school as typed into a form. Numbers arrive as text so
// that "ten" gets a message beside the field rather than a parse error.
type SchoolInput struct {
	Name, Type, LanguageMedium, LocalAuthorityID string
	HeadName, HeadEmail, Phone, Address, Lang    string
	DistanceMiles                                string
}

// Validate checks a new school against the local authorities on record and
// returns it ready to store. The coordinator must be able to reach the
// headteacher, so an email address or a phone number is needed.
func (in SchoolInput) Validate(authorities []LocalAuthority) (School, error) {
	var p Problems
	s := School{Name: strings.TrimSpace(in.Name), Type: SchoolType(in.Type), LanguageMedium: in.LanguageMedium,
		HeadName: strings.TrimSpace(in.HeadName), HeadEmail: strings.TrimSpace(in.HeadEmail),
		Phone: strings.TrimSpace(in.Phone), Address: strings.TrimSpace(in.Address), Lang: in.Lang}
	if s.Name == "" {
		p.Add("name", "err.required")
	}
	checkChoice(&p, "type", s.Type, SchoolTypes)
	checkChoice(&p, "language_medium", s.LanguageMedium, LanguageMediums)
	s.LocalAuthorityID, _ = strconv.ParseInt(in.LocalAuthorityID, 10, 64)
	switch {
	case in.LocalAuthorityID == "":
		p.Add("local_authority_id", "err.required")
	case !knownAuthority(authorities, s.LocalAuthorityID):
		p.Add("local_authority_id", "err.choice")
	}
	if s.HeadName == "" {
		p.Add("head_name", "err.required")
	}
	checkEmail(&p, "head_email", s.HeadEmail)
	if s.HeadEmail == "" && s.Phone == "" {
		p.Add("head_email", "err.ref.school_contact")
	}
	checkChoice(&p, "lang", s.Lang, []string{"en", "cy"})
	s.DistanceMiles = ParseWhole(&p, "distance_miles", in.DistanceMiles, 0, true)
	return s, p.Err()
}

func knownAuthority(las []LocalAuthority, id int64) bool {
	for _, la := range las {
		if la.ID == id {
			return true
		}
	}
	return false
}

// Validate checks a member of school staff. Invitations and preparation
// packs go by email, so an address is needed.
func (t *Teacher) Validate() error {
	var p Problems
	t.Name, t.Email = strings.TrimSpace(t.Name), strings.TrimSpace(t.Email)
	if t.Name == "" {
		p.Add("name", "err.required")
	}
	if t.Email == "" {
		p.Add("email", "err.required")
	} else {
		checkEmail(&p, "email", t.Email)
	}
	checkChoice(&p, "role", t.Role, TeacherRoles)
	checkChoice(&p, "lang", t.Lang, []string{"en", "cy"})
	return p.Err()
}

// EventInput is a new showcase as typed: a local date and start time (UK
// time, which the form shows) and its timings as text.
type EventInput struct {
	PrisonID, Title, Date, Time        string
	SlotMinutes, Slots, ArrivalMinutes string
}

// Validate checks a new showcase and returns it with its start converted
// from local time in loc to UTC. A showcase is planned ahead, so its date
// may not be before today (YYYY-MM-DD in loc).
func (in EventInput) Validate(prisons []Prison, loc *time.Location, today string) (Event, error) {
	var p Problems
	e := Event{Title: strings.TrimSpace(in.Title), Status: "planning"}
	e.PrisonID, _ = strconv.ParseInt(in.PrisonID, 10, 64)
	switch {
	case in.PrisonID == "":
		p.Add("prison_id", "err.required")
	case !knownPrison(prisons, e.PrisonID):
		p.Add("prison_id", "err.choice")
	}
	if e.Title == "" {
		p.Add("title", "err.required")
	} else {
		CheckText(&p, "title", e.Title)
	}
	day, dayErr := time.Parse("2006-01-02", in.Date)
	switch {
	case in.Date == "":
		p.Add("date", "err.required")
	case dayErr != nil:
		p.Add("date", "err.date")
	case in.Date < today:
		p.Add("date", "err.ref.date_past")
	default:
		checkWindow(&p, "date", day, today)
	}
	clock, timeErr := time.Parse("15:04", strings.TrimSpace(in.Time))
	switch {
	case strings.TrimSpace(in.Time) == "":
		p.Add("time", "err.required")
	case timeErr != nil:
		p.Add("time", "err.ref.time")
	}
	e.SlotMinutes = ParseWhole(&p, "slot_minutes", in.SlotMinutes, 0, false)
	e.Slots = ParseWhole(&p, "slots", in.Slots, 0, false)
	e.ArrivalMinutes = ParseWhole(&p, "arrival_minutes", in.ArrivalMinutes, 0, false)
	if err := p.Err(); err != nil {
		return Event{}, err
	}
	e.StartsAt = time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, loc).UTC()
	return e, nil
}

func knownPrison(ps []Prison, id int64) bool {
	for _, x := range ps {
		if x.ID == id {
			return true
		}
	}
	return false
}
