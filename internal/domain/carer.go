package domain

import "strings"

// CarerInput is a carer's details as typed on their own edit form; the
// rules are a referral's for its main carer: a name, a relationship, and a
// way to reach them.
type CarerInput struct {
	Name, Relationship, Phone, Email, Lang, DistanceMiles string
}

// Validate checks the details and returns them as a Carer.
func (in CarerInput) Validate() (Carer, error) {
	var p Problems
	c := Carer{Name: strings.TrimSpace(in.Name), Relationship: in.Relationship, Phone: strings.TrimSpace(in.Phone),
		Email: strings.TrimSpace(in.Email), Lang: in.Lang}
	if c.Name == "" {
		p.Add("name", "err.required")
	}
	checkChoice(&p, "relationship", c.Relationship, Relationships)
	checkEmail(&p, "email", c.Email)
	if c.Phone == "" && c.Email == "" {
		p.Add("phone", "err.carer_contact")
	}
	checkChoice(&p, "lang", c.Lang, []string{"en", "cy"})
	c.DistanceMiles = ParseWhole(&p, "distance_miles", in.DistanceMiles, 0, true)
	return c, p.Err()
}
