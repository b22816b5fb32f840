package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
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
		p.page(url.Values{"after": {x.after}})
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
	p.page(url.Values{"after": {"120"}})
	assert.Empty(t, p.Showcases, "past the last")
	assert.Empty(t, p.NextURL)
	assert.NotEmpty(t, p.FirstURL, "with the way back")
}

// A national report's breakdown by prison pages by the ID of the last
// prison shown, apart from the showcases: each list's links keep the
// other where it is, and the total row stays the whole report's.
func TestFiguresCostsPagesItsPrisons(t *testing.T) {
	var rep costs.CommissionerReport
	for i := 1; i <= 120; i++ {
		rep.ByPrison = append(rep.ByPrison, costs.Group{Key: fmt.Sprint(500 + i), Label: fmt.Sprintf("HMP %03d", i)})
		rep.Showcases = append(rep.Showcases, costs.ShowcaseReport{EventID: int64(1000 + i), Seq: i})
		rep.Trend = append(rep.Trend, costs.TrendPoint{Seq: i})
	}
	for _, x := range []struct {
		name                       string
		q                          url.Values
		first, last                int
		next, back, showNext, show string
	}{
		{"the first page", url.Values{}, 1, 50,
			"/figures/costs?prisons_after=550#by-prison", "", "/figures/costs?after=50#showcases", ""},
		{"the second page", url.Values{"prisons_after": {"550"}}, 51, 100,
			"/figures/costs?prisons_after=600#by-prison", "/figures/costs#by-prison",
			"/figures/costs?after=50&prisons_after=550#showcases", ""},
		{"the last page, with the showcases on their second", url.Values{"prisons_after": {"600"}, "after": {"50"}}, 101, 120,
			"", "/figures/costs?after=50#by-prison",
			"/figures/costs?after=100&prisons_after=600#showcases", "/figures/costs?prisons_after=600#showcases"},
		{"a cursor naming no prison starts again", url.Values{"prisons_after": {"7"}}, 1, 50,
			"/figures/costs?prisons_after=550#by-prison", "", "/figures/costs?after=50#showcases", ""},
	} {
		p := &figuresCostsPage{Report: rep}
		p.page(x.q)
		assert.Equal(t, x.first, p.PrisonsFirst, x.name)
		assert.Equal(t, x.last, p.PrisonsLast, x.name)
		require.Len(t, p.Prisons, x.last-x.first+1, x.name)
		assert.Equal(t, fmt.Sprintf("HMP %03d", x.first), p.Prisons[0].Label, x.name)
		assert.Equal(t, x.next, p.PrisonsNextURL, x.name)
		assert.Equal(t, x.back, p.PrisonsFirstURL, x.name)
		assert.Equal(t, x.showNext, p.NextURL, x.name)
		assert.Equal(t, x.show, p.FirstURL, x.name)
		assert.Len(t, p.Report.ByPrison, 120, "the report itself stays whole")
	}
}

// pageAfter cuts a list read whole into pages by the ID of the last row
// shown; a cursor that is not a number, or names no row, starts again.
func TestPageAfter(t *testing.T) {
	ids := func(n int) []int64 {
		var out []int64
		for i := range n {
			out = append(out, int64(10*(i+1))) // 10, 20, …: IDs are not positions
		}
		return out
	}
	self := func(x int64) int64 { return x }
	for _, x := range []struct {
		name, after  string
		n            int
		first, count int64
		next         int64
		later        bool
	}{
		{"first page", "", 120, 10, 50, 500, false},
		{"second page", "500", 120, 510, 50, 1000, true},
		{"last page", "1000", 120, 1010, 20, 0, true},
		{"one page only", "", 7, 10, 7, 0, false},
		{"a cursor that is not a number", "abc", 120, 10, 50, 500, false},
		{"a cursor that names no row", "15", 120, 10, 50, 500, false},
		{"empty", "", 0, 0, 0, 0, false},
	} {
		page, next, later := pageAfter(ids(x.n), self, x.after, 50)
		assert.Len(t, page, int(x.count), x.name)
		if len(page) > 0 {
			assert.Equal(t, x.first, page[0], x.name)
		}
		assert.Equal(t, x.next, next, x.name)
		assert.Equal(t, x.later, later, x.name)
	}
	pg := newPager(nil, "/x", 500, true)
	assert.Equal(t, "/x?after=500", pg.NextURL)
	assert.Equal(t, "/x", pg.FirstURL)
	assert.Equal(t, pager{}, newPager(nil, "/x", 0, false), "one page: no links")
}

// Every showcase appears on exactly one page of the showcase list and of
// the run sheet list, following the next links.
func TestShowcaseListsPageThroughEveryShowcase(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	titles := append([]string{"Alpha showcase", "Beta showcase"}, a.pastShowcases(w.A.prison, rowsPerPage, "Old showcase")...)
	admin := a.userIn(domain.RoleAdmin, "x")
	for _, list := range []string{"/events", "/runsheets"} {
		seen := map[string]int{}
		pages := 0
		for path := list; path != ""; pages++ {
			r := admin.page.get(path)
			require.Equal(t, http.StatusOK, r.code, path)
			for _, title := range titles {
				seen[title] += strings.Count(r.body, ">"+title+"<") + strings.Count(r.body, " "+title+"<")
			}
			path = html.UnescapeString(regexp.MustCompile(`<a href="([^"]*)" rel="next">`).FindStringSubmatch(r.body + `<a href="" rel="next">`)[1])
			require.Less(t, pages, 5, "%s: the pages end", list)
		}
		assert.Equal(t, 2, pages, list)
		for _, title := range titles {
			assert.Equal(t, 1, seen[title], "%s: %s once", list, title)
		}
	}
}

