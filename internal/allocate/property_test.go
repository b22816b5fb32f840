package allocate

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Thousands of random showcases: every result satisfies every hard
// constraint (as Check sees it), and without limits or unavailability the
// slot count is exactly the lower bound.
func TestAllocatePropertiesUnrestricted(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		o := genOpts{families: 1 + r.IntN(30), teachers: 1 + r.IntN(12), schools: 1 + r.IntN(4),
			maxMeetings: 1 + r.IntN(4), spareTables: r.IntN(6), needFrac: 0.1, apartFrac: 0.2}
		if i%2 == 1 {
			o.limit = 4 + r.IntN(10) // a limit at or above the bound changes nothing
		}
		in := genInput(r, o)
		res, err := Allocate(in)
		if e, ok := err.(*Error); ok && e.Code == CodeFamilySlots || ok && e.Code == CodeTeacherSlots {
			require.Less(t, in.Event.Slots, maxDegree(in), "instance %d: %v", i, err)
			continue
		}
		require.NoError(t, err, "instance %d", i)
		require.Empty(t, Check(in, res), "instance %d", i)
		require.Equal(t, maxDegree(in), res.LowerBound, "instance %d", i)
		require.Equal(t, res.LowerBound, res.SlotsUsed, "instance %d", i)
		require.Len(t, res.Tables, len(in.Families))
	}
}

// With unavailability the heuristic may fail, but only with an *Error, and
// whatever it returns is valid and within the limit.
func TestAllocatePropertiesRestricted(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	solved := 0
	for i := range 2000 {
		o := genOpts{families: 1 + r.IntN(25), teachers: 1 + r.IntN(10), schools: 1 + r.IntN(3),
			maxMeetings: 1 + r.IntN(4), spareTables: r.IntN(4), needFrac: 0.1, apartFrac: 0.2, unavailFrac: 0.4}
		if i%2 == 0 {
			o.limit = 3 + r.IntN(8)
		}
		in := genInput(r, o)
		res, err := Allocate(in)
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e, "instance %d", i)
			require.True(t, e.Infeasible(), "instance %d: %v", i, err)
			continue
		}
		solved++
		require.Empty(t, Check(in, res), "instance %d", i)
		require.GreaterOrEqual(t, res.SlotsUsed, res.LowerBound)
		if in.Event.Slots > 0 {
			require.LessOrEqual(t, res.SlotsUsed, in.Event.Slots)
		}
	}
	assert.Greater(t, solved, 1000, "the heuristic should solve most restricted instances")
}

// Same input, in any order, gives the same output.
func TestAllocateIsDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 200 {
		o := realistic(5 + r.IntN(40))
		o.unavailFrac = 0.2
		in := genInput(r, o)
		a, errA := Allocate(in)
		shuffled := in
		shuffled.Tables = shuffle(r, in.Tables)
		shuffled.Families = shuffle(r, in.Families)
		shuffled.Teachers = shuffle(r, in.Teachers)
		shuffled.Meetings = shuffle(r, in.Meetings)
		b, errB := Allocate(shuffled)
		require.Equal(t, errA, errB, "instance %d", i)
		require.Equal(t, a, b, "instance %d", i)
	}
}

func shuffle[T any](r *rand.Rand, s []T) []T {
	out := slices.Clone(s)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func maxDegree(in Input) int {
	deg := map[string]int{}
	best := 0
	for _, m := range in.Meetings {
		deg["f"+m.Family]++
		deg["t"+m.Teacher]++
		best = max(best, deg["f"+m.Family], deg["t"+m.Teacher])
	}
	return best
}
