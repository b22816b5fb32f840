// Package figures counts families for commissioners without identifying
// any of them: only counts leave this package, and small counts are
// suppressed. With about 16 families per showcase, a group of one or two
// could point to a particular child.
package figures

import (
	"sort"

	"schoolzone/internal/domain"
)

// Min is the smallest count shown; anything from 1 to Min-1 reads
// "fewer than 3".
const Min = 3

// Count is a shown or suppressed number. A suppressed count carries no
// number at all, so a template cannot leak it by mistake.
type Count struct {
	N      int
	Hidden bool
}

// Group is one row of a breakdown. Key is what the row is (a stage, a
// school type, a local authority's name); an empty Key means "not recorded".
type Group struct {
	Key   string
	Count Count
}

// Suppress hides every count from 1 to Min-1; zero is not sensitive.
//
// This is primary suppression only, which is safe because the page shows
// no total: the stage rows partition the families, so a total beside them
// would let a hidden row be worked out by subtraction. Whoever adds a total
// must add secondary suppression too (as internal/costs does), and must
// not label a row hidden that way "fewer than 3".
func Suppress(groups []Group) {
	for i := range groups {
		if n := groups[i].Count.N; n > 0 && n < Min {
			groups[i].Count = Count{Hidden: true}
		}
	}
}

// Family is all the figures need to know about one family: no names, no
// references, no prison numbers.
type Family struct {
	Stage domain.Stage
	// LocalAuthorities and SchoolTypes are those of the children's schools;
	// "" stands for a child with no school recorded.
	LocalAuthorities []string
	SchoolTypes      []string
}

// Figures are the commissioner's breakdowns. A family with children at
// schools in two local authorities counts once in each, so those
// breakdowns can add up to more than the number of families.
type Figures struct {
	ByStage          []Group
	ByLocalAuthority []Group
	BySchoolType     []Group
}

// Compute counts families by stage (every stage, in workflow order), by
// local authority and by school type (those with families only), then
// suppresses small counts.
func Compute(families []Family) Figures {
	byStage := map[string]int{}
	byLA, byType := map[string]int{}, map[string]int{}
	for _, f := range families {
		byStage[string(f.Stage)]++
		for _, k := range distinct(f.LocalAuthorities) {
			byLA[k]++
		}
		for _, k := range distinct(f.SchoolTypes) {
			byType[k]++
		}
	}
	var out Figures
	for _, st := range domain.Stages {
		out.ByStage = append(out.ByStage, Group{Key: string(st), Count: Count{N: byStage[string(st)]}})
	}
	out.ByLocalAuthority, out.BySchoolType = groups(byLA), groups(byType)
	for _, g := range [][]Group{out.ByStage, out.ByLocalAuthority, out.BySchoolType} {
		Suppress(g)
	}
	return out
}

// groups turns counts into rows sorted by key, with "not recorded" last.
func groups(m map[string]int) []Group {
	out := make([]Group, 0, len(m))
	for k, n := range m {
		out = append(out, Group{Key: k, Count: Count{N: n}})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Key == "") != (out[j].Key == "") {
			return out[j].Key == ""
		}
		return out[i].Key < out[j].Key
	})
	return out
}

func distinct(keys []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
