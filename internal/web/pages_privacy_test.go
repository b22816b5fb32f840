package web

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Erasing on request needs the reference typed again; then the family's
// page keeps its reference and loses its names, and the log says who
// erased it and when.
func TestEraseFamilyOnRequest(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	fam := w.addFamily(t, "Dai Erasable", "Nia Erasable", w.school)
	coord := a.user(domain.RoleCoordinator)
	path := fmt.Sprintf("/families/%d/erase", fam)

	r := coord.get(fmt.Sprintf("/families/%d", fam))
	assert.Contains(t, r.body, `href="`+path+`"`, "the family page links the erasure")
	r = coord.get(path)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "This cannot be undone.")

	r = coord.post(path, url.Values{"confirm": {"FAM-9999"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Type FAM-0001 to confirm the erasure")
	r = coord.get(fmt.Sprintf("/families/%d", fam))
	assert.Contains(t, r.body, "Dai Erasable", "nothing erased without the confirmation")

	r = coord.post(path, url.Values{"confirm": {"fam-0001"}})
	require.Equal(t, http.StatusOK, r.code, "followed to the family page")
	assert.Contains(t, r.body, "The family&#39;s personal data has been erased: FAM-0001")
	assert.NotContains(t, r.body, "Dai Erasable")
	assert.NotContains(t, r.body, "Nia Erasable")
	assert.Contains(t, r.body, "FAM-0001")

	admin := a.user(domain.RoleAdmin)
	r = admin.get("/audit?family=FAM-0001")
	assert.Contains(t, r.body, "Personal data erased on request")
	assert.Contains(t, r.body, "Test coordinator")
}

func TestEraseFamilyThroughTheAPI(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	fam := w.addFamily(t, "Dai Erasable", "Nia Erasable", w.school)
	api := a.apiAs(domain.RoleCoordinator)
	path := fmt.Sprintf("/api/v1/families/%d/erase", fam)

	r := api.call(http.MethodPost, path, map[string]any{"confirm": "FAM-0002"})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "confirm", r.json(t)["field"])
	r = api.call(http.MethodPost, path, map[string]any{"confirm": "FAM-0001"})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, map[string]any{"ref": "FAM-0001", "erased": true}, r.json(t))
	cs, err := a.store.Case(t.Context(), domain.Unrestricted, fam)
	require.NoError(t, err)
	assert.Empty(t, cs.Family.ParentName)
	assert.Equal(t, http.StatusForbidden, a.apiAs(domain.RoleCommissioner).call(http.MethodPost, path, map[string]any{"confirm": "FAM-0001"}).code)
}
