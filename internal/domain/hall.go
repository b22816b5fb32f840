package domain

import "slices"

// Neighbours lists, for each table of a hall by ID, the tables whose
// families could see or hear it: the tables either side of it in its row,
// the tables directly in front of and behind it in its column, and the
// pairs set by hand in Adjacent (walls and pillars are not on the grid, so
// a hand-set pair can join tables the grid does not). Families kept apart
// are never seated at neighbouring tables, so a family moved directly
// behind another is caught as well as one moved beside it.
func Neighbours(tables []HallTable) map[int64][]int64 {
	out := map[int64][]int64{}
	link := func(a, b int64) {
		out[a] = append(out[a], b)
		out[b] = append(out[b], a)
	}
	at := map[[2]int][]int64{}
	for _, t := range tables {
		at[[2]int{t.Row, t.Col}] = append(at[[2]int{t.Row, t.Col}], t.ID)
		for _, a := range t.Adjacent {
			link(t.ID, a)
		}
	}
	for _, t := range tables {
		// Looking right and behind only finds each grid pair once.
		for _, next := range [][2]int{{t.Row, t.Col + 1}, {t.Row + 1, t.Col}} {
			for _, o := range at[next] {
				link(t.ID, o)
			}
		}
	}
	for id, ns := range out {
		slices.Sort(ns)
		out[id] = slices.Compact(ns)
	}
	return out
}
