package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/costs"
	"schoolzone/internal/domain"
)

// Every record's edit page, side by side, by the GOV.UK pattern: the form
// comes filled in; a bad answer is a 400 with "Error:" in the title and a
// summary linking to that field, and saves nothing; a good one redirects
// back with a flash and is audited once; a coordinator of another prison
// does not find a prison's own records. The API twins are in
// api_edit_test.go.
func TestEditPagesRefuseBadFieldsAndSaveNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	ctx := context.Background()
	manual, err := a.store.AddCostLine(ctx, domain.System, w.A.event, costs.Line{Category: "security", Bearer: "prison", Description: "Extra officer", Estimated: 15000})
	require.NoError(t, err)
	coordA := a.userIn(domain.RoleCoordinator, "A", w.A.prison).page
	coordB := a.userIn(domain.RoleCoordinator, "B", w.B.prison).page

	with := func(v url.Values, k, x string) url.Values {
		out := url.Values{}
		for key, vs := range v {
			out[key] = vs
		}
		out.Set(k, x)
		return out
	}
	child := url.Values{"first_name": {"Alphachild"}, "year_group": {"Year 6"}, "school_id": {itoa(w.A.school)}}
	carer := url.Values{"name": {"Carer Alpha Jones"}, "relationship": {"parent"}, "phone": {"07700 900123"}, "email": {"carer@alpha.example"}, "lang": {"en"}}
	school := url.Values{"name": {"Ysgol Alpha"}, "type": {string(domain.SchoolPRU)}, "language_medium": {"english"}, "local_authority_id": {itoa(w.A.la)},
		"head_name": {"Head Alpha"}, "head_email": {"head@alpha.example"}, "lang": {"cy"}}
	teacher := url.Values{"name": {"Mr Alpha"}, "email": {"teacher@alpha.example"}, "role": {"head"}, "lang": {"cy"}}
	prison := url.Values{"name": {"HMP Alpha Newydd"}, "phone": {"01632 960001"}}
	council := url.Values{"la_name": {"Alphashire"}, "la_name_cy": {"Sir Alffa"}}
	line := url.Values{"line": {manual}, "category": {"security"}, "bearer": {"prison"}, "description": {"Two officers"}, "estimated": {"300"}}

	cases := []struct {
		name, form, action string // action: where the form posts, when not the form's own path
		filled             string // a value the form shows from the record
		good, bad          url.Values
		field              string
		otherPrison404     bool
	}{
		{name: "child", form: "/families/" + itoa(w.A.ready) + "/children/" + itoa(w.A.child), filled: `value="Alphachild"`,
			good: with(child, "dietary", "No nuts"), bad: with(child, "first_name", " "), field: "first_name", otherPrison404: true},
		{name: "carer", form: "/families/" + itoa(w.A.ready) + "/carers/" + itoa(w.A.carer), filled: `value="Carer Alphaready"`,
			good: carer, bad: with(carer, "email", "not an address"), field: "email", otherPrison404: true},
		{name: "school", form: "/schools/" + itoa(w.A.school) + "/details", filled: `value="Ysgol Alpha"`,
			good: school, bad: with(school, "head_email", "nobody"), field: "head_email"},
		{name: "teacher", form: "/schools/" + itoa(w.A.school) + "/teachers/" + itoa(w.A.teacher), filled: `value="Teacher Alpha"`,
			good: teacher, bad: with(teacher, "role", "wizard"), field: "role"},
		{name: "prison", form: "/prisons/" + itoa(w.A.prison) + "/details", filled: `value="HMP Alpha"`,
			good: prison, bad: with(prison, "name", " "), field: "name", otherPrison404: true},
		{name: "council", form: "/places/authorities/" + itoa(w.A.la), filled: `value="Alphashire"`,
			good: council, bad: with(council, "la_name", "Betashire"), field: "la_name"},
		{name: "cost line", form: "/events/" + itoa(w.A.event) + "/costs/lines/edit?line=" + url.QueryEscape(manual),
			action: "/events/" + itoa(w.A.event) + "/costs/lines/edit", filled: `value="150.00"`,
			good: line, bad: with(line, "estimated", "lots"), field: "estimated", otherPrison404: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			action := tc.action
			if action == "" {
				action = tc.form
			}
			form := coordA.get(tc.form)
			require.Equal(t, http.StatusOK, form.code, form.body)
			assert.Contains(t, form.body, tc.filled, "the form holds the record as it is")
			if tc.otherPrison404 {
				assert.Equal(t, http.StatusNotFound, coordB.get(tc.form).code, "another prison's record is not there for B")
			}

			before := a.counts()
			r := coordA.post(action, tc.bad)
			require.Equal(t, http.StatusBadRequest, r.code)
			assert.Contains(t, r.body, "<title>Error:")
			assert.Contains(t, r.body, `class="error-summary"`)
			assert.Contains(t, r.body, `href="#f-`+tc.field+`"`, "the summary links to the field at fault")
			assert.Equal(t, before, a.counts(), "a refused change saves nothing")
			if tc.otherPrison404 {
				assert.Equal(t, http.StatusNotFound, coordB.post(action, tc.good).code)
				assert.Equal(t, before, a.counts())
			}

			r = coordA.post(action, tc.good)
			require.Equal(t, http.StatusOK, r.code, "the client follows the redirect back")
			assert.Contains(t, r.body, `class="banner success"`, "the page it returns to says it was saved")
			assert.Equal(t, before["audit"]+1, a.counts()["audit"], "one change, one audit row")
		})
	}
}