// The commissioners' cost report through the API pages its showcases as
// the page does, with the cursor in Next-Cursor and Link; its totals
// cover every showcase on every page.
func TestFiguresCostsAPIPagesItsShowcases(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	a.pastShowcases(w.A.prison, showcasesPerPage, "Old showcase")
	comm := a.userIn(domain.RoleCommissioner, "c")
	var ids []any
	path, pages := "/api/v1/figures/costs", 0
	var events any
	for ; path != ""; pages++ {
		r := comm.api.call(http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.code, r.body)
		body := r.json(t)
		if events == nil {
			events = body["events"]
		}
		assert.Equal(t, events, body["events"], "the totals are the whole report's on every page")
		for _, sh := range body["showcases"].([]any) {
			ids = append(ids, sh.(map[string]any)["event_id"])
		}
		path = ""
		if next := r.header.Get("Next-Cursor"); next != "" {
			assert.Contains(t, r.header.Get("Link"), "after="+next)
			path = "/api/v1/figures/costs?after=" + next
		}
		require.Less(t, pages, 5)
	}
	assert.Equal(t, 2, pages)
	assert.Len(t, ids, showcasesPerPage+2, "every showcase once")
	seen := map[any]bool{}
	for _, id := range ids {
		assert.False(t, seen[id], "showcase %v twice", id)
		seen[id] = true
	}
}

// Following the prison pager of the commissioners' cost page from the
// first page shows every prison once, the same total row on every page,
// and keeps the showcase list on the page it was on.
func TestFiguresCostsWalksEveryPrison(t *testing.T) {
	a := newTestApp(t)
	a.scopeWorld()
	names := a.prisonsWithShowcases(showcasesPerPage + 1)
	comm := a.userIn(domain.RoleCommissioner, "c")
	seen := map[string]int{}
	var totals []string
	pages := 0
	for path := "/figures/costs?after=0"; path != ""; pages++ {
		r := comm.page.get(path)
		require.Equal(t, http.StatusOK, r.code, path)
		table := regexp.MustCompile(`(?s)<table id="by-prison">.*?</table>`).FindString(r.body)
		require.NotEmpty(t, table, path)
		for _, name := range names {
			seen[name] += strings.Count(table, ">"+name+"<")
		}
		totals = append(totals, regexp.MustCompile(`<tr><th scope="row">Total</th>.*?</tr>`).FindString(table))
		assert.Contains(t, r.body, `id="prisons-range">Prisons `, path)
		next := regexp.MustCompile(`<a href="([^"]*#by-prison)" rel="next">`).FindStringSubmatch(r.body)
		path = ""
		if next != nil {
			path = html.UnescapeString(next[1])
		}
		require.Less(t, pages, 5, "the pages end")
	}
	assert.Equal(t, 2, pages)
	for _, name := range names {
		assert.Equal(t, 1, seen[name], "%s once", name)
	}
	require.NotEmpty(t, totals[0])
	assert.Equal(t, totals[0], totals[1], "the total row is the whole report's on each page")
}

// prisonsWithShowcases adds n prisons, each with one past showcase, and
// gives their names: a national caseload, for the breakdown by prison.
func (a *testApp) prisonsWithShowcases(n int) []string {
	a.t.Helper()
	var names []string
	for i := range n {
		name := fmt.Sprintf("HMP Paging %03d", i)
		id, err := a.store.CreatePrison(a.t.Context(), domain.System, domain.Prison{Name: name, Phone: "01632 960000"})
		require.NoError(a.t, err)
		a.pastShowcases(id, 1, name+" showcase")
		names = append(names, name)
	}
	return names
}

// pastShowcases adds n showcases at prison, two a year from 2000 (long
// before the worlds' own), titled prefix and a number, and gives the
// titles: a caseload with years of history, for the lists that page.
func (a *testApp) pastShowcases(prison int64, n int, prefix string) []string {
	a.t.Helper()
	var titles []string
	for i := range n {
		title := fmt.Sprintf("%s %02d", prefix, i)
		_, err := a.store.CreateEvent(a.t.Context(), domain.System, domain.Event{PrisonID: prison, Title: title,
			StartsAt: time.Date(2000+i/2, time.Month(1+6*(i%2)), 10, 14, 0, 0, 0, time.UTC), SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
		require.NoError(a.t, err)
		titles = append(titles, title)
	}
	return titles
}

// The showcase and run sheet lists open on the coming showcases, soonest
// first, and then go back through the past, latest first: with years of
// showcases, date order put the coming ones on the last page.
func TestShowcaseListsOpenOnTheComingShowcases(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	old := a.pastShowcases(w.A.prison, rowsPerPage+1, "Old showcase")
	admin := a.userIn(domain.RoleAdmin, "x")
	for _, list := range []string{"/events", "/runsheets"} {
		first := admin.page.get(list)
		require.Equal(t, http.StatusOK, first.code, list)
		coming := strings.Index(first.body, "Alpha showcase")
		latestPast := strings.Index(first.body, old[len(old)-1]+"<")
		require.NotEqual(t, -1, coming, "%s: the coming showcase is on the first page", list)
		require.NotEqual(t, -1, latestPast, "%s: so is the latest past one", list)
		assert.Less(t, coming, latestPast, "%s: coming before past", list)
		assert.Less(t, latestPast, strings.Index(first.body, old[len(old)-2]+"<"), "%s: the past latest first", list)
		assert.NotContains(t, first.body, old[0]+"<", "%s: the oldest is on the last page", list)
	}
}
