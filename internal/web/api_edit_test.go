package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// Every record's PUT twin, side by side: a bad answer is a 400 naming the
// field and saves nothing (no audit row, nothing else moved), a good one
// is saved and audited once, and a coordinator of the other prison cannot
// reach a prison's own records. The page forms are tested one by one in
// the pages_*_edit tests; this keeps the API's rules the same for all.
func TestAPIEditsRefuseBadFieldsAndSaveNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	manual, err := a.store.AddCostLine(ctx, domain.System, w.A.event, costs.Line{Category: "security", Bearer: "prison", Description: "Extra officer", Estimated: 15000})
	require.NoError(t, err)
	coordA := a.userIn(domain.RoleCoordinator, "A", w.A.prison).api
	coordB := a.userIn(domain.RoleCoordinator, "B", w.B.prison).api

	carer := map[string]any{"name": "Carer Alpha", "relationship": "parent", "phone": "07700 900123", "email": "carer@alpha.example", "lang": "en"}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{}
		for x, y := range m {
			out[x] = y
		}
		out[k] = v
		return out
	}
	details := map[string]any{"parent_name": "Parent Alpha", "prison_number": "A1111AA", "referral_source": "parent", "referred_on": "2026-11-01", "carer": carer}
	child := map[string]any{"first_name": "Alphachild", "year_group": "Year 6", "school_id": w.A.school}
	school := map[string]any{"name": "Ysgol Alpha", "type": string(domain.SchoolPRU), "language_medium": "english", "local_authority_id": w.A.la,
		"head_name": "Head Alpha", "head_email": "head@alpha.example", "lang": "cy"}
	teacher := map[string]any{"name": "Mr Alpha", "email": "teacher@alpha.example", "role": "head", "lang": "cy"}
	prison := map[string]any{"name": "HMP Alpha Newydd", "phone": "01632 960001"}
	line := map[string]any{"line": manual, "category": "security", "bearer": "prison", "description": "Two officers", "estimated": "300"}

	families := "/api/v1/families/" + itoa(w.A.ready)
	cases := []struct {
		name, path     string
		good, bad      map[string]any
		field          string
		otherPrison404 bool // a record of prison A, not shared reference data
	}{
		{"referral details", families + "/details", details, with(details, "parent_name", " "), "parent_name", true},
		{"child", families + "/children/" + itoa(w.A.child), child, with(child, "first_name", " "), "first_name", true},
		// The details above already saved carer as it is; a change needs a new name.
		{"carer", families + "/carers/" + itoa(w.A.carer), with(carer, "name", "Carer Alpha Jones"), with(carer, "email", "not an address"), "email", true},
		{"school", "/api/v1/schools/" + itoa(w.A.school), school, with(school, "head_email", "nobody"), "head_email", false},
		{"teacher", "/api/v1/schools/" + itoa(w.A.school) + "/teachers/" + itoa(w.A.teacher), teacher, with(teacher, "role", "wizard"), "role", false},
		{"prison", "/api/v1/prisons/" + itoa(w.A.prison), prison, with(prison, "name", ""), "name", true},
		{"council", "/api/v1/local-authorities/" + itoa(w.A.la), map[string]any{"name": "Alphashire", "name_cy": "Sir Alffa"},
			map[string]any{"name": "Betashire"}, "name", false},
		{"cost line", "/api/v1/events/" + itoa(w.A.event) + "/costs/lines", line, with(line, "estimated", "lots"), "estimated", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := a.counts()
			r := coordA.call(http.MethodPut, tc.path, tc.bad)
			require.Equal(t, http.StatusBadRequest, r.code, r.body)
			assert.Equal(t, tc.field, r.json(t)["field"], r.body)
			assert.NotEmpty(t, r.json(t)["error"], "the field's message comes with it")
			assert.Equal(t, before, a.counts(), "a refused change saves nothing")

			if tc.otherPrison404 {
				r = coordB.call(http.MethodPut, tc.path, tc.good)
				assert.Equal(t, http.StatusNotFound, r.code, "another prison's record is not there for B: %s", r.body)
				assert.Equal(t, before, a.counts())
			}

			r = coordA.call(http.MethodPut, tc.path, tc.good)
			require.Equal(t, http.StatusOK, r.code, r.body)
			after := a.counts()
			assert.Equal(t, before["audit"]+1, after["audit"], "one change, one audit row")
		})
	}
}

// A member of staff stays at their school: registers and meetings name
// staff of the child's school, so a move would leave them on a register at
// a school they no longer work at. The API refuses a school in the body
// rather than ignore it, and the teacher stays where they were.
func TestAPITeacherCannotBeMovedToAnotherSchool(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	api := a.apiAs(domain.RoleCoordinator)
	before := a.counts()
	r := api.call(http.MethodPut, "/api/v1/schools/"+itoa(w.A.school)+"/teachers/"+itoa(w.A.teacher),
		map[string]any{"name": "Teacher Alpha", "email": "teacher@alpha.example", "role": "class_teacher", "lang": "en", "school_id": w.B.school})
	require.Equal(t, http.StatusBadRequest, r.code, r.body)
	assert.Equal(t, "school_id", r.json(t)["field"])
	assert.Equal(t, before, a.counts(), "nothing saved")
	r = api.call(http.MethodPut, "/api/v1/schools/"+itoa(w.B.school)+"/teachers/"+itoa(w.A.teacher),
		map[string]any{"name": "Teacher Alpha", "email": "teacher@alpha.example", "role": "class_teacher", "lang": "en"})
	assert.Equal(t, http.StatusNotFound, r.code, "nor is A's teacher changed through school B: %s", r.body)
	teachers, err := a.store.Teachers(context.Background(), w.A.school)
	require.NoError(t, err)
	require.Len(t, teachers, 1)
	assert.Equal(t, w.A.teacher, teachers[0].ID)
}
