package allocate

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveIdle times meetings in the order listed, each in the first slot free
// for both sides: what a coordinator does on paper.
func naiveIdle(t *testing.T, in Input, S int) int {
	p, err := newProblem(in)
	require.NoError(t, err)
	c := newColouring(p, S)
	for _, m := range in.Meetings {
		f, k := p.fIdx[m.Family], p.kIdx[m.Teacher]
		e := -1
		for i, ed := range p.edges {
			if ed == (edge{f, k}) && c.col[i] < 0 {
				e = i
				break
			}
		}
		placed := false
		for s := range S {
			if c.famFree(f, s) && c.tchFree(k, s) {
				c.set(e, s)
				placed = true
				break
			}
		}
		require.True(t, placed, "naive order needs more slots")
	}
	return c.totalIdle()
}

func TestIdleImprovesOverNaiveOrder(t *testing.T) {
	in := base()
	in.Tables = tables(2, nil)
	in.Teachers = []Teacher{{ID: "A"}, {ID: "B"}, {ID: "C"}}
	// On paper: F1 sees B, C, A in slots 0, 1, 2; then F2 sees A in slot 0,
	// so A waits through slot 1.
	in.Meetings = []Meeting{{"F1", "B"}, {"F1", "C"}, {"F1", "A"}, {"F2", "A"}}
	require.Equal(t, 1, naiveIdle(t, in, 3))
	res, err := Allocate(in)
	require.NoError(t, err)
	assert.Equal(t, 0, res.TeacherIdleSlots)
	assert.Equal(t, 3, res.SlotsUsed)
}

// On random realistic showcases the engine's waiting is never worse than the
// paper method's, and far less in total.
func TestIdleBeatsNaiveOnRandomShowcases(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	naive, ours := 0, 0
	for range 100 {
		in := genInput(r, realistic(30))
		res, err := Allocate(in)
		require.NoError(t, err)
		p, _ := newProblem(in)
		S := 2 * p.lowerBound() // room enough for first-fit
		naive += naiveIdle(t, in, S)
		ours += res.TeacherIdleSlots
	}
	t.Logf("idle slots over 100 showcases: paper %d, engine %d", naive, ours)
	assert.Less(t, ours*4, naive)
}

// Teachers of one school end up in neighbouring slots when it costs no
// waiting: here X and Y both see F2, so they cannot share a slot, and Z of
// another school must not sit between them.
func TestSchoolColleaguesAreNeighbours(t *testing.T) {
	in := base()
	in.Families = families(3, nil)
	in.Teachers = []Teacher{{ID: "X", School: "S1"}, {ID: "Z", School: "S2"}, {ID: "Y", School: "S1"}}
	in.Meetings = []Meeting{{"F2", "X"}, {"F2", "Z"}, {"F2", "Y"}, {"F1", "Z"}, {"F3", "Z"}}
	res, err := Allocate(in)
	require.NoError(t, err)
	slot := map[string]int{}
	for _, m := range res.Meetings {
		if m.Family == "F2" {
			slot[m.Teacher] = m.Slot
		}
	}
	assert.Equal(t, 1, abs(slot["X"]-slot["Y"]), "%v", res.Meetings)
	assert.Equal(t, 0, res.TeacherIdleSlots)
}

func abs(x int) int { return max(x, -x) }

// The subset DP finds the best order of slots; checked against brute force.
func TestBestOrderIsOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for range 300 {
		S := 2 + r.IntN(5)
		var masks []uint32
		var weights []int64
		for range 1 + r.IntN(6) {
			masks = append(masks, uint32(r.IntN(1<<S)))
			weights = append(weights, int64(1+r.IntN(5)))
		}
		allowed := make([]uint32, S)
		for i := range allowed {
			allowed[i] = uint32(1<<S-1) &^ uint32(r.IntN(1<<S)) & uint32(r.IntN(1<<S)) // sometimes restricted
			allowed[i] |= 1 << i                                                       // identity stays valid
		}
		got := bestOrder(S, masks, weights, allowed)
		require.True(t, validOrder(got, allowed))
		best := int64(-1)
		permute(S, func(order []int) {
			if validOrder(order, allowed) {
				if c := orderCost(order, masks, weights); best < 0 || c < best {
					best = c
				}
			}
		})
		assert.Equal(t, best, orderCost(got, masks, weights))
		swapped := swapOrder(S, masks, weights, allowed)
		require.True(t, validOrder(swapped, allowed))
		assert.GreaterOrEqual(t, orderCost(swapped, masks, weights), best)
	}
}

func permute(n int, visit func([]int)) {
	order := make([]int, n)
	used := make([]bool, n)
	var rec func(i int)
	rec = func(i int) {
		if i == n {
			visit(order)
			return
		}
		for v := range n {
			if !used[v] {
				used[v], order[i] = true, v
				rec(i + 1)
				used[v] = false
			}
		}
	}
	rec(0)
}

// Where families meet many teachers, laying each teacher's meetings in a run
// is not always possible; the Kempe moves and slot reordering must then cut
// the waiting, without breaking anything or adding slots.
func TestOptimiseCutsIdleOnDenseShowcases(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	before, after := 0, 0
	for range 50 {
		o := realistic(40)
		o.teachers, o.schools, o.maxMeetings = 40, 3, 6
		in := genInput(r, o)
		p, err := newProblem(in)
		require.NoError(t, err)
		c := newColouring(p, p.lowerBound())
		require.True(t, c.fill(p.teacherOrder(c.S, 0)))
		before += c.totalIdle()
		c.optimise()
		after += c.totalIdle()
		seats, err := p.seat(p.noSeats())
		require.NoError(t, err)
		res := p.result(seats, c)
		require.Empty(t, Check(in, res))
		require.Equal(t, res.LowerBound, res.SlotsUsed)
	}
	t.Logf("idle before %d, after %d", before, after)
	assert.Less(t, after*4, before)
}
