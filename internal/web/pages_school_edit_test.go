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

// A school's details are changed by the same questions and checks as
// adding one; nothing is saved from a bad answer, and each change is
// audited by field name.
func TestChangeASchool(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	coord := a.user(domain.RoleCoordinator)
	path := "/schools/" + itoa(w.A.school) + "/details"
	assert.Contains(t, coord.get("/schools/"+itoa(w.A.school)).body, `href="`+path+`"`)
	form := coord.get(path)
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, `value="Ysgol Alpha"`)

	good := url.Values{"name": {"Ysgol Alpha Newydd"}, "type": {"primary"}, "language_medium": {"welsh"}, "local_authority_id": {itoa(w.A.la)},
		"head_name": {"Head Alpha"}, "head_email": {"head@Alpha.example"}, "lang": {"cy"}, "distance_miles": {"14"}}
	for _, tt := range []struct {
		name, field, value, want string
	}{
		{"no name", "name", "", "name"},
		{"an authority that is not there", "local_authority_id", "9999", "local_authority_id"},
		{"miles in words", "distance_miles", "fourteen", "distance_miles"},
	} {
		bad := url.Values{}
		for k, v := range good {
			bad[k] = v
		}
		bad.Set(tt.field, tt.value)
		r := coord.post(path, bad)
		assert.Equal(t, http.StatusBadRequest, r.code, tt.name)
		assert.Contains(t, r.body, `href="#f-`+tt.want+`"`, tt.name)
	}
	x, err := a.store.School(ctx, w.A.school)
	require.NoError(t, err)
	require.Equal(t, "Ysgol Alpha", x.Name, "nothing saved")

	r := coord.post(path, good)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Ysgol Alpha Newydd")
	x, err = a.store.School(ctx, w.A.school)
	require.NoError(t, err)
	assert.Equal(t, 14, x.DistanceMiles)
	assert.Equal(t, domain.SchoolPrimary, x.Type)

	api := a.apiAs(domain.RoleCoordinator)
	body := map[string]any{"name": "Ysgol Alpha", "type": "primary", "language_medium": "welsh", "local_authority_id": w.A.la,
		"head_name": "Head Alpha", "head_email": "", "phone": "", "lang": "cy"}
	res := api.call(http.MethodPut, "/api/v1/schools/"+itoa(w.A.school), body)
	assert.Equal(t, http.StatusBadRequest, res.code, "a school must be reachable by email or phone")
	body["phone"] = "01632 960001"
	res = api.call(http.MethodPut, "/api/v1/schools/"+itoa(w.A.school), body)
	require.Equal(t, http.StatusOK, res.code, res.body)
	assert.Equal(t, http.StatusNotFound, api.call(http.MethodPut, "/api/v1/schools/9999", body).code)

	entries, err := a.store.AuditLog(ctx, store.AuditFilter{Entity: "school", EntityID: w.A.school, Action: "update"})
	require.NoError(t, err)
	assert.Len(t, entries, 2)
}
