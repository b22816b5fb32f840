package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// The family list finds families by each filter and by search, in the
// two-prison world: each prison has a family seated at its showcase and
// one only just referred, at a school of its own.
func TestFamilyListFiltersAndSearch(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	// Prison A's referred family is released before A's showcase: it
	// needs attention.
	admin := a.userIn(domain.RoleAdmin, "admin")
	r := admin.page.post("/families/"+id(w.A.referred)+"/custody", url.Values{"status": {"released"}, "release_date": {"2026-12-01"}})
	require.Less(t, r.code, 400, r.body)

	all := []string{w.A.readyRef, w.A.referredRef, w.B.readyRef, w.B.referredRef}
	for _, x := range []struct {
		name, query string
		want        []string
	}{
		{"no filter", "", all},
		{"prison", "?prison=" + id(w.B.prison), []string{w.B.readyRef, w.B.referredRef}},
		{"school", "?school=" + id(w.A.school), []string{w.A.readyRef, w.A.referredRef}},
		{"showcase", "?event=" + id(w.A.event), []string{w.A.readyRef}},
		{"stage", "?stage=referred", []string{w.A.referredRef, w.B.referredRef}},
		{"needs attention", "?attention=1", []string{w.A.referredRef}},
		{"search by reference", "?q=" + url.QueryEscape(w.B.readyRef), []string{w.B.readyRef}},
		{"search by a child's name", "?q=Alphababy", []string{w.A.referredRef}},
		{"search by a carer's name", "?q=carer+betaready", []string{w.B.readyRef}},
		{"search by school", "?q=ysgol+beta", []string{w.B.readyRef, w.B.referredRef}},
		{"filters together", "?prison=" + id(w.A.prison) + "&stage=referred&q=alpha", []string{w.A.referredRef}},
		{"nothing matches", "?q=nobody", nil},
		{"a filter that is not a number filters nothing", "?school=x&prison=-1", all},
	} {
		t.Run(x.name, func(t *testing.T) {
			r := admin.page.get("/families" + x.query)
			require.Equal(t, http.StatusOK, r.code, r.body)
			for _, ref := range all {
				if slices.Contains(x.want, ref) {
					assert.Contains(t, r.body, ">"+ref+"</a>")
				} else {
					assert.NotContains(t, r.body, ">"+ref+"</a>")
				}
			}
			if len(x.want) == 0 {
				assert.Contains(t, r.body, "No families match")
			} else {
				assert.Contains(t, r.body, strconv.Itoa(len(x.want))+map[bool]string{true: " family matches", false: " families match"}[len(x.want) == 1])
			}
		})
	}

	// The chosen filters stay chosen, and the dropdowns offer what the
	// account may see.
	r = admin.page.get("/families?prison=" + id(w.A.prison) + "&school=" + id(w.A.school) + "&event=" + id(w.A.event) + "&attention=1")
	assert.Contains(t, r.body, `<option value="`+id(w.A.prison)+`" selected>HMP Alpha</option>`)
	assert.Contains(t, r.body, `<option value="`+id(w.A.school)+`" selected>Ysgol Alpha</option>`)
	assert.Contains(t, r.body, `<option value="`+id(w.A.event)+`" selected>Alpha showcase`)
	assert.Contains(t, r.body, `name="attention" value="1" checked`)

	// In Welsh: the page, the prison's CEF form and the plural count.
	r = admin.page.get("/families?lang=cy&stage=referred")
	assert.Contains(t, r.body, "<h1>Teuluoedd</h1>")
	assert.Contains(t, r.body, "CEF Alpha")
	assert.NotContains(t, r.body, "HMP Alpha")
	assert.Contains(t, r.body, "2 deulu sy&#39;n cyfateb")
}

