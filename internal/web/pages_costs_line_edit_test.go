package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// A line typed by hand is put right with the questions it was added with;
// an estimated line is not changed this way, and a bad answer saves
// nothing.
func TestChangeAManualCostLine(t *testing.T) {
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
	line := func(id string) costs.Line {
		ls, err := a.store.CostLines(ctx, a.event)
		require.NoError(t, err)
		for _, l := range ls {
			if l.ID == id {
				return l
			}
		}
		t.Fatalf("no line %s", id)
		return costs.Line{}
	}
	esc := func(id string) string { return strings.ReplaceAll(id, "/", "%2f") }
	assert.Contains(t, c.get(a.costsPath("")).body, `href="`+a.costsPath("/lines/edit")+"?line="+esc(manual)+`"`)
	form := c.get(a.costsPath("/lines/edit") + "?line=" + manual)
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, `value="150.00"`)
	assert.Equal(t, http.StatusNotFound, c.get(a.costsPath("/lines/edit")+"?line="+auto).code, "an estimated line has no edit form")

	r := c.post(a.costsPath("/lines/edit"), url.Values{"line": {manual}, "category": {"security"}, "bearer": {"prison"}, "description": {"Extra officer"}, "estimated": {"lots"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `href="#f-estimated"`)
	assert.Equal(t, costs.Pence(15000), line(manual).Estimated, "nothing saved")

	r = c.post(a.costsPath("/lines/edit"), url.Values{"line": {manual}, "category": {"security"}, "bearer": {"prison"},
		"description": {"Two extra officers"}, "estimated": {"£300"}, "line_notes": {"agreed with the governor"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "The cost line has been changed.")
	got := line(manual)
	assert.Equal(t, "Two extra officers", got.Description)
	assert.Equal(t, costs.Pence(30000), got.Estimated)

	api := a.apiAs(domain.RoleCoordinator)
	path := "/api/v1" + a.costsPath("/lines")
	res := api.call(http.MethodPut, path, map[string]any{"line": auto, "category": "security", "bearer": "prison", "description": "x", "estimated": "1"})
	assert.Equal(t, http.StatusBadRequest, res.code, "an estimated line")
	assert.Contains(t, res.body, `"field":"line"`)
	res = api.call(http.MethodPut, path, map[string]any{"line": manual, "category": "security", "bearer": "prison", "description": "One officer", "estimated": "150"})
	require.Equal(t, http.StatusOK, res.code, res.body)
	assert.Equal(t, "One officer", line(manual).Description)
}
