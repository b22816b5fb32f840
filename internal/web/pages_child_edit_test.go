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

// A child's details are changed from the family page. New needs leave the
// family's place alone; a new school clears the child's register in the
// same transaction, so the family leaves the showcase and the old school's
// teacher is told nothing more about the child.
func TestChangeAChildsDetails(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	teacherLink := a.tokensSent(w.A.event)["teacher"]
	teacher := a.client()
	require.Contains(t, teacher.get("/l/"+teacherLink).body, "Alphachild")
	coord := a.user(domain.RoleCoordinator)
	path := "/families/" + itoa(w.A.ready) + "/children/" + itoa(w.A.child)

	family := coord.get("/families/" + itoa(w.A.ready))
	assert.Contains(t, family.body, `href="`+path+`"`, "the child's row has a Change link")
	form := coord.get(path)
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, `value="Alphachild"`, "the form holds the child as on record")

	r := coord.post(path, url.Values{"first_name": {" "}, "school_id": {itoa(w.A.school)}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "<title>Error:")
	r = coord.post(path, url.Values{"first_name": {"Alphachild"}, "school_id": {"99999"}})
	assert.Equal(t, http.StatusBadRequest, r.code, "a school that is not there")
	cs, err := a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	require.Equal(t, "Alphachild", cs.Children[0].FirstName, "nothing saved")

	// New needs at the same school: the place and the register stand.
	r = coord.post(path, url.Values{"first_name": {"Alphachild"}, "school_id": {itoa(w.A.school)}, "needs_step_free": {"yes"}, "dietary": {"No nuts"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "The child&#39;s details have been changed.")
	cs, err = a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	assert.True(t, cs.Children[0].NeedsStepFree)
	assert.NotEmpty(t, cs.Children[0].MayKnow)
	assert.Contains(t, teacher.get("/l/"+teacherLink).body, "Alphachild", "still the teacher's pupil")

	// A new school: the register goes, and with it the meeting.
	other, err := a.store.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol Newydd", Type: domain.SchoolPrimary, LanguageMedium: "welsh",
		LocalAuthorityID: w.A.la, HeadName: "Head", HeadEmail: "head@newydd.example", Lang: "cy"})
	require.NoError(t, err)
	api := a.apiAs(domain.RoleCoordinator)
	res := api.call(http.MethodPut, "/api/v1/families/"+itoa(w.A.ready)+"/children/"+itoa(w.A.child),
		map[string]any{"first_name": "Alphachild", "school_id": other, "needs_step_free": true})
	require.Equal(t, http.StatusOK, res.code, res.body)
	cs, err = a.store.Case(ctx, domain.Unrestricted, w.A.ready)
	require.NoError(t, err)
	assert.Equal(t, other, cs.Children[0].SchoolID)
	assert.Empty(t, cs.Children[0].MayKnow, "nobody at the new school was agreed")
	assert.False(t, cs.Ready(), "the child's views are asked again")
	assert.NotContains(t, teacher.get("/l/"+teacherLink).body, "Alphachild", "the old teacher is told nothing more")
	violations, err := a.store.CheckSafeguards(ctx)
	require.NoError(t, err)
	assert.Empty(t, violations)

	entries, err := a.store.AuditLog(ctx, store.AuditFilter{Action: "update_child"})
	require.NoError(t, err)
	require.Len(t, entries, 2)
	for _, e := range entries {
		assert.NotContains(t, e.After, "No nuts", "the audit names fields, not values")
	}
}
