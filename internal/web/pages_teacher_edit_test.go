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

// A member of staff is changed from the school page by the same rules as
// a new one, at their own school only; a new role changes whether the
// cost estimate assumes cover for them.
func TestChangeAMemberOfStaff(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	coord := a.user(domain.RoleCoordinator)
	path := "/schools/" + itoa(w.A.school) + "/teachers/" + itoa(w.A.teacher)
	assert.Contains(t, coord.get("/schools/"+itoa(w.A.school)).body, `href="`+path+`"`, "each member of staff has a Change link")
	form := coord.get(path)
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, `value="teacher@Alpha.example"`)
	assert.Equal(t, http.StatusNotFound, coord.get("/schools/"+itoa(w.B.school)+"/teachers/"+itoa(w.A.teacher)).code,
		"a teacher is changed at their own school only")

	r := coord.post(path, url.Values{"name": {"Teacher Alpha"}, "email": {"not an address"}, "role": {"class_teacher"}, "lang": {"en"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "<title>Error:")
	cover := func() bool {
		in, err := a.store.EstimateInput(ctx, w.A.event)
		require.NoError(t, err)
		require.Len(t, in.Teachers, 1)
		return in.Teachers[0].NeedsCover
	}
	require.True(t, cover(), "a class teacher needs cover")

	r = coord.post(path, url.Values{"name": {"Mrs Alpha"}, "email": {"head@alpha.example"}, "role": {"head"}, "lang": {"cy"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Mrs Alpha")
	assert.False(t, cover(), "a head has no class to cover")

	api := a.apiAs(domain.RoleCoordinator)
	res := api.call(http.MethodPut, "/api/v1/schools/"+itoa(w.A.school)+"/teachers/"+itoa(w.A.teacher),
		map[string]any{"name": "Mrs Alpha", "email": "head@alpha.example", "role": "wizard", "lang": "cy"})
	assert.Equal(t, http.StatusBadRequest, res.code, "a role that does not exist")
	assert.Contains(t, res.body, `"field":"role"`)
	res = api.call(http.MethodPut, "/api/v1/schools/"+itoa(w.A.school)+"/teachers/"+itoa(w.A.teacher),
		map[string]any{"name": "Mrs A. Alpha", "email": "head@alpha.example", "role": "head", "lang": "cy"})
	require.Equal(t, http.StatusOK, res.code, res.body)
	assert.Equal(t, "Mrs A. Alpha", res.json(t)["name"])

	entries, err := a.store.AuditLog(ctx, store.AuditFilter{Entity: "teacher", EntityID: w.A.teacher, Action: "update"})
	require.NoError(t, err)
	assert.Len(t, entries, 2, "each change audited, the refused one not")
}
