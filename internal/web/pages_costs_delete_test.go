package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// A manual cost line and a rate are deleted only through their confirm
// pages; a line the estimate made is refused with a message; nothing is
// deleted without the yes.
func TestDeleteCostLinesAndRates(t *testing.T) {
	a := newCostsApp(t)
	c := a.user(domain.RoleCoordinator)
	ctx := context.Background()
	require.NoError(t, a.store.ReestimateCosts(ctx, domain.System, a.event))
	manual, err := a.store.AddCostLine(ctx, domain.System, a.event, costs.Line{Category: "security", Bearer: "prison", Description: "Extra officer", Estimated: 15000})
	require.NoError(t, err)
	lines, err := a.store.CostLines(ctx, a.event)
	require.NoError(t, err)
	var auto string
	for _, l := range lines {
		if l.Source != costs.Manual {
			auto = l.ID
		}
	}
	require.NotEmpty(t, auto)
	count := func() int {
		ls, err := a.store.CostLines(ctx, a.event)
		require.NoError(t, err)
		return len(ls)
	}

	page := c.get(a.costsPath("")).body
	// html/template escapes the slash in a line's ID.
	esc := func(id string) string { return strings.ReplaceAll(id, "/", "%2f") }
	assert.Contains(t, page, `href="`+a.costsPath("/lines/delete")+"?line="+esc(manual)+`"`)
	assert.NotContains(t, page, "?line="+esc(auto)+`"`, "no delete link on an estimated line")

	for _, tc := range []struct {
		name  string
		form  url.Values
		code  int
		want  string
		lines int
	}{
		{"without the yes, back to the question", url.Values{"line": {manual}}, http.StatusOK, "Delete this cost line?", len(lines)},
		{"an estimated line", url.Values{"line": {auto}, "confirm": {"yes"}}, http.StatusBadRequest, "Only lines added by hand can be deleted", len(lines)},
		{"the manual line", url.Values{"line": {manual}, "confirm": {"yes"}}, http.StatusOK, "Cost line deleted", len(lines) - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(a.costsPath("/lines/delete"), tc.form)
			assert.Equal(t, tc.code, r.code)
			assert.Contains(t, r.body, tc.want)
			assert.Equal(t, tc.lines, count())
		})
	}

	rates, err := a.store.Rates(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.NotEmpty(t, rates)
	rid := strconv.FormatInt(rates[0].ID, 10)
	assert.Contains(t, c.get("/costs/rates").body, `href="/costs/rates/`+rid+`/delete"`)
	r := c.post("/costs/rates/"+rid+"/delete", url.Values{})
	assert.Contains(t, r.body, "Delete this rate?")
	after, _ := a.store.Rates(ctx, domain.Unrestricted)
	assert.Len(t, after, len(rates), "nothing deleted without the yes")
	r = c.post("/costs/rates/"+rid+"/delete", url.Values{"confirm": {"yes"}})
	assert.Equal(t, "/costs/rates", r.location)
	assert.Contains(t, r.body, "Rate deleted")
	after, _ = a.store.Rates(ctx, domain.Unrestricted)
	assert.Len(t, after, len(rates)-1)
	assert.Equal(t, http.StatusNotFound, c.get("/costs/rates/"+rid+"/delete").code)
	assert.False(t, strings.Contains(c.get("/costs/rates").body, `href="/costs/rates/`+rid+`/delete"`))
}

// The API deletes as the pages do: a confirm in the body, only a line
// typed by hand, a prison's rate only by that prison's staff (the store
// checks, whoever calls).
func TestAPIDeletesCostLinesAndRates(t *testing.T) {
	a := newCostsApp(t)
	api := a.apiAs(domain.RoleCoordinator) // the costs app's one prison
	ctx := context.Background()
	require.NoError(t, a.store.ReestimateCosts(ctx, domain.System, a.event))
	manual, err := a.store.AddCostLine(ctx, domain.System, a.event, costs.Line{Category: "security", Bearer: "prison", Description: "Extra officer", Estimated: 15000})
	require.NoError(t, err)
	lines, err := a.store.CostLines(ctx, a.event)
	require.NoError(t, err)
	var auto string
	for _, l := range lines {
		if l.Source != costs.Manual {
			auto = l.ID
		}
	}
	require.NotEmpty(t, auto)
	other, err := a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Arall"})
	require.NoError(t, err)
	otherRate, err := a.store.AddRate(ctx, domain.System, costs.Rate{Scope: costs.Scope{Kind: costs.PrisonScope, ID: other}, Key: "supply_day",
		EffectiveFrom: testNow, Amount: 21000})
	require.NoError(t, err)
	rates, err := a.store.Rates(ctx, domain.Scope{Prisons: []int64{a.prison}})
	require.NoError(t, err)
	require.NotEmpty(t, rates)
	path := a.costsPath("")
	path = "/api/v1" + path + "/lines"
	rate := "/api/v1/costs/rates/" + strconv.FormatInt(rates[0].ID, 10)

	for _, tc := range []struct {
		name, method, path string
		body               map[string]any
		code               int
		field              string
	}{
		{"a line without the confirm", http.MethodDelete, path, map[string]any{"line": manual}, http.StatusBadRequest, "confirm"},
		{"a line the estimate made", http.MethodDelete, path, map[string]any{"line": auto, "confirm": true}, http.StatusBadRequest, "line"},
		{"a line that is not there", http.MethodDelete, path, map[string]any{"line": "manual/999", "confirm": true}, http.StatusNotFound, ""},
		{"a rate without the confirm", http.MethodDelete, rate, map[string]any{}, http.StatusBadRequest, "confirm"},
		{"another prison's rate", http.MethodDelete, "/api/v1/costs/rates/" + strconv.FormatInt(otherRate, 10), map[string]any{"confirm": true}, http.StatusNotFound, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := api.call(tc.method, tc.path, tc.body)
			assert.Equal(t, tc.code, r.code, r.body)
			if tc.field != "" {
				assert.Contains(t, r.body, `"field":"`+tc.field+`"`)
			}
		})
	}
	count := func() int {
		ls, err := a.store.CostLines(ctx, a.event)
		require.NoError(t, err)
		return len(ls)
	}
	require.Equal(t, len(lines), count(), "nothing deleted by the refused requests")
	all, err := a.store.Rates(ctx, domain.Unrestricted)
	require.NoError(t, err)
	require.Len(t, all, len(rates)+1, "nor any rate")

	r := api.call(http.MethodDelete, path, map[string]any{"line": manual, "confirm": true})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.NotContains(t, r.body, "Extra officer", "the answer is the showcase's costs without the line")
	assert.Equal(t, len(lines)-1, count())
	r = api.call(http.MethodDelete, rate, map[string]any{"confirm": true})
	require.Equal(t, http.StatusNoContent, r.code, r.body)
	all, err = a.store.Rates(ctx, domain.Unrestricted)
	require.NoError(t, err)
	assert.Len(t, all, len(rates))
}
