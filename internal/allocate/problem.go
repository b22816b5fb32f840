package allocate

import (
	"cmp"
	"fmt"
	"slices"
)

// Table capability / family need bits.
const (
	bitQuiet    uint8 = 1
	bitStepFree uint8 = 2
)

type edge struct{ f, k int }

// problem is Input indexed by position. Every list is sorted by ID in natural
// order (T2 before T10), so the result does not depend on the order the
// caller listed things in, and no map iteration order leaks into it.
type problem struct {
	in       Input
	tables   []Table
	fams     []Family
	teachers []Teacher
	tIdx     map[string]int
	fIdx     map[string]int
	kIdx     map[string]int
	tCap     []uint8
	tAdj     [][]int
	fNeed    []uint8
	fApart   [][]int
	kSchool  []int
	kUnavail [][]int
	// schoolTeachers lists teachers by school index.
	schoolTeachers [][]int
	edges          []edge
	fDeg           []int
	kDeg           []int
	kEdges         [][]int
	limit          int
}

func newProblem(in Input) (*problem, error) {
	if in.Event.Start.IsZero() {
		return nil, newError(CodeNoStart, nil)
	}
	if in.Event.SlotMinutes <= 0 {
		return nil, newError(CodeSlotMinutes, map[string]any{"Value": in.Event.SlotMinutes})
	}
	if in.Event.Slots < 0 {
		return nil, newError(CodeSlotsNegative, map[string]any{"Value": in.Event.Slots})
	}
	p := &problem{in: in, limit: in.Event.Slots}
	var err error
	if p.tables, p.tIdx, err = index(in.Tables, "tables", func(t Table) string { return t.ID }); err != nil {
		return nil, err
	}
	if p.fams, p.fIdx, err = index(in.Families, "families", func(f Family) string { return f.ID }); err != nil {
		return nil, err
	}
	if p.teachers, p.kIdx, err = index(in.Teachers, "teachers", func(t Teacher) string { return t.ID }); err != nil {
		return nil, err
	}
	if err := p.indexTables(); err != nil {
		return nil, err
	}
	if err := p.indexFamilies(); err != nil {
		return nil, err
	}
	if err := p.indexTeachers(); err != nil {
		return nil, err
	}
	return p, p.indexMeetings()
}

func index[T any](items []T, field string, id func(T) string) ([]T, map[string]int, error) {
	for i, it := range items {
		if id(it) == "" {
			return nil, nil, newError(CodeEmptyID, map[string]any{"Field": fmt.Sprintf("%s[%d].id", field, i)})
		}
	}
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b T) int { return natural(id(a), id(b)) })
	idx := make(map[string]int, len(sorted))
	for i, it := range sorted {
		if _, dup := idx[id(it)]; dup {
			return nil, nil, newError(CodeDuplicateID, map[string]any{"ID": id(it), "Field": field})
		}
		idx[id(it)] = i
	}
	return sorted, idx, nil
}

func (p *problem) indexTables() error {
	n := len(p.tables)
	p.tCap = make([]uint8, n)
	adj := make([][]int, n)
	for i, t := range p.tables {
		if t.Quiet {
			p.tCap[i] |= bitQuiet
		}
		if t.StepFree {
			p.tCap[i] |= bitStepFree
		}
		for _, a := range t.Adjacent {
			j, ok := p.tIdx[a]
			if !ok {
				return newError(CodeUnknownAdjacent, map[string]any{"Table": t.ID, "Other": a})
			}
			if j == i {
				return newError(CodeSelfAdjacent, map[string]any{"Table": t.ID})
			}
			adj[i] = append(adj[i], j)
			adj[j] = append(adj[j], i)
		}
	}
	p.tAdj = sortUnique(adj)
	return nil
}

func (p *problem) indexFamilies() error {
	n := len(p.fams)
	p.fNeed = make([]uint8, n)
	apart := make([][]int, n)
	for i, f := range p.fams {
		if f.NeedsQuiet {
			p.fNeed[i] |= bitQuiet
		}
		if f.NeedsStepFree {
			p.fNeed[i] |= bitStepFree
		}
		for _, a := range f.KeepApart {
			j, ok := p.fIdx[a]
			if !ok {
				return newError(CodeUnknownApart, map[string]any{"Family": f.ID, "Other": a})
			}
			if j == i {
				return newError(CodeSelfApart, map[string]any{"Family": f.ID})
			}
			apart[i] = append(apart[i], j)
			apart[j] = append(apart[j], i)
		}
	}
	p.fApart = sortUnique(apart)
	return nil
}

