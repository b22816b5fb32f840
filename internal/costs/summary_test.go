package costs

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func randomLines(r *rand.Rand, n int) []Line {
	lines := make([]Line, n)
	for i := range lines {
		l := Line{
			Category:         Categories[r.IntN(len(Categories))],
			Bearer:           Bearers[r.IntN(len(Bearers))],
			SchoolID:         int64(r.IntN(4)),
			LocalAuthorityID: int64(r.IntN(3)),
			Estimated:        Pence(r.Int64N(200000) - 1000), // credits happen
		}
		if r.IntN(2) == 0 {
			l.Actual = Ptr(Pence(r.Int64N(200000)))
		}
		if r.IntN(20) == 0 {
			l.Category = "legacy_import" // unknown values still count
		}
		lines[i] = l
	}
	return lines
}

// Property: every grouping adds up to the event total, to the penny.
func TestSummaryGroupsAddUpToTotal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for run := range 300 {
		lines := randomLines(r, r.IntN(80))
		s := Summarise(lines, 1+r.IntN(20), 1+r.IntN(30))
		var want Total
		for _, l := range lines {
			want.add(l)
		}
		assert.Equal(t, want, s.Total, "run %d", run)
		for name, g := range map[string][]Total{"category": s.ByCategory, "bearer": s.ByBearer, "school": s.BySchool, "la": s.ByLocalAuthority} {
			var sum Total
			for _, x := range g {
				sum.Lines += x.Lines
				sum.ActualLines += x.ActualLines
				sum.Estimated += x.Estimated
				sum.Actual += x.Actual
				sum.Amount += x.Amount
			}
			assert.Equal(t, want, sum, "run %d by %s", run, name)
		}
	}
}

func TestSummaryShapeAndPerHead(t *testing.T) {
	lines := []Line{
		{Category: Printing, Bearer: Provider, Estimated: 1000},
		{Category: FamilyTravel, Bearer: Family, SchoolID: 0, LocalAuthorityID: 9, Estimated: 500, Actual: Ptr(700)},
		{Category: SupplyCover, Bearer: School, SchoolID: 3, LocalAuthorityID: 9, Estimated: 1},
	}
	s := Summarise(lines, 3, 0)
	assert.Len(t, s.ByCategory, len(Categories), "zeros listed too")
	assert.Equal(t, string(SupplyCover), s.ByCategory[0].Key)
	assert.Equal(t, Pence(1701), s.Total.Amount)
	assert.Equal(t, Pence(567), s.PerFamily, "1701/3")
	assert.Equal(t, Pence(0), s.PerChild, "no children, no division")
	assert.Equal(t, []int64{3, 0}, []int64{s.BySchool[0].ID, s.BySchool[1].ID}, "unassigned last")
	assert.Equal(t, "", s.BySchool[1].Key)
	assert.Equal(t, Pence(851), PerHead(1701, 2), "850.5 rounds up")
}
