package domain

import (
	"fmt"
	"strings"
)

// CheckRecords checks what Validate cannot see on its own: that the prison
// and each child's school are on record. Unlike the form, which offers
// spare child rows and skips blank ones, every child an API client sends
// is meant, so a child without a first name is an error, not a spare row.
// Field names are the JSON paths, e.g. "children[1].school_id".
func (in ReferralInput) CheckRecords(prisons []Prison, schools []School) error {
	var p Problems
	prisonKnown := in.PrisonID == 0 // a missing prison is Validate's to report
	for _, x := range prisons {
		prisonKnown = prisonKnown || x.ID == in.PrisonID
	}
	if !prisonKnown {
		p.Add("prison_id", "api.err.unknown_prison")
	}
	known := map[int64]bool{}
	for _, s := range schools {
		known[s.ID] = true
	}
	for i, ch := range in.Children {
		if strings.TrimSpace(ch.FirstName) == "" {
			p.Add(fmt.Sprintf("children[%d].first_name", i), "err.required")
		}
		if ch.SchoolID != 0 && !known[ch.SchoolID] {
			p.Add(fmt.Sprintf("children[%d].school_id", i), "api.err.unknown_school")
		}
		if ch.Lang != "" && ch.Lang != "en" && ch.Lang != "cy" {
			p.Add(fmt.Sprintf("children[%d].lang", i), "err.choice")
		}
	}
	return p.Err()
}

// JoinProblems merges the field errors of several validations into one, so
// a client sees every problem with its input at once. It returns nil when
// none failed and the first non-validation error if any.
func JoinProblems(errs ...error) error {
	var out ValidationError
	for _, err := range errs {
		if err == nil {
			continue
		}
		ve, ok := err.(*ValidationError)
		if !ok {
			return err
		}
		for _, f := range ve.Fields {
			if _, dup := out.Field(f.Field); !dup {
				out.Fields = append(out.Fields, f)
			}
		}
	}
	if len(out.Fields) == 0 {
		return nil
	}
	return &out
}
