// Package figures counts families for commissioners without identifying
// any of them: only counts leave this package. Which counts are shown is
// decided with the cost figures by package disclosure (through
// costs.AggregateWith): a count of one or two families is hidden, and so is
// any count that would let such a number be worked out from the others,
// here or on the cost pages.
package figures

import (
	"slices"

	"schoolzone/internal/domain"
)

// Min is the smallest count shown.
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
	ids   []int64
}

// Family is all the figures need to know about one family: no names, no
// references, no prison numbers. ID only ties its counts to the same
// family's in the cost figures, so the two are protected together.
type Family struct {
	ID    int64
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
// local authority and by school type (those with families only). The
// counts are not yet protected: pass Cells to costs.AggregateWith and its
// verdict to Hide.
func Compute(families []Family) Figures {
	byStage := map[string][]int64{}
	byLA, byType := map[string][]int64{}, map[string][]int64{}
	for _, f := range families {
		byStage[string(f.Stage)] = append(byStage[string(f.Stage)], f.ID)
		for _, k := range distinct(f.LocalAuthorities) {
			byLA[k] = append(byLA[k], f.ID)
		}
		for _, k := range distinct(f.SchoolTypes) {
			byType[k] = append(byType[k], f.ID)
		}
	}
	return FromGroups(byStage, byLA, byType)
}

// FromGroups is Compute for families already grouped (by the store, in
// SQL): each map holds, by key, the IDs of the families a row counts, each
// family once a row. Stages are keyed by domain.Stage.
func FromGroups(byStage, byLA, byType map[string][]int64) Figures {
	var out Figures
	for _, st := range domain.Stages {
		ids := byStage[string(st)]
		out.ByStage = append(out.ByStage, Group{Key: string(st), Count: Count{N: len(ids)}, ids: ids})
	}
	out.ByLocalAuthority, out.BySchoolType = groups(byLA), groups(byType)
	return out
}

// Cells lists, for every row in order, the IDs of the families it counts.
func (f *Figures) Cells() [][]int64 {
	var out [][]int64
	for _, g := range f.all() {
		out = append(out, g.ids)
	}
	return out
}

// Hide suppresses the rows marked hidden, in the order of Cells.
func (f *Figures) Hide(hidden []bool) {
	for i, g := range f.all() {
		if i < len(hidden) && hidden[i] {
			g.Count = Count{Hidden: true}
		}
	}
}

func (f *Figures) all() []*Group {
	var out []*Group
	for _, gs := range [][]Group{f.ByStage, f.ByLocalAuthority, f.BySchoolType} {
		for i := range gs {
			out = append(out, &gs[i])
		}
	}
	return out
}

// groups turns counts into rows sorted by key, with "not recorded" last.
func groups(m map[string][]int64) []Group {
	out := make([]Group, 0, len(m))
	for k, ids := range m {
		out = append(out, Group{Key: k, Count: Count{N: len(ids)}, ids: ids})
	}
	slices.SortFunc(out, func(a, b Group) int {
		if (a.Key == "") != (b.Key == "") {
			if a.Key == "" {
				return 1
			}
			return -1
		}
		if a.Key < b.Key {
			return -1
		}
		return 1
	})
	return out
}

func distinct(keys []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(keys)))
}
