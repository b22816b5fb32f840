package domain

import "strings"

// Validate checks a prison before it is added. Names must be unique, so the
// caller passes the prisons already on record.
func (p *Prison) Validate(existing []Prison) error {
	var pr Problems
	p.Name, p.Address, p.Phone, p.Email = strings.TrimSpace(p.Name), strings.TrimSpace(p.Address), strings.TrimSpace(p.Phone), strings.TrimSpace(p.Email)
	if p.Name == "" {
		pr.Add("name", "err.required")
	}
	for _, x := range existing {
		if strings.EqualFold(x.Name, p.Name) {
			pr.Add("name", "err.name_taken")
		}
	}
	checkEmail(&pr, "email", p.Email)
	return pr.Err()
}

// ValidateAuthorityName checks a new local authority's name is given and new.
func ValidateAuthorityName(name string, existing []LocalAuthority) (string, error) {
	var pr Problems
	name = strings.TrimSpace(name)
	if name == "" {
		pr.Add("la_name", "err.required")
	}
	for _, x := range existing {
		if strings.EqualFold(x.Name, name) {
			pr.Add("la_name", "err.name_taken")
		}
	}
	return name, pr.Err()
}