func (p *problem) indexTeachers() error {
	p.kSchool = make([]int, len(p.teachers))
	p.kUnavail = make([][]int, len(p.teachers))
	schools := map[string]int{}
	for i, t := range p.teachers {
		s, ok := schools[t.School]
		if !ok {
			s = len(schools)
			schools[t.School] = s
			p.schoolTeachers = append(p.schoolTeachers, nil)
		}
		p.schoolTeachers[s] = append(p.schoolTeachers[s], i)
		p.kSchool[i] = s
		for _, u := range t.UnavailableSlots {
			if u < 0 {
				return newError(CodeNegativeSlot, map[string]any{"Teacher": t.ID, "Slot": u})
			}
		}
		u := slices.Clone(t.UnavailableSlots)
		slices.Sort(u)
		p.kUnavail[i] = slices.Compact(u)
	}
	return nil
}

func (p *problem) indexMeetings() error {
	p.edges = make([]edge, 0, len(p.in.Meetings))
	for i, m := range p.in.Meetings {
		f, ok := p.fIdx[m.Family]
		if !ok {
			return newError(CodeMeetingFamily, map[string]any{"Field": fmt.Sprintf("meetings[%d]", i), "Family": m.Family})
		}
		k, ok := p.kIdx[m.Teacher]
		if !ok {
			return newError(CodeMeetingTeacher, map[string]any{"Field": fmt.Sprintf("meetings[%d]", i), "Teacher": m.Teacher})
		}
		p.edges = append(p.edges, edge{f, k})
	}
	slices.SortStableFunc(p.edges, func(a, b edge) int {
		return cmp.Or(cmp.Compare(a.k, b.k), cmp.Compare(a.f, b.f))
	})
	p.fDeg = make([]int, len(p.fams))
	p.kDeg = make([]int, len(p.teachers))
	p.kEdges = make([][]int, len(p.teachers))
	for i, e := range p.edges {
		p.fDeg[e.f]++
		p.kDeg[e.k]++
		p.kEdges[e.k] = append(p.kEdges[e.k], i)
	}
	return nil
}

// unavailableBelow counts teacher k's unavailable slots under s.
func (p *problem) unavailableBelow(k, s int) int {
	n, _ := slices.BinarySearch(p.kUnavail[k], s)
	return n
}

// teacherNeeds is the fewest slots that fit teacher k's meetings around
// their unavailable slots.
func (p *problem) teacherNeeds(k int) int {
	s := p.kDeg[k]
	for _, u := range p.kUnavail[k] {
		if u < s {
			s++
		}
	}
	return s
}

// lowerBound is Result.LowerBound.
func (p *problem) lowerBound() int {
	lb := 0
	for _, d := range p.fDeg {
		lb = max(lb, d)
	}
	for k := range p.teachers {
		if p.kDeg[k] > 0 {
			lb = max(lb, p.teacherNeeds(k))
		}
	}
	return lb
}

func (p *problem) hasUnavailability() bool {
	for _, u := range p.kUnavail {
		if len(u) > 0 {
			return true
		}
	}
	return false
}

// checkSlotLimit reports a family or teacher whose own meetings cannot fit
// in the event's slots, naming them, before any search is attempted.
func (p *problem) checkSlotLimit() error {
	if p.limit == 0 {
		return nil
	}
	for f, d := range p.fDeg {
		if d > p.limit {
			return newError(CodeFamilySlots, map[string]any{"Family": p.fams[f].ID, "Meetings": d, "Slots": p.limit})
		}
	}
	for k, d := range p.kDeg {
		if avail := p.limit - p.unavailableBelow(k, p.limit); d > avail {
			return newError(CodeTeacherSlots, map[string]any{"Teacher": p.teachers[k].ID, "Meetings": d, "Slots": avail, "Count": avail})
		}
	}
	return nil
}

func sortUnique(lists [][]int) [][]int {
	for i := range lists {
		slices.Sort(lists[i])
		lists[i] = slices.Compact(lists[i])
	}
	return lists
}

// natural orders IDs so that embedded numbers compare by value: T2 < T10.
func natural(a, b string) int {
	for a != "" && b != "" {
		ra, rb := run(a), run(b)
		da, db := isDigit(a[0]), isDigit(b[0])
		var c int
		switch {
		case da && db:
			na, nb := trimZeros(ra), trimZeros(rb)
			c = cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb), cmp.Compare(len(ra), len(rb)))
		default:
			c = cmp.Compare(ra, rb)
		}
		if c != 0 {
			return c
		}
		a, b = a[len(ra):], b[len(rb):]
	}
	return cmp.Compare(len(a), len(b))
}

func run(s string) string {
	d := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == d {
		i++
	}
	return s[:i]
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
