package costs

import (
	"slices"
	"sort"
)

// FamilyCostsKey is the group key under which ByLocalAuthority and
// BySchoolType put money borne by families. A family's travel or lost pay,
// broken down by local authority or school type, is often one family's own
// figure; commissioners see it per prison and period only.
const FamilyCostsKey = "family_costs"

func countFamily(m map[AnonLine]map[int64]bool, key AnonLine, familyID int64) {
	set := m[key]
	if set == nil {
		set = map[int64]bool{}
		m[key] = set
	}
	if familyID != 0 {
		set[familyID] = true
	}
}

// suppressFamilyLines withholds the money of family-borne rows that fewer
// than MinFamilies families stand behind: one family's lost earnings at one
// prison in one term would otherwise be printed to the penny. Lines borne
// by families but linked to no family count no family, so such a row is
// withheld unless enough linked families share it.
//
// Secondary: a single withheld row could be recovered from the family
// bearer's total (ByBearer) minus the rows shown, so the shown family row
// with the fewest families is withheld too. Withheld money is added to one
// Combined row at the end, so the rows still sum to the report total.
//
// Not defended: differencing a prison-term's family row against that
// prison's or event's total when only one showcase was held there in the
// term; suppress documents the same limit for overlapping breakdowns.
func suppressFamilyLines(lines []AnonLine, families map[AnonLine]map[int64]bool) []AnonLine {
	var hidden []int
	for i := range lines {
		l := &lines[i]
		if l.Bearer != Family {
			continue
		}
		key := *l
		key.Lines, key.Estimated, key.Actual, key.Amount = 0, 0, 0, 0
		l.Families = Count{N: len(families[key])}
		if l.Families.N < MinFamilies {
			hidden = append(hidden, i)
		}
	}
	// Per category first (ByCategory shows each category's shown family
	// rows), then across the report (ByBearer shows all family money).
	for _, c := range Categories {
		if n := countHidden(lines, hidden, c); n == 1 {
			if next := smallestShownFamilyRow(lines, hidden, c); next >= 0 {
				hidden = append(hidden, next)
			}
		}
	}
	if len(hidden) == 1 {
		if next := smallestShownFamilyRow(lines, hidden, ""); next >= 0 {
			hidden = append(hidden, next)
		}
	}
	if len(hidden) == 0 {
		return lines
	}
	sort.Ints(hidden)
	combined := AnonLine{Bearer: Family, Combined: true, Families: Count{Suppressed: true}}
	for _, i := range hidden {
		l := &lines[i]
		combined.Lines += l.Lines
		combined.Estimated += l.Estimated
		combined.Actual += l.Actual
		combined.Amount += l.Amount
		l.Families = Count{Suppressed: true}
		l.Suppressed = true
		l.Lines, l.Estimated, l.Actual, l.Amount = 0, 0, 0, 0
	}
	return append(lines, combined)
}

func countHidden(lines []AnonLine, hidden []int, c Category) int {
	n := 0
	for _, i := range hidden {
		if lines[i].Category == c {
			n++
		}
	}
	return n
}

// smallestShownFamilyRow is the shown family-borne row (of category c, or
// any when c is "") with the fewest families, then the least money; -1 if
// there is none.
func smallestShownFamilyRow(lines []AnonLine, hidden []int, c Category) int {
	next := -1
	for i, l := range lines {
		if l.Bearer != Family || slices.Contains(hidden, i) || (c != "" && l.Category != c) {
			continue
		}
		if next < 0 || l.Families.N < lines[next].Families.N ||
			(l.Families.N == lines[next].Families.N && l.Amount < lines[next].Amount) {
			next = i
		}
	}
	return next
}

// categoryMoney totals money by category as the Lines rows show it: all
// money not borne by families, plus family-borne rows that are shown. The
// withheld family money is one last row keyed FamilyCostsKey, so the
// category totals add up to the report total without printing, per
// category, money that the Lines withheld.
func categoryMoney(all []Line, rows []AnonLine) []MoneyTotal {
	var others []Line
	for _, l := range all {
		if l.Bearer != Family {
			others = append(others, l)
		}
	}
	out := money(Summarise(others, 0, 0).ByCategory)
	for _, r := range rows {
		if r.Bearer != Family || r.Suppressed {
			continue
		}
		if r.Combined {
			out = append(out, MoneyTotal{Key: FamilyCostsKey, Lines: r.Lines, Estimated: r.Estimated, Actual: r.Actual, Amount: r.Amount})
			continue
		}
		for i := range out {
			if out[i].Key == string(r.Category) {
				out[i].Lines += r.Lines
				out[i].Estimated += r.Estimated
				out[i].Actual += r.Actual
				out[i].Amount += r.Amount
			}
		}
	}
	return out
}
