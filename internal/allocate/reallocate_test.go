package allocate

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dropTeacher(in Input, id string) Input {
	out := in
	out.Teachers = slices.DeleteFunc(slices.Clone(in.Teachers), func(t Teacher) bool { return t.ID == id })
	out.Meetings = slices.DeleteFunc(slices.Clone(in.Meetings), func(m Meeting) bool { return m.Teacher == id })
	return out
}

func withoutTeacher(ms []ScheduledMeeting, id string) []ScheduledMeeting {
	return slices.DeleteFunc(slices.Clone(ms), func(m ScheduledMeeting) bool { return m.Teacher == id })
}

// When a teacher cannot come, nothing else moves.
func TestReallocateTeacherDropsOut(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for i := range 100 {
		in := genInput(r, realistic(10+r.IntN(60)))
		prev, err := Allocate(in)
		require.NoError(t, err)
		gone := in.Teachers[r.IntN(len(in.Teachers))].ID
		after := dropTeacher(in, gone)
		got, err := Reallocate(after, prev)
		require.NoError(t, err, "instance %d", i)
		require.Empty(t, Check(after, got))
		assert.Equal(t, prev.Tables, got.Tables, "instance %d", i)
		assert.Equal(t, withoutTeacher(prev.Meetings, gone), got.Meetings, "instance %d", i)
	}
}

// Added meetings and families slot in around everyone else; only the new
// ones, or a few on a Kempe chain when no slot is free, may move.
func TestReallocateAddsMeetingsAndFamilies(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	moved, kept := 0, 0
	for i := range 100 {
		o := realistic(10 + r.IntN(40))
		o.spareTables = 5
		in := genInput(r, o)
		prev, err := Allocate(in)
		require.NoError(t, err)
		after := in
		after.Families = append(slices.Clone(in.Families), Family{ID: "NEW"})
		after.Meetings = append(slices.Clone(in.Meetings),
			Meeting{"NEW", in.Teachers[0].ID},
			Meeting{in.Families[0].ID, in.Teachers[len(in.Teachers)-1].ID})
		got, err := Reallocate(after, prev)
		require.NoError(t, err, "instance %d", i)
		require.Empty(t, Check(after, got), "instance %d", i)
		for f, tbl := range prev.Tables {
			assert.Equal(t, tbl, got.Tables[f], "instance %d: family %s moved", i, f)
		}
		slot := map[pair][]int{}
		for _, m := range got.Meetings {
			slot[pair{m.Family, m.Teacher}] = append(slot[pair{m.Family, m.Teacher}], m.Slot)
		}
		for _, m := range prev.Meetings {
			if slices.Contains(slot[pair{m.Family, m.Teacher}], m.Slot) {
				kept++
			} else {
				moved++
			}
		}
	}
	t.Logf("meetings kept %d, moved %d", kept, moved)
	assert.Less(t, moved*50, kept, "almost every existing meeting keeps its slot")
}

// A previous table that no longer suits (the family now needs a quiet
// table) is the only one that changes.
func TestReallocateMovesOnlyInvalidSeats(t *testing.T) {
	in := base()
	in.Tables = tables(4, func(i int, t *Table) { t.Quiet = i == 3 })
	in.Families = families(3, nil)
	in.Meetings = []Meeting{{"F1", "TCH1"}, {"F2", "TCH1"}, {"F3", "TCH2"}}
	prev, err := Allocate(in)
	require.NoError(t, err)
	in.Families[1].NeedsQuiet = true
	got, err := Reallocate(in, prev)
	require.NoError(t, err)
	assert.Equal(t, "T4", got.Tables["F2"])
	assert.Equal(t, prev.Tables["F1"], got.Tables["F1"])
	assert.Equal(t, prev.Tables["F3"], got.Tables["F3"])
	assert.Equal(t, prev.Meetings, got.Meetings)
}

// A previous plan that cannot be kept (a new slot limit) falls back to a
// fresh allocation rather than failing.
func TestReallocateFallsBackToFresh(t *testing.T) {
	in := base()
	prev := Result{Tables: map[string]string{"F1": "T1", "F2": "T2"},
		Meetings: []ScheduledMeeting{sm("F1", "TCH1", 5), sm("F1", "TCH2", 7), sm("F2", "TCH1", 6)}}
	in.Event.Slots = 2
	got, err := Reallocate(in, prev)
	require.NoError(t, err)
	require.Empty(t, Check(in, got))
	assert.Equal(t, 2, got.SlotsUsed)
}