// A coordinator sees only their own prison's families, with no choice of
// prison and no other prison's showcase; prison staff have no family list
// (their list is the clearance list), and the menu says so.
func TestFamilyListKeepsToTheAccountsPrisons(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	coordA := a.userIn(domain.RoleCoordinator, "A", w.A.prison)
	r := coordA.page.get("/families")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, w.A.readyRef)
	assertNoMarkers(t, r.body, w.B, "/families")
	assert.NotContains(t, r.body, `id="f-prison"`, "one prison is no choice")
	assert.Contains(t, r.body, `href="/families" aria-current="page"`, "the menu links the list")
	// Asking for the other prison's families finds none.
	r = coordA.page.get("/families?prison=" + id(w.B.prison) + "&event=" + id(w.B.event))
	assertNoMarkers(t, r.body, w.B, "/families")
	assert.Contains(t, r.body, "No families match")

	for _, role := range []domain.Role{domain.RolePrisonStaff, domain.RoleCommissioner} {
		u := a.userIn(role, "A-list", w.A.prison)
		r := u.page.get("/families")
		assert.Equal(t, http.StatusForbidden, r.code, role)
		assert.NotContains(t, u.page.get("/").body, `href="/families"`, "%s has no link to it", role)
	}
}

// The list pages by the family ID cursor, the filters kept in every link.
func TestFamilyListPages(t *testing.T) {
	a, _ := listWorld(t, 60)
	coord := a.user(domain.RoleCoordinator)
	r := coord.get("/families")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Parent 0<")
	assert.Contains(t, r.body, "Parent 49<")
	assert.NotContains(t, r.body, "Parent 50<", "beyond the first page")
	assert.Contains(t, r.body, "60 families match")
	assert.Contains(t, r.body, `href="/families?after=50" rel="next"`)
	r = coord.get("/families?after=50")
	assert.Contains(t, r.body, "Parent 59<")
	assert.NotContains(t, r.body, "Parent 49<")
	assert.NotContains(t, r.body, `rel="next"`)
	assert.Contains(t, r.body, `href="/families">Back to the first page`)

	// Ready families are every fifth: 12 of them, on pages of 5.
	var seen int
	for path := "/families?stage=ready&limit=5"; path != ""; {
		r := coord.get(path)
		require.Equal(t, http.StatusOK, r.code)
		assert.Contains(t, r.body, "12 families match")
		assert.NotContains(t, r.body, "Parent 3<", "consented, not ready")
		seen += strings.Count(r.body, `<td data-label="Parent in custody">`)
		path = nextLink(r.body)
		require.Less(t, seen, 20)
	}
	assert.Equal(t, 12, seen)
}

var nextHref = regexp.MustCompile(`href="([^"]+)" rel="next"`)

// nextLink is the address of a list's next page, "" on the last.
func nextLink(body string) string {
	m := nextHref.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// With more showcases than a dropdown can sensibly hold, the showcase
// filter offers the chosen prison's (its newest 40), says how to find the
// others, and still shows a showcase chosen by address.
func TestFamilyListNarrowsALongListOfShowcases(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	a.pastShowcases(w.A.prison, maxShowcaseChoices, "Old showcase")
	admin := a.userIn(domain.RoleAdmin, "admin")
	showcases := func(body string) []string {
		sel := regexp.MustCompile(`(?s)<select id="f-event".*?</select>`).FindString(body)
		require.NotEmpty(t, sel, "the showcase filter")
		var out []string
		for _, m := range regexp.MustCompile(`<option value="(\d+)"`).FindAllStringSubmatch(sel, -1) {
			out = append(out, m[1])
		}
		return out
	}

	r := admin.page.get("/families")
	assert.Empty(t, showcases(r.body), "42 showcases in all: none offered until a prison is chosen")
	assert.Contains(t, r.body, "Choose a prison")
	assert.Contains(t, r.body, `aria-describedby="f-event-hint"`)

	r = admin.page.get("/families?prison=" + id(w.B.prison))
	assert.Equal(t, []string{id(w.B.event)}, showcases(r.body), "prison B's one showcase")
	assert.NotContains(t, r.body, `id="f-event-hint"`)

	r = admin.page.get("/families?prison=" + id(w.A.prison))
	got := showcases(r.body)
	assert.Len(t, got, maxShowcaseChoices, "prison A's newest 40 of 41")
	assert.Contains(t, got, id(w.A.event), "the newest is offered")
	assert.Contains(t, r.body, "Only the newest 40")

	r = admin.page.get("/families?event=" + id(w.B.event))
	assert.Equal(t, []string{id(w.B.event)}, showcases(r.body), "chosen by address, so it shows and can be cleared")
	assert.Contains(t, r.body, `<option value="`+id(w.B.event)+`" selected>Beta showcase`)

	r = admin.page.get("/families?lang=cy")
	assert.Contains(t, r.body, "Dewiswch garchar")
}
