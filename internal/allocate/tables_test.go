package allocate

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func seatOf(t *testing.T, in Input) map[string]string {
	t.Helper()
	in.Meetings = nil
	res, err := Allocate(in)
	require.NoError(t, err)
	require.Empty(t, Check(in, res))
	return res.Tables
}

func TestSeatingKeepsApartAndMeetsNeeds(t *testing.T) {
	row := func(n int) []Table { // T1 - T2 - ... - Tn
		return tables(n, func(i int, t *Table) {
			if i+1 < n {
				t.Adjacent = []string{fmt.Sprintf("T%d", i+2)}
			}
		})
	}
	t.Run("keep-apart pair needs a gap in a row of three", func(t *testing.T) {
		in := base()
		in.Tables = row(3)
		in.Families = []Family{{ID: "F1"}, {ID: "F2", KeepApart: []string{"F1"}}}
		got := seatOf(t, in)
		assert.ElementsMatch(t, []string{"T1", "T3"}, []string{got["F1"], got["F2"]})
	})
	t.Run("three mutually apart families in a row of five", func(t *testing.T) {
		in := base()
		in.Tables = row(5)
		in.Families = []Family{{ID: "F1", KeepApart: []string{"F2", "F3"}}, {ID: "F2", KeepApart: []string{"F3"}}, {ID: "F3"}, {ID: "F4"}, {ID: "F5"}}
		got := seatOf(t, in)
		assert.ElementsMatch(t, []string{"T1", "T3", "T5"}, []string{got["F1"], got["F2"], got["F3"]})
	})
	t.Run("search has to backtrack past a needy family", func(t *testing.T) {
		// F1 needs the only quiet table, T2, in the middle of the row; F2 must
		// then go to T4.
		in := base()
		in.Tables = row(4)
		in.Tables[1].Quiet = true
		in.Families = []Family{{ID: "F1", NeedsQuiet: true, KeepApart: []string{"F2"}}, {ID: "F2"}, {ID: "F3"}}
		got := seatOf(t, in)
		assert.Equal(t, "T2", got["F1"])
		assert.Equal(t, "T4", got["F2"])
	})
	t.Run("plain families leave special tables for those who need them", func(t *testing.T) {
		in := base()
		in.Tables = tables(3, func(i int, t *Table) { t.Quiet, t.StepFree = i == 0, i == 0 || i == 2 })
		in.Families = []Family{{ID: "F1"}, {ID: "F2", NeedsStepFree: true}, {ID: "F3", NeedsQuiet: true}}
		got := seatOf(t, in)
		assert.Equal(t, map[string]string{"F1": "T2", "F2": "T3", "F3": "T1"}, got)
	})
	t.Run("adjacency listed once counts both ways", func(t *testing.T) {
		in := base()
		in.Tables = []Table{{ID: "T1"}, {ID: "T2", Adjacent: []string{"T1"}}, {ID: "T3"}}
		in.Families = []Family{{ID: "F1"}, {ID: "F2", KeepApart: []string{"F1"}}}
		got := seatOf(t, in)
		assert.NotEqual(t, "T2", got["F1"])
		assert.NotEqual(t, "T2", got["F2"])
	})
}

func TestNaturalOrder(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"T2", "T10", -1}, {"T10", "T2", 1}, {"T2", "T2", 0}, {"T02", "T2", 1},
		{"A", "B", -1}, {"F1", "F1a", -1}, {"", "x", -1}, {"TCH1", "T1", 1},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, natural(tc.a, tc.b), "%s vs %s", tc.a, tc.b)
	}
}

// Thirty families all kept apart from each other cannot fit in a row of
// thirty tables; the search must say so quickly rather than hang.
func TestSeatingGivesUpQuicklyOnHopelessKeepApart(t *testing.T) {
	in := base()
	in.Tables = tables(30, func(i int, t *Table) {
		if i+1 < 30 {
			t.Adjacent = []string{fmt.Sprintf("T%d", i+2)}
		}
	})
	in.Families = families(30, func(i int, f *Family) {
		for j := i + 1; j < 30; j++ {
			f.KeepApart = append(f.KeepApart, fmt.Sprintf("F%d", j+1))
		}
	})
	in.Meetings = nil
	start := time.Now()
	_, err := Allocate(in)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, CodeKeepApart, e.Code)
	// A guard against hanging, not a benchmark: it takes under a second
	// alone, but CI runs every package at once on two cores.
	assert.Less(t, time.Since(start), 10*time.Second)
}
