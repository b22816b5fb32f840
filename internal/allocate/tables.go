package allocate

import (
	"cmp"
	"errors"
	"math/bits"
	"slices"
	"strings"
)

// seatBudget bounds the keep-apart search, counted in tables examined.
// Realistic halls need a few thousand; the bound (tens of milliseconds) only
// stops a pathological input from hanging a request, and then the
// coordinator gets an error, never a partial plan.
const seatBudget = 20_000_000

var errHall = errors.New("allocate: the remaining tables cannot meet the remaining needs")

// needCounts counts families by need and tables by capability (0..3).
func needCounts(needs []uint8) (c [4]int) {
	for _, n := range needs {
		c[n]++
	}
	return c
}

// hallOK is Hall's condition for seating families with needs nc at tables
// with capabilities tc. With only four kinds of need it is five inequalities,
// and when they hold seatRest always succeeds.
func hallOK(nc, tc [4]int) bool {
	q, s, b := bitQuiet, bitStepFree, bitQuiet|bitStepFree
	return nc[b] <= tc[b] &&
		nc[q]+nc[b] <= tc[q]+tc[b] &&
		nc[s]+nc[b] <= tc[s]+tc[b] &&
		nc[q]+nc[s]+nc[b] <= tc[q]+tc[s]+tc[b] &&
		nc[0]+nc[q]+nc[s]+nc[b] <= tc[0]+tc[q]+tc[s]+tc[b]
}

// checkTables explains, most specific first, which table need the hall
// cannot meet at all, whatever the keep-apart pairs.
func (p *problem) checkTables() error {
	nc, tc := needCounts(p.fNeed), needCounts(p.tCap)
	q, s, b := bitQuiet, bitStepFree, bitQuiet|bitStepFree
	switch {
	case len(p.fams) > len(p.tables):
		return newError(CodeTooManyFamilies, map[string]any{"Families": len(p.fams), "Tables": len(p.tables)})
	case nc[q]+nc[b] > tc[q]+tc[b]:
		return needError(CodeQuietTables, nc[q]+nc[b], tc[q]+tc[b])
	case nc[s]+nc[b] > tc[s]+tc[b]:
		return needError(CodeStepFreeTables, nc[s]+nc[b], tc[s]+tc[b])
	case nc[b] > tc[b]:
		return needError(CodeBothTables, nc[b], tc[b])
	case nc[q]+nc[s]+nc[b] > tc[q]+tc[s]+tc[b]:
		return needError(CodeEitherTables, nc[q]+nc[s]+nc[b], tc[q]+tc[s]+tc[b])
	}
	return nil
}

func needError(code string, families, tables int) *Error {
	return newError(code, map[string]any{"Count": families, "Families": families, "Available": tables})
}

// seater places families at tables. fixed families keep their tables.
type seater struct {
	p       *problem
	at      []int // family → table or -1
	occ     []int // table → family or -1
	nc, tc  [4]int
	order   []int // tables, least capable and least connected first
	nodes   int   // work done, in tables examined
	deepest int
	culprit int
}

// seat returns a table for every family, keeping fixed[f] where it is not -1.
// fixed placements must already be valid; the caller checks them.
func (p *problem) seat(fixed []int) ([]int, error) {
	s := &seater{p: p, at: slices.Clone(fixed), occ: make([]int, len(p.tables)), culprit: -1, deepest: -1}
	for t := range s.occ {
		s.occ[t] = -1
	}
	for f, t := range s.at {
		if t >= 0 {
			s.occ[t] = f
		} else {
			s.nc[p.fNeed[f]]++
		}
	}
	for t, f := range s.occ {
		if f < 0 {
			s.tc[p.tCap[t]]++
		}
	}
	if !hallOK(s.nc, s.tc) {
		return nil, errHall
	}
	s.order = make([]int, len(p.tables))
	for i := range s.order {
		s.order[i] = i
	}
	slices.SortStableFunc(s.order, func(a, b int) int {
		return cmp.Or(cmp.Compare(bits.OnesCount8(p.tCap[a]), bits.OnesCount8(p.tCap[b])), cmp.Compare(len(p.tAdj[a]), len(p.tAdj[b])))
	})
	var apart []int
	for f := range p.fams {
		if s.at[f] < 0 && len(p.fApart[f]) > 0 {
			apart = append(apart, f)
		}
	}
	// Most constrained first: scarce table needs, then most partners.
	slices.SortStableFunc(apart, func(a, b int) int {
		return cmp.Or(cmp.Compare(bits.OnesCount8(p.fNeed[b]), bits.OnesCount8(p.fNeed[a])), cmp.Compare(len(p.fApart[b]), len(p.fApart[a])))
	})
	if !s.search(apart, 0) {
		return nil, s.keepApartError()
	}
	s.seatRest()
	return s.at, nil
}

