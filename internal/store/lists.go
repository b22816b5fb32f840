package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"schoolzone/internal/domain"
)

// deriveFamilies writes what lists filter by (families.stage, disciplinary,
// at_clearance) for every family in the set, from the case as it now is.
// Every transaction that changes what a stage is worked out from calls it
// (createReferral, settleFamily, RecordAwareness), so a list never shows a
// stage the family page would not.
func deriveFamilies(ctx context.Context, tx *sql.Tx, cs caseSet) error {
	cases, err := loadCases(ctx, tx, cs)
	if err != nil {
		return err
	}
	for _, c := range cases {
		if err := writeDerived(ctx, tx, c); err != nil {
			return err
		}
	}
	return nil
}

func writeDerived(ctx context.Context, tx *sql.Tx, c domain.Case) error {
	pr := c.Progress()
	if _, err := tx.ExecContext(ctx, `UPDATE families SET stage = ?, disciplinary = ?, at_clearance = ? WHERE id = ?`,
		pr.Stage, b2i(pr.Disciplinary), b2i(c.AtClearance()), c.Family.ID); err != nil {
		return fmt.Errorf("store: family %d stage: %w", c.Family.ID, err)
	}
	return nil
}

// deriveMissing fills the derived columns where they were never written:
// every family, the first time a database opens after the migration that
// added them.
func (s *Store) deriveMissing(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return deriveFamilies(ctx, tx, caseSet{`f.stage = ''`, nil}) })
}

// FamilyFilter narrows a list of families. Zero values filter nothing.
type FamilyFilter struct {
	Stages    []domain.Stage
	PrisonID  int64
	SchoolID  int64
	EventID   int64 // families placed at this showcase, in any status
	Attention bool  // refused on disciplinary grounds, or released before AttentionBefore
	// AttentionBefore is a YYYY-MM-DD date: a release date before it needs
	// attention (the next showcase). Empty: release dates do not count.
	AttentionBefore string
	Query           string // words to find in the reference, names or school names
	After           int64  // the cursor: list families with a larger ID
	Limit           int    // at most this many; 0 is 50, more than 500 is 500
}

// FamilyPage is one page of a list, in family ID order. Next is the cursor
// for the page after it, 0 on the last page.
type FamilyPage struct {
	Cases []domain.Case
	Next  int64
}

// where is the filter as SQL over families aliased f, scope included.
func (f FamilyFilter) where(sc domain.Scope) (string, []any) {
	cond, args := familyCond("f", sc)
	conds := []string{cond}
	if sc.FromClearance {
		conds = append(conds, "f.at_clearance = 1")
	}
	if len(f.Stages) > 0 {
		conds = append(conds, "f.stage IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.Stages)), ", ")+")")
		for _, st := range f.Stages {
			args = append(args, string(st))
		}
	}
	if f.PrisonID != 0 {
		conds, args = append(conds, "f.prison_id = ?"), append(args, f.PrisonID)
	}
	if f.SchoolID != 0 {
		conds, args = append(conds, "f.id IN (SELECT family_id FROM children WHERE school_id = ?)"), append(args, f.SchoolID)
	}
	if f.EventID != 0 {
		conds, args = append(conds, "f.id IN (SELECT family_id FROM event_families WHERE event_id = ?)"), append(args, f.EventID)
	}
	if f.Attention {
		conds = append(conds, "(f.disciplinary = 1 OR (f.release_date IS NOT NULL AND f.release_date < ?))")
		args = append(args, f.AttentionBefore)
		if f.AttentionBefore == "" {
			args[len(args)-1] = "0000-00-00"
		}
	}
	if m := matchQuery(f.Query); m != "" {
		conds, args = append(conds, "f.id IN (SELECT rowid FROM family_search WHERE family_search MATCH ?)"), append(args, m)
	}
	return strings.Join(conds, " AND "), args
}

// matchQuery turns what someone typed into an FTS5 query: every word must
// appear, as a word or the start of one. Anything but letters and digits
// separates words, so no input is FTS5 syntax.
func matchQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

// ListFamilies is one page of the families sc may see that match f, loaded
// whole, in family ID order after f.After. It costs the same handful of
// queries at any size.
func (s *Store) ListFamilies(ctx context.Context, sc domain.Scope, f FamilyFilter) (FamilyPage, error) {
	switch {
	case f.Limit <= 0:
		f.Limit = 50
	case f.Limit > 500:
		f.Limit = 500
	}
	where, args := f.where(sc)
	ids, err := column[int64](ctx, s.read, "list families", `SELECT f.id FROM families f WHERE f.id > ? AND `+where+` ORDER BY f.id LIMIT ?`,
		append(append([]any{f.After}, args...), f.Limit+1)...)
	if err != nil {
		return FamilyPage{}, err
	}
	var p FamilyPage
	if len(ids) > f.Limit {
		ids = ids[:f.Limit]
		p.Next = ids[len(ids)-1]
	}
	cases, err := loadCases(ctx, s.read, byIDs(ids...))
	if err != nil {
		return p, err
	}
	for _, c := range cases {
		if sc.Sees(c) { // the SQL limits already; this keeps the rule in one place
			p.Cases = append(p.Cases, c)
		}
	}
	return p, nil
}

// CountFamilies counts the families sc may see that match f (ignoring its
// cursor and limit), by stage.
func (s *Store) CountFamilies(ctx context.Context, sc domain.Scope, f FamilyFilter) (map[domain.Stage]int, error) {
	where, args := f.where(sc)
	out := map[domain.Stage]int{}
	err := each(ctx, s.read, "count families", `SELECT f.stage, count(*) FROM families f WHERE `+where+` GROUP BY f.stage`, args,
		func(r interface{ Scan(...any) error }) error {
			var st domain.Stage
			var n int
			if err := r.Scan(&st, &n); err != nil {
				return err
			}
			out[st] = n
			return nil
		})
	return out, err
}
