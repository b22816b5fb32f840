package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// listWorld is a prison with n families spread over the early stages, every
// fifth one ready.
func listWorld(t *testing.T, n int) (*testApp, refWorld) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	for i := range n {
		id := w.addFamily(t, fmt.Sprintf("Parent %d", i), fmt.Sprintf("Child%d", i), w.school)
		switch {
		case i%5 == 0:
			w.ready(t, id)
		case i%3 == 0:
			w.consent(t, id)
		}
	}
	return a, w
}

// readsFor is how many database reads one request makes.
func (a *testApp) readsFor(do func() int) int64 {
	a.reads.Store(0)
	code := do()
	require.Less(a.t, code, 400)
	return a.reads.Load()
}

// A list's reads must not grow with the number of families: each costs the
// same at 5 families as at 50 (issue 11: ~6 per family before).
func TestListReadsDoNotGrowWithFamilies(t *testing.T) {
	pages := []string{"/", "/?stage=referred&q=parent", "/?attention=1", "/families", "/families?stage=ready&q=child&school=1", "/clearance", "/figures"}
	apis := []string{"/api/v1/families", "/api/v1/families?stage=consented&limit=2", "/api/v1/clearance"}
	count := func(n int) map[string]int64 {
		a, _ := listWorld(t, n)
		out := map[string]int64{}
		coord, comm, api := a.user(domain.RoleCoordinator), a.user(domain.RoleCommissioner), a.apiAs(domain.RoleCoordinator)
		for _, p := range pages {
			c := coord
			if p == "/figures" {
				c = comm
			}
			out[p] = a.readsFor(func() int { return c.get(p).code })
		}
		for _, p := range apis {
			out[p] = a.readsFor(func() int { return api.call(http.MethodGet, p, nil).code })
		}
		return out
	}
	small, big := count(5), count(50)
	for _, p := range append(pages, apis...) {
		assert.Positive(t, small[p], p)
		assert.Equal(t, small[p], big[p], "%s: %d reads at 5 families, %d at 50", p, small[p], big[p])
	}
}

// The dashboard pages through the families with the filters in its
// address, and the API says where the next page starts.
func TestFamilyListPagesAndFilters(t *testing.T) {
	a, _ := listWorld(t, 60)
	coord := a.user(domain.RoleCoordinator)
	r := coord.get("/")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Parent 0<")
	assert.NotContains(t, r.body, "Parent 55<", "beyond the first page")
	assert.Contains(t, r.body, `href="/?after=50" rel="next"`)
	r = coord.get("/?after=50")
	assert.Contains(t, r.body, "Parent 55<")
	assert.NotContains(t, r.body, `rel="next"`)

	r = coord.get("/?stage=ready&q=parent")
	assert.Contains(t, r.body, "Parent 5<")
	assert.NotContains(t, r.body, "Parent 3<", "consented, not ready")
	r = coord.get("/?q=child7")
	assert.Contains(t, r.body, "Parent 7<")
	assert.NotContains(t, r.body, "Parent 8<")

	api := a.apiAs(domain.RoleCoordinator)
	var seen int
	for path := "/api/v1/families?limit=25"; path != ""; {
		resp := api.call(http.MethodGet, path, nil)
		seen += len(resp.list(t))
		path = ""
		if link := resp.header.Get("Link"); link != "" {
			path = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
			assert.NotEmpty(t, resp.header.Get("Next-Cursor"))
		}
		require.Less(t, seen, 100)
	}
	assert.Equal(t, 60, seen)
}
