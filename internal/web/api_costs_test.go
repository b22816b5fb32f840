package web

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The cost API runs the cost pages' forms: the same checks, with the
// answer naming the JSON field.
func TestAPICosts(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	costs := "/api/v1/events/" + id(w.A.event) + "/costs"
	line := map[string]any{"category": "refreshments", "bearer": "prison", "description": "Tea and squash", "estimated": "£12.50", "notes": "urn hire"}

	r := clients["coordA"].call(http.MethodPost, costs+"/lines", line)
	require.Equal(t, http.StatusCreated, r.code, r.body)
	var lineID string
	for _, l := range r.json(t)["lines"].([]any) {
		if m := l.(map[string]any); m["description"] == "Tea and squash" {
			lineID = m["id"].(string)
			assert.Equal(t, "12.50", m["estimated"])
			assert.Equal(t, "urn hire", m["notes"])
		}
	}
	require.NotEmpty(t, lineID)

	runAPICases(t, clients, []apiCase{
		{"prison staff have no cost pages", "staffA", http.MethodGet, costs, nil, http.StatusForbidden, ""},
		{"nor commissioners a showcase's lines", "comm", http.MethodGet, costs, nil, http.StatusForbidden, ""},
		{"another prison's costs are not found", "coordB", http.MethodGet, costs, nil, http.StatusNotFound, ""},
		{"nor can a line be added there", "coordB", http.MethodPost, costs + "/lines", line, http.StatusNotFound, ""},
		{"money that is not money", "coordA", http.MethodPost, costs + "/lines", map[string]any{"category": "refreshments", "bearer": "prison", "description": "Tea", "estimated": "lots"}, http.StatusBadRequest, "estimated"},
		{"a category that does not exist", "coordA", http.MethodPost, costs + "/lines", map[string]any{"category": "yachts", "bearer": "prison", "description": "Tea", "estimated": "1"}, http.StatusBadRequest, "category"},
		{"an actual for a line not on this showcase", "coordA", http.MethodPost, costs + "/actuals", map[string]any{"line": "nope", "actual": "1.00"}, http.StatusBadRequest, "line"},
		{"approved more than claimed", "coordA", http.MethodPost, costs + "/actuals", map[string]any{"line": lineID, "actual": "10", "claimed": "5", "approved": "6"}, http.StatusBadRequest, "approved"},
		{"an override needs a reason", "coordA", http.MethodPost, costs + "/overrides", map[string]any{"line": lineID, "amount": "9.00"}, http.StatusBadRequest, "reason"},
		{"an override names its amount", "coordA", http.MethodPost, costs + "/overrides", map[string]any{"line": lineID, "amount": "x", "reason": "quote"}, http.StatusBadRequest, "amount"},
		{"staff counts by role, named by path", "coordA", http.MethodPut, costs + "/settings", map[string]any{"staff": map[string]any{"officer": 500}}, http.StatusBadRequest, "staff.officer"},
		{"preparation minutes by role", "coordA", http.MethodPut, costs + "/settings", map[string]any{"prep": map[string]any{"visits_staff": map[string]any{"count": 1, "minutes": -5}}}, http.StatusBadRequest, "prep.visits_staff.minutes"},
		{"an unknown field is refused, not dropped", "coordA", http.MethodPost, costs + "/lines", map[string]any{"category": "refreshments", "bearer": "prison", "description": "Tea", "estimated": "1", "line_notes": "x"}, http.StatusBadRequest, "line_notes"},
		{"a rate for another prison", "coordB", http.MethodPost, "/api/v1/costs/rates", map[string]any{"scope": "prison:" + id(w.A.prison), "key": "supply_day", "effective_from": "2026-04-01", "amount": "200"}, http.StatusBadRequest, "scope"},
		{"a rate's date", "coordA", http.MethodPost, "/api/v1/costs/rates", map[string]any{"scope": "prison:" + id(w.A.prison), "key": "supply_day", "effective_from": "1/4/26", "amount": "200"}, http.StatusBadRequest, "effective_from"},
		{"travel for a school that is not there", "coordA", http.MethodPost, "/api/v1/costs/travel", map[string]any{"school_id": 9999, "travel_minutes": 20}, http.StatusBadRequest, "school_id"},
		{"travel minutes in range", "coordA", http.MethodPost, "/api/v1/costs/travel", map[string]any{"school_id": w.A.school, "travel_minutes": 9999}, http.StatusBadRequest, "travel_minutes"},
		{"travel saved", "coordA", http.MethodPost, "/api/v1/costs/travel", map[string]any{"school_id": w.A.school, "travel_minutes": 25}, http.StatusNoContent, ""},
	})

	r = clients["coordA"].call(http.MethodPost, costs+"/actuals", map[string]any{"line": lineID, "actual": "11", "claimed": "11", "approved": "10.5"})
	require.Equal(t, http.StatusOK, r.code, r.body)
	r = clients["coordA"].call(http.MethodPost, costs+"/overrides", map[string]any{"line": lineID, "amount": "13.00", "reason": "quote"})
	require.Equal(t, http.StatusOK, r.code, r.body)
	for _, l := range r.json(t)["lines"].([]any) {
		if m := l.(map[string]any); m["id"] == lineID {
			assert.Equal(t, "11.00", m["actual"])
			assert.Equal(t, "10.50", m["approved"])
			assert.Equal(t, "13.00", m["estimated"])
			assert.Equal(t, true, m["overridden"])
		}
	}
	r = clients["coordA"].call(http.MethodPut, costs+"/settings", map[string]any{"setup_minutes": 30, "staff": map[string]any{"officer": 2},
		"prep": map[string]any{"family_worker": map[string]any{"count": 1, "minutes": 90}}})
	require.Equal(t, http.StatusOK, r.code, r.body)
	set := r.json(t)["settings"].(map[string]any)
	assert.Equal(t, float64(30), set["setup_minutes"])
	assert.Equal(t, map[string]any{"officer": float64(2)}, set["staff"])
	assert.Equal(t, map[string]any{"family_worker": map[string]any{"count": float64(1), "minutes": float64(90)}}, set["prep"])

	r = clients["coordA"].call(http.MethodGet, costs+".xlsx", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, xlsxType, r.header.Get("Content-Type"))

	r = clients["coordA"].call(http.MethodPost, "/api/v1/costs/rates", map[string]any{"scope": "prison:" + id(w.A.prison), "key": "supply_day", "effective_from": "2026-04-01", "amount": "210.00"})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	assert.Contains(t, r.body, `"amount":"210.00"`)
	r = clients["coordB"].call(http.MethodGet, "/api/v1/costs/rates", nil)
	require.Equal(t, http.StatusOK, r.code)
	assertNoMarkers(t, r.body, w.A, "prison B's rates")
}