func (s *seater) keepApartError() *Error {
	p := s.p
	f := s.culprit
	var others []string
	for _, q := range p.fApart[f] {
		others = append(others, p.fams[q].ID)
	}
	return newError(CodeKeepApart, map[string]any{"Family": p.fams[f].ID, "Others": strings.Join(others, ", ")})
}

func (s *seater) search(apart []int, i int) bool {
	if i == len(apart) {
		return true
	}
	f := apart[i]
	// The free tables are walked in place rather than listed first: a list
	// per call, kept down the whole recursion, made memory grow with
	// families × tables. Every placement below is undone before the next
	// table is tried, so the tables that fit are the same as at the start.
	s.nodes += len(s.order)
	for _, t := range s.order {
		if !s.fits(f, t) {
			continue
		}
		if s.nodes > seatBudget {
			break
		}
		s.place(f, t)
		if hallOK(s.nc, s.tc) && s.partnersCanSit(f) && s.search(apart, i+1) {
			return true
		}
		s.unplace(f, t)
	}
	if i > s.deepest || s.culprit < 0 {
		s.deepest, s.culprit = i, f
	}
	return false
}

// fits reports whether t is free, meets f's needs and is neither at nor
// next to a table holding one of f's keep-apart partners.
func (s *seater) fits(f, t int) bool {
	p := s.p
	if s.occ[t] >= 0 || p.fNeed[f]&^p.tCap[t] != 0 {
		return false
	}
	for _, q := range p.fApart[f] {
		if u := s.at[q]; u >= 0 && (u == t || slices.Contains(p.tAdj[u], t)) {
			return false
		}
	}
	return true
}

// hasTable reports whether some table fits f. It counts against the budget
// as a full walk of the tables, as the search's own walk does.
func (s *seater) hasTable(f int) bool {
	s.nodes += len(s.order)
	for _, t := range s.order {
		if s.fits(f, t) {
			return true
		}
	}
	return false
}

// partnersCanSit is forward checking: placing f must leave every unseated
// partner of f some table, or the search would only find out much later.
func (s *seater) partnersCanSit(f int) bool {
	for _, q := range s.p.fApart[f] {
		if s.at[q] < 0 && !s.hasTable(q) {
			return false
		}
	}
	return true
}

func (s *seater) place(f, t int) {
	s.at[f], s.occ[t] = t, f
	s.nc[s.p.fNeed[f]]--
	s.tc[s.p.tCap[t]]--
}

func (s *seater) unplace(f, t int) {
	s.at[f], s.occ[t] = -1, -1
	s.nc[s.p.fNeed[f]]++
	s.tc[s.p.tCap[t]]++
}

// seatRest seats the families with no keep-apart partner, for whom adjacency
// does not matter: each takes the least capable free table meeting its
// needs, the scarcest needs choosing first, which succeeds whenever hallOK.
func (s *seater) seatRest() {
	p := s.p
	q, sf, b := bitQuiet, bitStepFree, bitQuiet|bitStepFree
	prefs := [][]uint8{{b}, {q, b}, {sf, b}, {0, q, sf, b}}
	free := [4][]int{}
	for t := range p.tables {
		if s.occ[t] < 0 {
			free[p.tCap[t]] = append(free[p.tCap[t]], t)
		}
	}
	for _, pref := range prefs {
		need := pref[0]
		for f := range p.fams {
			if s.at[f] >= 0 || p.fNeed[f] != need {
				continue
			}
			for _, c := range pref {
				if len(free[c]) > 0 {
					s.place(f, free[c][0])
					free[c] = free[c][1:]
					break
				}
			}
		}
	}
}
