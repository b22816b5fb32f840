package allocate

import "slices"

// Reallocate updates prev for a changed input (a teacher dropped out, a
// meeting or family added) while moving as little as possible: every family
// keeps its table and every surviving meeting its slot where that is still
// valid. New meetings fill free slots first and may shift others along a
// Kempe chain only when no free slot exists. Only if that fails does it fall
// back to Allocate. Slot count may stay above a fresh allocation's, since
// stability on the day matters more; call Allocate for a clean plan.
func Reallocate(in Input, prev Result) (Result, error) {
	p, err := newProblem(in)
	if err != nil {
		return Result{}, err
	}
	if err := p.feasible(); err != nil {
		return Result{}, err
	}
	seats, err := p.seat(p.keptSeats(prev))
	if err != nil {
		if seats, err = p.seat(p.noSeats()); err != nil {
			return Result{}, asError(err)
		}
	}
	c := p.keptSlots(prev)
	if c == nil {
		if c, err = p.schedule(); err != nil {
			return Result{}, err
		}
	}
	return p.result(seats, c), nil
}

// keptSeats keeps each family's previous table unless it no longer exists,
// no longer meets the family's needs, is taken, or sits at or next to a
// keep-apart partner kept earlier in ID order.
func (p *problem) keptSeats(prev Result) []int {
	seats := p.noSeats()
	occ := make([]bool, len(p.tables))
	for f, fam := range p.fams {
		t, ok := p.tIdx[prev.Tables[fam.ID]]
		if !ok || occ[t] || p.fNeed[f]&^p.tCap[t] != 0 || p.clashes(seats, f, t) {
			continue
		}
		seats[f], occ[t] = t, true
	}
	return seats
}

func (p *problem) clashes(seats []int, f, t int) bool {
	for _, q := range p.fApart[f] {
		if tq := seats[q]; tq >= 0 && (tq == t || slices.Contains(p.tAdj[t], tq)) {
			return true
		}
	}
	return false
}

// keptSlots rebuilds the timetable around prev's slots, or returns nil when
// the remaining meetings cannot be fitted within the allowed slots.
func (p *problem) keptSlots(prev Result) *colouring {
	kept := p.matchPrevious(prev)
	S0 := p.lowerBound()
	for _, s := range kept {
		S0 = max(S0, s+1)
	}
	hi := p.limit
	if hi == 0 {
		hi = max(S0, p.slotCeiling())
	}
	for S := S0; S <= hi; S++ {
		if c := p.rebuild(S, kept); c != nil {
			return c
		}
	}
	return nil
}

func (p *problem) rebuild(S int, kept []int) *colouring {
	c := newColouring(p, S)
	for e, s := range kept {
		if s >= 0 && s < S && c.allowed(p.edges[e].k, s) && c.famFree(p.edges[e].f, s) && c.tchFree(p.edges[e].k, s) {
			c.set(e, s)
		}
	}
	for _, k := range p.teacherOrder(S, 0) {
		for _, e := range p.kEdges[k] {
			if c.col[e] < 0 && !c.insert(e) {
				return nil
			}
		}
	}
	return c
}

// matchPrevious gives each current meeting its previous slot, or -1. Pairs
// meeting more than once are matched in slot order.
func (p *problem) matchPrevious(prev Result) []int {
	slots := map[pair][]int{}
	for _, m := range prev.Meetings {
		if m.Slot >= 0 && (p.limit == 0 || m.Slot < p.limit) {
			k := pair{m.Family, m.Teacher}
			slots[k] = append(slots[k], m.Slot)
		}
	}
	for _, s := range slots {
		slices.Sort(s)
	}
	kept := make([]int, len(p.edges))
	for e, ed := range p.edges {
		k := pair{p.fams[ed.f].ID, p.teachers[ed.k].ID}
		kept[e] = -1
		if s := slots[k]; len(s) > 0 {
			kept[e], slots[k] = s[0], s[1:]
		}
	}
	return kept
}
