package domain

import "strings"

// ReferralInput is a new referral: anyone may refer a family.
type ReferralInput struct {
	PrisonID       int64
	ParentName     string
	PrisonNumber   string
	ReferralSource string
	ReferrerName   string
	ReferredOn     string
	Notes          string
	Carer          Carer
	Children       []Child
}

// Validate checks a referral. Children rows with no first name are ignored
// (the form offers spare rows), but at least one child is needed.
func (in *ReferralInput) Validate(today string) error {
	var p Problems
	in.ParentName = strings.TrimSpace(in.ParentName)
	in.PrisonNumber = strings.ToUpper(strings.TrimSpace(in.PrisonNumber))
	if in.PrisonID == 0 {
		p.Add("prison_id", "err.required")
	}
	if in.ParentName == "" {
		p.Add("parent_name", "err.required")
	}
	if in.PrisonNumber != "" && !validPrisonNumber(in.PrisonNumber) {
		p.Add("prison_number", "err.prison_number")
	}
	checkChoice(&p, "referral_source", in.ReferralSource, ReferralSources)
	checkDate(&p, "referred_on", in.ReferredOn, today)
	in.Carer.Name = strings.TrimSpace(in.Carer.Name)
	if in.Carer.Name == "" {
		p.Add("carer_name", "err.required")
	}
	checkChoice(&p, "carer_relationship", in.Carer.Relationship, Relationships)
	in.Carer.Email = strings.TrimSpace(in.Carer.Email)
	checkEmail(&p, "carer_email", in.Carer.Email)
	if strings.TrimSpace(in.Carer.Phone) == "" && in.Carer.Email == "" {
		p.Add("carer_phone", "err.carer_contact")
	}
	checkChoice(&p, "carer_lang", in.Carer.Lang, []string{"en", "cy"})
	CheckCount(&p, "child_first_name", len(in.Children), "children")
	var kids []Child
	for _, ch := range in.Children {
		ch.FirstName = strings.TrimSpace(ch.FirstName)
		if ch.FirstName == "" {
			continue
		}
		if ch.Lang == "" {
			ch.Lang = in.Carer.Lang
		}
		if ch.WantsToAttend == "" {
			ch.WantsToAttend = WishUndecided
		}
		kids = append(kids, ch)
	}
	if len(kids) == 0 && len(in.Children) <= MaxChildren {
		p.Add("child_first_name", "err.one_child")
	}
	in.Children = kids
	in.Carer.Primary = true
	return p.Err()
}

// validPrisonNumber accepts the NOMIS form: a letter, four digits, two letters.
func validPrisonNumber(s string) bool {
	if len(s) != 7 {
		return false
	}
	for i, r := range s {
		letter := r >= 'A' && r <= 'Z'
		digit := r >= '0' && r <= '9'
		if (i == 0 || i >= 5) && !letter || (i >= 1 && i <= 4) && !digit {
			return false
		}
	}
	return true
}

// ReferralDetails is a referral's details and its main carer as changed
// after the referral: everything but the prison and the children, which
// have their own steps. CarerDistance is the carer's distance from the
// prison in miles, as typed, so family travel is estimated from it.
type ReferralDetails struct {
	ParentName, PrisonNumber, ReferralSource, ReferrerName, ReferredOn, Notes string
	Carer                                                                     Carer
	CarerDistance                                                             string
}

// Validate checks changed details by the same rules as a new referral.
func (in *ReferralDetails) Validate(today string) error {
	var p Problems
	in.ParentName = strings.TrimSpace(in.ParentName)
	in.PrisonNumber = strings.ToUpper(strings.TrimSpace(in.PrisonNumber))
	if in.ParentName == "" {
		p.Add("parent_name", "err.required")
	}
	if in.PrisonNumber != "" && !validPrisonNumber(in.PrisonNumber) {
		p.Add("prison_number", "err.prison_number")
	}
	checkChoice(&p, "referral_source", in.ReferralSource, ReferralSources)
	checkDate(&p, "referred_on", in.ReferredOn, today)
	in.ReferrerName, in.Notes = strings.TrimSpace(in.ReferrerName), strings.TrimSpace(in.Notes)
	in.Carer.Name = strings.TrimSpace(in.Carer.Name)
	if in.Carer.Name == "" {
		p.Add("carer_name", "err.required")
	}
	checkChoice(&p, "carer_relationship", in.Carer.Relationship, Relationships)
	in.Carer.Email, in.Carer.Phone = strings.TrimSpace(in.Carer.Email), strings.TrimSpace(in.Carer.Phone)
	checkEmail(&p, "carer_email", in.Carer.Email)
	if in.Carer.Phone == "" && in.Carer.Email == "" {
		p.Add("carer_phone", "err.carer_contact")
	}
	checkChoice(&p, "carer_lang", in.Carer.Lang, []string{"en", "cy"})
	in.Carer.DistanceMiles = ParseWhole(&p, "carer_distance_miles", in.CarerDistance, 0, true)
	in.Carer.Primary = true
	return p.Err()
}
