package web

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"schoolzone/internal/costs"
)

// The commissioners' cost page lists the showcases 50 at a time, by the
// Seq of the last one shown; the report's totals stay whole.
func TestFiguresCostsPagesItsShowcases(t *testing.T) {
	var rep costs.CommissionerReport
	for seq := 1; seq <= 120; seq++ {
		rep.Showcases = append(rep.Showcases, costs.ShowcaseReport{EventID: int64(1000 + seq), Seq: seq})
		rep.Trend = append(rep.Trend, costs.TrendPoint{Seq: seq})
	}
	seqs := func(p *figuresCostsPage) (shown, trend []int) {
		for _, s := range p.Showcases {
			shown = append(shown, s.Seq)
		}
		for _, t := range p.Trend {
			trend = append(trend, t.Seq)
		}
		return shown, trend
	}
	for _, x := range []struct {
		after       string
		first, last int
		next        string
		backToFirst bool
	}{
		{"", 1, 50, "/figures/costs?after=50#showcases", false},
		{"50", 51, 100, "/figures/costs?after=100#showcases", true},
		{"100", 101, 120, "", true},
		{"not a number", 1, 50, "/figures/costs?after=50#showcases", false},
		{"-7", 1, 50, "/figures/costs?after=50#showcases", false},
	} {
		p := &figuresCostsPage{Report: rep}
		p.page(x.after)
		shown, trend := seqs(p)
		assert.Equal(t, x.first, p.First, "after %q", x.after)
		assert.Equal(t, x.last, p.Last, "after %q", x.after)
		assert.Len(t, shown, x.last-x.first+1, "after %q", x.after)
		assert.Equal(t, shown, trend, "after %q: the trend table pages with the list", x.after)
		assert.Equal(t, x.next, p.NextURL, "after %q", x.after)
		assert.Equal(t, x.backToFirst, p.FirstURL != "", "after %q", x.after)
		assert.Len(t, p.Report.Showcases, 120, "the report itself stays whole")
	}

	p := &figuresCostsPage{Report: rep}
	p.page("120")
	assert.Empty(t, p.Showcases, "past the last")
	assert.Empty(t, p.NextURL)
	assert.NotEmpty(t, p.FirstURL, "with the way back")
}
