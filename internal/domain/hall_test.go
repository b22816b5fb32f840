package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A hall of two rows of three, front row 1: each table's neighbours are the
// ones beside it and the one in front of or behind it, not the diagonals,
// plus any pair set by hand.
func TestNeighboursComeFromTheGridBothWaysAndFromHandSetPairs(t *testing.T) {
	grid := func(adjacent map[int64][]int64) []HallTable {
		var out []HallTable
		for i := range 6 {
			id := int64(i + 1)
			out = append(out, HallTable{ID: id, Row: 1 + i/3, Col: 1 + i%3, Adjacent: adjacent[id]})
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		tables []HallTable
		want   map[int64][]int64
	}{
		{"grid only", grid(nil), map[int64][]int64{
			1: {2, 4}, 2: {1, 3, 5}, 3: {2, 6},
			4: {1, 5}, 5: {2, 4, 6}, 6: {3, 5},
		}},
		{"a hand-set pair across the hall, and one the grid has already", grid(map[int64][]int64{1: {6}, 2: {3}}), map[int64][]int64{
			1: {2, 4, 6}, 2: {1, 3, 5}, 3: {2, 6},
			4: {1, 5}, 5: {2, 4, 6}, 6: {1, 3, 5},
		}},
		{"tables with a gap between them are not neighbours", []HallTable{{ID: 1, Row: 1, Col: 1}, {ID: 2, Row: 1, Col: 3}, {ID: 3, Row: 3, Col: 1}}, map[int64][]int64{}},
		{"row 0 is a row like any other", []HallTable{{ID: 1, Row: 0, Col: 0}, {ID: 2, Row: 1, Col: 0}}, map[int64][]int64{1: {2}, 2: {1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Neighbours(tc.tables))
		})
	}
}
