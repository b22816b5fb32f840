package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// A fresh install starts empty: the coordinator adds the prison and the
// local authorities before anything else.
func TestPlacesOnAFreshInstall(t *testing.T) {
	a := newTestApp(t)
	c := a.user(domain.RoleCoordinator)
	r := c.get("/places")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "No prison added yet")

	r = c.post("/places/prisons", url.Values{"name": {""}, "email": {"nope"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Enter the name")
	assert.Contains(t, r.body, "correct format")

	r = c.post("/places/prisons", url.Values{"name": {"HMP Example"}, "email": {"coordinator@example.org"}})
	require.Equal(t, "/places", r.location)
	assert.Contains(t, r.body, "Prison added")
	assert.Contains(t, r.body, `href="/prisons/1/hall"`, "the next step, the hall, is one click away")
	r = c.post("/places/prisons", url.Values{"name": {"hmp example"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "already on record")

	r = c.post("/places/authorities", url.Values{"la_name": {"Bridgend"}})
	require.Equal(t, "/places", r.location)
	r = c.post("/places/authorities", url.Values{"la_name": {" "}})
	assert.Equal(t, http.StatusBadRequest, r.code)

	prisons, _ := a.store.Prisons(t.Context(), domain.Unrestricted)
	las, _ := a.store.LocalAuthorities(t.Context())
	assert.Len(t, prisons, 1)
	assert.Len(t, las, 1)

	assert.Equal(t, http.StatusForbidden, a.user(domain.RoleCommissioner).get("/places").code)
}
