package allocate

// colouring is a (partial) timetable: colour = slot. fam and tch say which
// meeting, if any, a family or teacher has in each slot, so "is slot c free
// for both?" and Kempe-chain walks are O(1) per step.
type colouring struct {
	p   *problem
	S   int
	col []int   // meeting → slot or -1
	fam []int32 // f*S+c → meeting or -1
	tch []int32 // k*S+c → meeting or -1
	ok  []bool  // k*S+c → teacher k is available in slot c
	buf []int32
}

func newColouring(p *problem, S int) *colouring {
	c := &colouring{p: p, S: S,
		col: make([]int, len(p.edges)),
		fam: make([]int32, len(p.fams)*S),
		tch: make([]int32, len(p.teachers)*S),
		ok:  make([]bool, len(p.teachers)*S),
	}
	for i := range c.col {
		c.col[i] = -1
	}
	for i := range c.fam {
		c.fam[i] = -1
	}
	for i := range c.tch {
		c.tch[i] = -1
	}
	for k := range p.teachers {
		for s := range S {
			c.ok[k*S+s] = true
		}
		for _, u := range p.kUnavail[k] {
			if u < S {
				c.ok[k*S+u] = false
			}
		}
	}
	return c
}

func (c *colouring) famFree(f, s int) bool { return c.fam[f*c.S+s] < 0 }
func (c *colouring) tchFree(k, s int) bool { return c.tch[k*c.S+s] < 0 }
func (c *colouring) allowed(k, s int) bool { return c.ok[k*c.S+s] }

func (c *colouring) set(e, s int) {
	ed := c.p.edges[e]
	c.col[e] = s
	c.fam[ed.f*c.S+s] = int32(e)
	c.tch[ed.k*c.S+s] = int32(e)
}

func (c *colouring) unset(e int) {
	ed := c.p.edges[e]
	s := c.col[e]
	c.fam[ed.f*c.S+s] = -1
	c.tch[ed.k*c.S+s] = -1
	c.col[e] = -1
}

// chain walks the path that starts at a vertex (a family if fromFamily) with
// its x-coloured meeting and alternates x, y. The caller makes sure the start
// has no y meeting, so this is a path, not a cycle.
func (c *colouring) chain(fromFamily bool, v, x, y int) []int32 {
	c.buf = c.buf[:0]
	want := x
	for {
		var e int32
		if fromFamily {
			e = c.fam[v*c.S+want]
		} else {
			e = c.tch[v*c.S+want]
		}
		if e < 0 {
			return c.buf
		}
		c.buf = append(c.buf, e)
		if fromFamily {
			v = c.p.edges[e].k
		} else {
			v = c.p.edges[e].f
		}
		fromFamily = !fromFamily
		want = x + y - want
	}
}

// swap exchanges colours x and y along path, if every teacher on it is
// available in their new slot. It reports whether it did.
func (c *colouring) swap(path []int32, x, y int) bool {
	for _, e := range path {
		if !c.allowed(c.p.edges[e].k, x+y-c.col[e]) {
			return false
		}
	}
	for _, e := range path {
		c.unset(int(e))
	}
	for i, e := range path {
		// Paths alternate, starting with x.
		if i%2 == 0 {
			c.set(int(e), y)
		} else {
			c.set(int(e), x)
		}
	}
	return true
}

// insert gives meeting e a slot: a slot free for both sides if there is
// one, else a Kempe-chain swap that frees one. Without unavailability the
// swap always exists when S is at least the maximum degree (König), which
// is what makes the lower bound reachable.
func (c *colouring) insert(e int) bool {
	ed := c.p.edges[e]
	f, k := ed.f, ed.k
	best, bestScore := -1, 0
	for s := range c.S {
		if c.famFree(f, s) && c.tchFree(k, s) && c.allowed(k, s) {
			if sc := c.score(k, s); best < 0 || sc < bestScore {
				best, bestScore = s, sc
			}
		}
	}
	if best >= 0 {
		c.set(e, best)
		return true
	}
	for _, a := range c.byScore(k) {
		if !c.tchFree(k, a) || !c.allowed(k, a) {
			continue
		}
		// a is used at f: flip the a/b path from f so a frees up there.
		for b := range c.S {
			if c.famFree(f, b) && c.swap(c.chain(true, f, a, b), a, b) {
				c.set(e, a)
				return true
			}
		}
	}
	for _, b := range c.byScore(k) {
		if !c.famFree(f, b) || !c.allowed(k, b) || c.tchFree(k, b) {
			continue
		}
		// b is used at k: flip the b/a path from k so b frees up there.
		for a := range c.S {
			if c.tchFree(k, a) && c.swap(c.chain(false, k, b, a), b, a) {
				c.set(e, b)
				return true
			}
		}
	}
	return false
}

// byScore lists slots in the order teacher k would like them.
func (c *colouring) byScore(k int) []int {
	out := make([]int, c.S)
	scores := make([]int, c.S)
	for s := range c.S {
		out[s], scores[s] = s, c.score(k, s)
	}
	// Insertion sort: S is small and this keeps ties in slot order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && scores[out[j]] < scores[out[j-1]]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// score ranks slot s for teacher k, lower is better: inside or next to the
// teacher's existing meetings (no new waiting), then near their school
// colleagues' meetings, then earlier.
func (c *colouring) score(k, s int) int {
	w := c.S + 1
	return dist(c.span(k), s)*w*w + dist(c.schoolSpan(c.p.kSchool[k]), s)*w + s
}

func dist(lo_hi [2]int, s int) int {
	lo, hi := lo_hi[0], lo_hi[1]
	switch {
	case lo < 0:
		return 0
	case s < lo:
		return lo - s
	case s > hi:
		return s - hi
	}
	return 0
}

// span is the first and last slot teacher k meets in, or {-1,-1}.
func (c *colouring) span(k int) [2]int {
	lo, hi := -1, -1
	row := c.tch[k*c.S : (k+1)*c.S]
	for s, e := range row {
		if e >= 0 {
			if lo < 0 {
				lo = s
			}
			hi = s
		}
	}
	return [2]int{lo, hi}
}

func (c *colouring) schoolSpan(school int) [2]int {
	lo, hi := -1, -1
	for _, k := range c.p.schoolTeachers[school] {
		sp := c.span(k)
		if sp[0] < 0 {
			continue
		}
		if lo < 0 || sp[0] < lo {
			lo = sp[0]
		}
		hi = max(hi, sp[1])
	}
	return [2]int{lo, hi}
}
