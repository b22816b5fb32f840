package costs

import (
	"sort"
	"strconv"
)

// Total is the money in one group of lines.
type Total struct {
	// Key is the category or bearer value, or the school or local-authority
	// ID in decimal; ID holds the same ID as a number. Key "" and ID 0 is
	// the group of lines with no school or local authority, kept so that
	// every grouping adds up to the event total.
	Key         string
	ID          int64
	Lines       int
	ActualLines int   // lines with an actual recorded
	Estimated   Pence // sum of estimates
	Actual      Pence // sum of recorded actuals only
	Amount      Pence // sum of Line.Amount: actual where recorded, else estimate
}

func (t *Total) add(l Line) {
	t.Lines++
	t.Estimated += l.Estimated
	t.Amount += l.Amount()
	if l.Actual != nil {
		t.ActualLines++
		t.Actual += *l.Actual
	}
}

// Summary is an event's cost page in numbers.
type Summary struct {
	Total            Total
	ByCategory       []Total // every category, in Categories order
	ByBearer         []Total // every bearer, in Bearers order
	BySchool         []Total // schools by ID, unassigned last
	ByLocalAuthority []Total // local authorities by ID, unassigned last
	Families         int
	Children         int
	PerFamily        Pence // Total.Amount / Families, rounded half up; 0 if none
	PerChild         Pence // Total.Amount / Children, rounded half up; 0 if none
}

// Summarise totals lines every way the cost page and workbook show them.
// Every grouping includes every line exactly once, so each adds up to Total.
func Summarise(lines []Line, families, children int) Summary {
	s := Summary{Families: families, Children: children}
	for _, l := range lines {
		s.Total.add(l)
	}
	s.ByCategory = groupFixed(lines, Categories, func(l Line) Category { return l.Category })
	s.ByBearer = groupFixed(lines, Bearers, func(l Line) Bearer { return l.Bearer })
	s.BySchool = groupIDs(lines, func(l Line) int64 { return l.SchoolID })
	s.ByLocalAuthority = groupIDs(lines, func(l Line) int64 { return l.LocalAuthorityID })
	s.PerFamily = PerHead(s.Total.Amount, families)
	s.PerChild = PerHead(s.Total.Amount, children)
	return s
}

// PerHead divides amount by n, rounding half up to the penny; 0 when n ≤ 0.
func PerHead(amount Pence, n int) Pence {
	if n <= 0 {
		return 0
	}
	return Pence(RoundDiv(int64(amount), int64(n)))
}

// groupFixed lists every value of order (zeros included, so reports have a
// stable shape) followed by any unknown values found in lines, sorted.
func groupFixed[K ~string](lines []Line, order []K, key func(Line) K) []Total {
	idx := map[K]int{}
	out := make([]Total, 0, len(order))
	for _, k := range order {
		idx[k] = len(out)
		out = append(out, Total{Key: string(k)})
	}
	for _, l := range lines {
		k := key(l)
		if _, ok := idx[k]; !ok {
			idx[k] = len(out)
			out = append(out, Total{Key: string(k)})
		}
		out[idx[k]].add(l)
	}
	tail := out[len(order):]
	sort.Slice(tail, func(i, j int) bool { return tail[i].Key < tail[j].Key })
	return out
}

func groupIDs(lines []Line, key func(Line) int64) []Total {
	m := map[int64]*Total{}
	for _, l := range lines {
		id := key(l)
		t := m[id]
		if t == nil {
			t = &Total{ID: id}
			if id != 0 {
				t.Key = strconv.FormatInt(id, 10)
			}
			m[id] = t
		}
		t.add(l)
	}
	out := make([]Total, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].ID, out[j].ID
		if (a == 0) != (b == 0) {
			return b == 0
		}
		return a < b
	})
	return out
}
