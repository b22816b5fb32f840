package allocate

import (
	"math/bits"
	"slices"
)

// Objectives (2) and (3) are compared lexicographically by folding them into
// one number: idle slots weigh more than every possible school gap together.

const (
	maxRounds   = 4
	moveBudget  = 50_000
	dpWorkLimit = 4_000_000
)

// optimise lowers teacher waiting, then school spread, without changing the
// number of slots: Kempe-chain moves pull a teacher's outlying meeting into
// a gap, and reordering whole slots never breaks a constraint.
func (c *colouring) optimise() {
	for range maxRounds {
		moved := c.improve()
		permuted := c.permute()
		if !moved && !permuted {
			return
		}
	}
}

// idle is teacher k's empty slots between their first and last meeting.
func (c *colouring) idle(k int) int {
	sp := c.span(k)
	if sp[0] < 0 {
		return 0
	}
	n := 0
	for _, e := range c.tch[k*c.S+sp[0] : k*c.S+sp[1]+1] {
		if e < 0 {
			n++
		}
	}
	return n
}

// schoolGap is the slots between a school's first and last meeting in which
// none of its teachers meets anyone.
func (c *colouring) schoolGap(school int) int {
	n := 0
	lo, hi := -1, -1
	for s := range c.S {
		busy := false
		for _, k := range c.p.schoolTeachers[school] {
			if !c.tchFree(k, s) {
				busy = true
				break
			}
		}
		if busy {
			n++
			if lo < 0 {
				lo = s
			}
			hi = s
		}
	}
	if lo < 0 {
		return 0
	}
	return hi - lo + 1 - n
}

func (c *colouring) idleWeight() int64 { return int64(len(c.p.schoolTeachers)*c.S + 1) }

// cost is the lexicographic objective over the given teachers and schools.
func (c *colouring) cost(teachers []int) int64 {
	w := c.idleWeight()
	var total int64
	seen := map[int]bool{}
	for _, k := range teachers {
		total += w * int64(c.idle(k))
		if s := c.p.kSchool[k]; !seen[s] {
			seen[s] = true
			total += int64(c.schoolGap(s))
		}
	}
	return total
}

// TotalIdle is Result.TeacherIdleSlots.
func (c *colouring) totalIdle() int {
	n := 0
	for k := range c.p.teachers {
		n += c.idle(k)
	}
	return n
}

// improve moves a waiting teacher's first or last meeting into a gap or next
// to the rest, flipping a Kempe chain on the family's side when the family
// is busy then; moves are kept only if the objective improves.
func (c *colouring) improve() bool {
	improved := false
	budget := moveBudget
	for range maxRounds {
		any := false
		for k := range c.p.teachers {
			if c.idle(k) == 0 {
				continue
			}
			sp := c.span(k)
			for _, a := range sp {
				e := int(c.tch[k*c.S+a])
				for b := max(0, sp[0]-1); b <= min(c.S-1, sp[1]+1) && budget > 0; b++ {
					if !c.tchFree(k, b) || !c.allowed(k, b) {
						continue
					}
					budget--
					if c.tryMove(e, b) {
						any = true
						break
					}
				}
				if c.col[e] != a {
					break // the span changed; look at this teacher afresh next round
				}
			}
		}
		if !any {
			break
		}
		improved = true
	}
	return improved
}

// tryMove moves meeting e to slot b (free for its teacher), flipping the
// family's b/a chain, and keeps the move only if it lowers the cost.
func (c *colouring) tryMove(e, b int) bool {
	ed := c.p.edges[e]
	a := c.col[e]
	c.unset(e)
	path := slices.Clone(c.chain(true, ed.f, b, a))
	c.set(e, a)
	affected := []int{ed.k}
	for _, pe := range path {
		affected = append(affected, c.p.edges[pe].k)
	}
	before := c.cost(affected)
	c.unset(e)
	if !c.swap(path, b, a) {
		c.set(e, a)
		return false
	}
	c.set(e, b)
	if c.cost(affected) < before {
		return true
	}
	c.unset(e)
	c.swap(path, a, b)
	c.set(e, a)
	return false
}

// permute reorders whole slots to minimise the objective. Each teacher's
// and school's set of slots becomes a bitmask, and a dynamic programme over
// subsets of slots finds the best order exactly when S is small enough;
// otherwise pairwise swaps are tried until none helps.
func (c *colouring) permute() bool {
	S := c.S
	if S < 2 || S > 30 {
		return false
	}
	masks, weights := c.masks()
	allowed := c.classPositions()
	cur := make([]int, S)
	for i := range cur {
		cur[i] = i
	}
	var order []int
	if work := (1 << S) * max(1, len(masks)); S <= 16 && work <= dpWorkLimit {
		order = bestOrder(S, masks, weights, allowed)
	} else {
		order = swapOrder(S, masks, weights, allowed)
	}
	if orderCost(order, masks, weights) >= orderCost(cur, masks, weights) {
		return false
	}
	c.relabel(order)
	return true
}

// masks collects the slot sets of teachers (weighted as idle) and schools.
func (c *colouring) masks() ([]uint32, []int64) {
	w := c.idleWeight()
	acc := map[uint32]int64{}
	for k := range c.p.teachers {
		if m := c.teacherMask(k); bits.OnesCount32(m) > 1 {
			acc[m] += w
		}
	}
	for _, ks := range c.p.schoolTeachers {
		var m uint32
		for _, k := range ks {
			m |= c.teacherMask(k)
		}
		if bits.OnesCount32(m) > 1 {
			acc[m]++
		}
	}
	masks := make([]uint32, 0, len(acc))
	for m := range acc {
		masks = append(masks, m)
	}
	slices.Sort(masks)
	weights := make([]int64, len(masks))
	for i, m := range masks {
		weights[i] = acc[m]
	}
	return masks, weights
}

func (c *colouring) teacherMask(k int) uint32 {
	var m uint32
	for s, e := range c.tch[k*c.S : (k+1)*c.S] {
		if e >= 0 {
			m |= 1 << s
		}
	}
	return m
}

// classPositions says where each slot's meetings may move: everywhere,
// except where one of its teachers is unavailable.
func (c *colouring) classPositions() []uint32 {
	full := uint32(1)<<c.S - 1
	out := make([]uint32, c.S)
	for i := range out {
		out[i] = full
	}
	for k := range c.p.teachers {
		var avail uint32
		for s := range c.S {
			if c.allowed(k, s) {
				avail |= 1 << s
			}
		}
		for s := range c.S {
			if !c.tchFree(k, s) {
				out[s] &= avail
			}
		}
	}
	return out
}

// relabel moves the meetings of slot order[i] to slot i.
func (c *colouring) relabel(order []int) {
	pos := make([]int, c.S)
	for i, s := range order {
		pos[s] = i
	}
	cols := slices.Clone(c.col)
	for e := range cols {
		if cols[e] >= 0 {
			c.unset(e)
		}
	}
	for e, s := range cols {
		if s >= 0 {
			c.set(e, pos[s])
		}
	}
}
