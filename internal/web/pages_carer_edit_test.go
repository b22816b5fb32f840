package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// Any carer of a family is changed by the rules a referral's main carer
// is; a bad answer saves nothing, and a new distance reaches the family's
// travel estimate.
func TestChangeACarer(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	coord := a.user(domain.RoleCoordinator)
	path := "/families/" + itoa(w.A.ready) + "/carers/" + itoa(w.A.carer)
	form := coord.get(path)
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, `value="Carer Alphaready"`)

	r := coord.post(path, url.Values{"name": {"Carer Alphaready"}, "relationship": {"parent"}, "email": {"not an address"}, "lang": {"en"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `href="#f-email"`)
	r = coord.post(path, url.Values{"name": {"Carer Alphaready"}, "relationship": {"parent"}, "lang": {"en"}})
	assert.Equal(t, http.StatusBadRequest, r.code, "no way to reach them")
	cs, err := a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	require.Equal(t, "carer@Alpha.example", cs.Carers[0].Email, "nothing saved")

	r = coord.post(path, url.Values{"name": {"Sian Alphaready"}, "relationship": {"grandparent"}, "phone": {"07700 900456"},
		"email": {"sian@alpha.example"}, "lang": {"cy"}, "distance_miles": {"31"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Sian Alphaready")
	in, err := a.store.EstimateInput(ctx, w.A.event)
	require.NoError(t, err)
	require.Len(t, in.Families, 1)
	assert.EqualValues(t, 31000, in.Families[0].MilesEachWay, "31 miles, in thousandths")

	api := a.apiAs(domain.RoleCoordinator)
	res := api.call(http.MethodPut, "/api/v1/families/"+itoa(w.A.ready)+"/carers/"+itoa(w.A.carer),
		map[string]any{"name": "Sian", "relationship": "neighbour", "phone": "07700 900456", "lang": "cy"})
	assert.Equal(t, http.StatusBadRequest, res.code)
	assert.Contains(t, res.body, `"field":"relationship"`)
	res = api.call(http.MethodPut, "/api/v1/families/"+itoa(w.A.ready)+"/carers/"+itoa(w.B.carer),
		map[string]any{"name": "Sian", "relationship": "parent", "phone": "07700 900456", "lang": "cy"})
	assert.Equal(t, http.StatusNotFound, res.code, "another family's carer")

	entries, err := a.store.AuditLog(ctx, store.AuditFilter{Action: "update_carer"})
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.NotContains(t, entries[0].After, "sian@alpha.example", "the audit names fields, not values")
}
