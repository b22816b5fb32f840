package costs

import "sort"

// MinFamilies is the smallest family count a commissioner may see. A group
// of one or two families at one prison could identify a child.
const MinFamilies = 3

// suppress applies small-number suppression to one breakdown whose groups
// add up to a shown total.
//
// Primary: a group with 1 or 2 families shows neither its family count, its
// child count nor any per-family or per-child figure (each gives the count
// back by division). Groups with no families are not sensitive.
//
// Secondary: the total is shown, so a single hidden group could be
// recovered by subtraction, and so could two hidden groups whose sum is
// below MinFamilies. While that holds, the smallest shown group with
// families is hidden too. Differencing across breakdowns (say prison A's
// total minus its periods) is not defended against; reports should not
// publish overlapping cross-tabulations.
func suppress(groups []Group) {
	hidden, sum := 0, 0
	for i := range groups {
		if n := groups[i].Families.N; n > 0 && n < MinFamilies {
			hidden, sum = hidden+1, sum+n
			hide(&groups[i])
		}
	}
	for hidden == 1 || (hidden > 1 && sum < MinFamilies) {
		next := -1
		for i, g := range groups {
			if g.Families.Suppressed || g.Families.N == 0 {
				continue
			}
			if next < 0 || g.Families.N < groups[next].Families.N {
				next = i
			}
		}
		if next < 0 {
			return
		}
		hidden, sum = hidden+1, sum+groups[next].Families.N
		hide(&groups[next])
	}
}

func hide(g *Group) {
	g.Families = Count{Suppressed: true}
	g.Children = Count{Suppressed: true}
	g.PerFamily, g.PerChild = nil, nil
}

// suppressTrend applies the same rule to the per-event trend.
func suppressTrend(points []TrendPoint) {
	groups := make([]Group, len(points))
	for i, p := range points {
		groups[i] = Group{Families: p.Families, Children: p.Children, PerFamily: p.PerFamily}
	}
	suppress(groups)
	for i := range points {
		points[i].Families, points[i].Children, points[i].PerFamily = groups[i].Families, groups[i].Children, groups[i].PerFamily
	}
}

// finish sets the per-head figures from unsuppressed counts.
func finish(g *Group) {
	if g.Families.N > 0 {
		g.PerFamily = Ptr(PerHead(g.Amount, g.Families.N))
	}
	if g.Children.N > 0 {
		g.PerChild = Ptr(PerHead(g.Amount, g.Children.N))
	}
}

func sortGroups(groups []Group) {
	// Named groups first, then the prison-level family costs, then "none".
	rank := func(g Group) int {
		switch g.Key {
		case "":
			return 2
		case FamilyCostsKey:
			return 1
		}
		return 0
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Key < b.Key
	})
}
