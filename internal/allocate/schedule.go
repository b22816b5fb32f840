package allocate

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// restrictedAttempts is how many teacher orders the list-colouring heuristic
// tries per slot count when unavailability makes greedy insertion fallible.
const restrictedAttempts = 6

// schedule finds a timetable with as few slots as it can, starting from the
// lower bound. Without unavailability the first attempt always succeeds.
func (p *problem) schedule() (*colouring, error) {
	lb := p.lowerBound()
	hi := p.limit
	if hi == 0 {
		hi = max(lb, p.slotCeiling())
	}
	attempts := 1
	if p.hasUnavailability() {
		attempts = restrictedAttempts
	}
	for S := lb; S <= hi; S++ {
		for a := range attempts {
			c := newColouring(p, S)
			if c.fill(p.teacherOrder(S, a)) {
				c.optimise()
				return c, nil
			}
		}
	}
	return nil, newError(CodeSlotsExhausted, map[string]any{"Meetings": len(p.edges), "Slots": hi})
}

// slotCeiling is a slot count at which plain greedy insertion cannot fail:
// a meeting's family blocks at most Δ-1 slots and its teacher at most Δ-1
// plus their unavailable ones.
func (p *problem) slotCeiling() int {
	d, u := 0, 0
	for _, x := range p.fDeg {
		d = max(d, x)
	}
	for k, x := range p.kDeg {
		d = max(d, x)
		u = max(u, len(p.kUnavail[k]))
	}
	return 2*d - 1 + u
}

// teacherOrder puts the teachers with least room first. Later attempts
// shuffle with a fixed seed, so results stay reproducible.
func (p *problem) teacherOrder(S, attempt int) []int {
	var order []int
	for k, d := range p.kDeg {
		if d > 0 {
			order = append(order, k)
		}
	}
	slack := func(k int) int { return S - p.unavailableBelow(k, S) - p.kDeg[k] }
	if attempt > 0 {
		r := rand.New(rand.NewPCG(uint64(attempt), 0x5c4001))
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		if attempt%2 == 1 {
			return order
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(slack(a), slack(b)), cmp.Compare(p.kDeg[b], p.kDeg[a]), cmp.Compare(p.kSchool[a], p.kSchool[b]))
	})
	return order
}

// fill colours every meeting, teacher by teacher, so that each teacher's
// meetings can be laid in one unbroken run when the families allow it.
func (c *colouring) fill(order []int) bool {
	for _, k := range order {
		if c.window(k) {
			continue
		}
		for _, e := range c.p.kEdges[k] {
			if c.col[e] < 0 && !c.insert(e) {
				return false
			}
		}
	}
	return true
}

// window tries to give teacher k's meetings consecutive slots (no waiting),
// matching families to the slots of each candidate run.
func (c *colouring) window(k int) bool {
	edges := c.p.kEdges[k]
	d := len(edges)
	if d == 0 || d > c.S {
		return d == 0
	}
	school := c.schoolSpan(c.p.kSchool[k])
	starts := make([]int, 0, c.S-d+1)
	for s := 0; s+d <= c.S; s++ {
		starts = append(starts, s)
	}
	gap := func(s int) int {
		if school[0] < 0 {
			return 0
		}
		return max(0, school[0]-(s+d-1), s-school[1])
	}
	slices.SortStableFunc(starts, func(a, b int) int { return cmp.Compare(gap(a), gap(b)) })
	match := make([]int, d) // window offset → index into edges
	seen := make([]bool, d)
	for _, s0 := range starts {
		for i := range match {
			match[i] = -1
		}
		ok := true
		for i := range edges {
			clear(seen)
			if !c.augment(k, edges, s0, i, match, seen) {
				ok = false
				break
			}
		}
		if ok {
			for j, i := range match {
				c.set(edges[i], s0+j)
			}
			return true
		}
	}
	return false
}

// augment is one step of Kuhn's bipartite matching between teacher k's
// meetings and the slots s0..s0+d-1.
func (c *colouring) augment(k int, edges []int, s0, i int, match []int, seen []bool) bool {
	f := c.p.edges[edges[i]].f
	for j := range match {
		s := s0 + j
		if seen[j] || !c.famFree(f, s) || !c.allowed(k, s) {
			continue
		}
		seen[j] = true
		if match[j] < 0 || c.augment(k, edges, s0, match[j], match, seen) {
			match[j] = i
			return true
		}
	}
	return false
}
