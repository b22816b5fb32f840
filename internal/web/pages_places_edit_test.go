package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A prison is changed by its own staff only, a council by anyone; both
// keep to the checks made when they were added.
func TestChangePlaces(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	clients := a.twoPrisonClients(w)
	coord := a.user(domain.RoleCoordinator)
	places := coord.get("/places").body
	assert.Contains(t, places, `href="/prisons/`+itoa(w.A.prison)+`/details"`)
	assert.Contains(t, places, `href="/places/authorities/`+itoa(w.A.la)+`"`)

	path := "/prisons/" + itoa(w.A.prison) + "/details"
	r := coord.post(path, url.Values{"name": {"HMP Beta"}})
	assert.Equal(t, http.StatusBadRequest, r.code, "another prison's name")
	assert.Contains(t, r.body, `href="#f-name"`)
	r = coord.post(path, url.Values{"name": {"HMP Alpha"}, "address": {"1 Heol y Carchar"}, "phone": {"01632 960000"}, "email": {"visits@alpha.example"}})
	require.Equal(t, http.StatusOK, r.code)
	pr, err := a.store.Prison(ctx, domain.Unrestricted, w.A.prison)
	require.NoError(t, err)
	assert.Equal(t, "1 Heol y Carchar", pr.Address)

	res := clients["coordB"].call(http.MethodPut, "/api/v1/prisons/"+itoa(w.A.prison), map[string]any{"name": "HMP Taken Over"})
	assert.Equal(t, http.StatusNotFound, res.code, "another prison's staff cannot change it")
	res = clients["coordA"].call(http.MethodPut, "/api/v1/prisons/"+itoa(w.A.prison), map[string]any{"name": "HMP Alpha", "email": "nope"})
	assert.Equal(t, http.StatusBadRequest, res.code)
	assert.Contains(t, res.body, `"field":"email"`)
	// The store refuses too, whoever calls.
	err = a.store.UpdatePrison(ctx, domain.Actor{Scope: domain.Scope{Prisons: []int64{w.B.prison}}}, domain.Prison{ID: w.A.prison, Name: "HMP X"})
	assert.ErrorIs(t, err, domain.ErrNotFound)

	la := "/places/authorities/" + itoa(w.A.la)
	r = coord.post(la, url.Values{"la_name": {"Betashire"}})
	assert.Equal(t, http.StatusBadRequest, r.code, "another council's name")
	r = coord.post(la, url.Values{"la_name": {"Alphashire Council"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Alphashire Council")
	res = clients["coordA"].call(http.MethodPut, "/api/v1/local-authorities/"+itoa(w.A.la), map[string]any{"name": ""})
	assert.Equal(t, http.StatusBadRequest, res.code)
	assert.Contains(t, res.body, `"field":"name"`)
	res = clients["coordA"].call(http.MethodPut, "/api/v1/local-authorities/"+itoa(w.A.la), map[string]any{"name": "Alphashire"})
	require.Equal(t, http.StatusOK, res.code, res.body)
	assert.Equal(t, http.StatusNotFound, clients["coordA"].call(http.MethodPut, "/api/v1/local-authorities/9999", map[string]any{"name": "Nowhere"}).code)
}
