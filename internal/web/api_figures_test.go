package web

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Commissioners get counts and money through the API exactly as on the
// figures pages: never a name, a reference or a prison number, and small
// counts hidden without a number.
func TestAPIFigures(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	showcase := "/api/v1/figures/costs/showcases/" + id(w.A.event)
	runAPICases(t, clients, []apiCase{
		{"coordinators do not get commissioners' figures", "coordA", http.MethodGet, "/api/v1/figures", nil, http.StatusForbidden, ""},
		{"nor prison staff", "staffA", http.MethodGet, "/api/v1/figures/costs", nil, http.StatusForbidden, ""},
		{"a showcase that is not there", "comm", http.MethodGet, "/api/v1/figures/costs/showcases/999", nil, http.StatusNotFound, ""},
		{"a showcase's workbook", "comm", http.MethodGet, showcase + "/costs.xlsx", nil, http.StatusOK, ""},
		{"the report's CSV", "comm", http.MethodGet, "/api/v1/figures/costs.csv", nil, http.StatusOK, ""},
	})
	for _, path := range []string{"/api/v1/figures", "/api/v1/figures/costs", showcase} {
		r := clients["comm"].call(http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.code, r.body)
		for _, world := range []prisonWorld{w.A, w.B} {
			for _, m := range world.markers {
				if m != "HMP "+world.name { // prisons are named in the cost report
					assert.NotContains(t, r.body, m, "%s shows %q: commissioners never see a person", path, m)
				}
			}
		}
	}
	// Each prison has one family at each stage: too few to show.
	f := clients["comm"].call(http.MethodGet, "/api/v1/figures", nil).json(t)
	var hidden int
	for _, g := range f["by_stage"].([]any) {
		n := g.(map[string]any)["families"].(map[string]any)
		if n["hidden"] == true {
			hidden++
			assert.Nil(t, n["n"], "a hidden count carries no number")
		}
	}
	assert.Positive(t, hidden)
}
