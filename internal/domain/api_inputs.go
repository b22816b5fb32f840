package domain

import (
	"fmt"
	"strings"
)

// CheckRecords checks what Validate cannot see on its own: that the prison
// and each child's school are on record (CheckReferences). Unlike the
// form, which offers spare child rows and skips blank ones, every child an
// API client sends is meant, so a child without a first name is an error,
// not a spare row. Field names are the JSON paths, e.g.
// "children[1].school_id".
func (in ReferralInput) CheckRecords(prisons []Prison, schools []School) error {
	var p Problems
	for i, ch := range in.Children {
		if strings.TrimSpace(ch.FirstName) == "" {
			p.Add(fmt.Sprintf("children[%d].first_name", i), "err.required")
		}
		if ch.Lang != "" && ch.Lang != "en" && ch.Lang != "cy" {
			p.Add(fmt.Sprintf("children[%d].lang", i), "err.choice")
		}
	}
	prisonIDs, schoolIDs := map[int64]bool{}, map[int64]bool{}
	for _, x := range prisons {
		prisonIDs[x.ID] = true
	}
	for _, x := range schools {
		schoolIDs[x.ID] = true
	}
	refs := in.CheckReferences(func(id int64) bool { return prisonIDs[id] }, func(id int64) bool { return schoolIDs[id] })
	return JoinProblems(refs, p.Err())
}

// CheckReferences checks that the referral's prison and each child's school
// exist, so that a bad ID is a message on its field rather than a failed
// insert. The store runs it inside the referral's transaction, and the
// page and the API before it, so all of a form's problems show at once.
// A missing (zero) ID is Validate's to report. Children are numbered by
// their position in Children: "children[1].school_id".
func (in ReferralInput) CheckReferences(prisonKnown, schoolKnown func(id int64) bool) error {
	var p Problems
	if in.PrisonID != 0 && !prisonKnown(in.PrisonID) {
		p.Add("prison_id", "api.err.unknown_prison")
	}
	for i, ch := range in.Children {
		if ch.SchoolID != 0 && !schoolKnown(ch.SchoolID) {
			p.Add(fmt.Sprintf("children[%d].school_id", i), "api.err.unknown_school")
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
