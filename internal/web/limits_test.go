package web

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// The hostile inputs of issue 10, each sent to a page form and to the API:
// every one is a 400 naming the field, and nothing is saved.
func TestHostileInputIsRefusedOnPagesAndAPI(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	page := a.user(domain.RoleCoordinator)
	api := a.apiAs(domain.RoleCoordinator)
	fw := familyWorld{prison: w.prison, school: w.school, teacher: w.teacher}
	school := "/schools/" + strconv.FormatInt(w.school, 10)

	referral := func(change func(f url.Values, m map[string]any)) (url.Values, map[string]any) {
		f, m := referralForm(fw), w.referral()
		change(f, m)
		return f, m
	}
	manyChildren := func(f url.Values, m map[string]any) {
		var kids []any
		for i := range 5000 {
			f.Set("child_first_name_"+strconv.Itoa(i), "Cai")
			kids = append(kids, map[string]any{"first_name": "Cai", "school_id": w.school})
		}
		m["children"] = kids
	}
	event := func(date string) (url.Values, map[string]any) {
		return url.Values{"prison_id": {fmt.Sprint(w.prison)}, "title": {"Showcase"}, "date": {date}, "time": {"13:30"},
				"slot_minutes": {"10"}, "slots": {"12"}, "arrival_minutes": {"45"}},
			map[string]any{"prison_id": w.prison, "title": "Showcase", "date": date, "time": "13:30", "slot_minutes": 10, "slots": 12, "arrival_minutes": 45}
	}
	session := func(attendees int) (url.Values, map[string]any) {
		return url.Values{"delivered_on": {"2026-11-20"}, "delivered_by": {"Coordinator"}, "attendees": {strconv.Itoa(attendees)}, "route": {"in_person"}},
			map[string]any{"delivered_on": "2026-11-20", "delivered_by": "Coordinator", "attendees": attendees, "route": "in_person"}
	}
	type body struct {
		form url.Values
		json any
	}
	pair := func(f url.Values, m any) body { return body{f, m} }
	cases := []struct {
		name                string
		pagePath, apiPath   string
		in                  body
		pageField, apiField string
		words               string
	}{
		{"1.9 MB parent name", "/families", "/api/v1/families",
			pair(referral(func(f url.Values, m map[string]any) {
				f.Set("parent_name", strings.Repeat("x", 1900<<10))
				m["parent_name"] = strings.Repeat("x", 1900<<10)
			})), "parent_name", "parent_name", "Parent's full name must be 100 characters or fewer"},
		{"5,000 children", "/families", "/api/v1/families", pair(referral(manyChildren)), "child_first_name", "children", "Children: enter 12 or fewer"},
		{"NUL byte", "/families", "/api/v1/families",
			pair(referral(func(f url.Values, m map[string]any) {
				f.Set("carer_name", "Seren\x00")
				m["carer"].(map[string]any)["name"] = "Seren\x00"
			})), "carer_name", "carer.name", "hidden control character"},
		{"lone surrogate", "/families", "/api/v1/families",
			body{referral2(fw, "notes", "a \xed\xa0\x80"), strings.Replace(mustJSON(t, w.referral()), `"Rhodri Example"`, `"Rhodri \ud800"`, 1)},
			"notes", "parent_name", "could not be read"},
		{"year 0000 referral", "/families", "/api/v1/families",
			pair(referral(func(f url.Values, m map[string]any) {
				f.Set("referred_on", "0000-01-01")
				m["referred_on"] = "0000-01-01"
			})), "referred_on", "referred_on", "Date of referral must be on or after 2016-11-23"},
		{"showcase on 9999-12-31", "/events", "/api/v1/events", pair(event("9999-12-31")), "date", "date", "between 2025-11-23 and 2029-11-23"},
		{"2^62 attendees", school + "/sessions", w.schoolPath() + "/sessions", pair(session(1 << 62)), "attendees", "attendees", "from 1 to 500"},
	}
	saved := func() string {
		cases, err := a.store.Cases(t.Context(), domain.Unrestricted, 0)
		require.NoError(t, err)
		events, err := a.store.Events(t.Context(), domain.Unrestricted)
		require.NoError(t, err)
		sessions, err := a.store.SchoolSessions(t.Context(), w.school)
		require.NoError(t, err)
		return fmt.Sprint(len(cases), len(events), len(sessions))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := page.post(tc.pagePath, tc.in.form)
			require.Equal(t, http.StatusBadRequest, r.code, "page")
			assert.Contains(t, html.UnescapeString(r.body), tc.words, "page")
			assert.Equal(t, "0 0 0", saved(), "page: nothing saved")

			ar := api.call(http.MethodPost, tc.apiPath, tc.in.json)
			require.Equal(t, http.StatusBadRequest, ar.code, ar.body)
			assert.Equal(t, tc.apiField, ar.json(t)["field"])
			assert.Contains(t, ar.body, tc.words)
			assert.Equal(t, "0 0 0", saved(), "API: nothing saved")
		})
	}
	t.Run("in Welsh", func(t *testing.T) {
		api.lang = "cy"
		defer func() { api.lang = "" }()
		_, m := referral(func(_ url.Values, m map[string]any) { m["parent_name"] = "Rhodri\x00" })
		r := api.call(http.MethodPost, "/api/v1/families", m)
		require.Equal(t, http.StatusBadRequest, r.code)
		assert.Contains(t, r.json(t)["error"], "Mae Enw llawn y rhiant yn cynnwys nod rheoli cudd")
	})
}

func referral2(w familyWorld, field, value string) url.Values {
	f := referralForm(w)
	f.Set(field, value)
	return f
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// A hall form with no rows once panicked ("negative Repeat count") and
// one with thousands was cut short silently: both are refused with a
// message, and the saved hall stays as it was.
func TestHallFormRowCountIsChecked(t *testing.T) {
	a := newTestApp(t)
	w := a.allocShowcase(6)
	c := a.user(domain.RoleCoordinator)
	require.Equal(t, http.StatusOK, c.post(w.prisonPath, hallForm([]string{"T1", "T2"}, nil, nil)).code)
	cases := []struct {
		name  string
		form  url.Values
		words string
	}{
		{"no rows at all", url.Values{}, "Add at least one table"},
		{"zero rows", url.Values{"rows": {"0"}}, "Add at least one table"},
		{"negative rows", url.Values{"rows": {"-5"}}, "Add at least one table"},
		{"only spare rows", url.Values{"rows": {"3"}}, "Add at least one table"},
		{"too many rows", url.Values{"rows": {"5000"}, "label_0": {"T1"}}, "A hall can have at most 200 tables"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(w.prisonPath, tc.form)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Contains(t, r.body, tc.words)
			assert.Contains(t, r.body, `href="#f-label_0"`, "the summary links to a row to fill in")
			assert.Contains(t, r.body, `id="f-label_0"`)
			tables, err := a.store.HallTables(t.Context(), w.prison)
			require.NoError(t, err)
			assert.Len(t, tables, 2, "the hall is unchanged")
		})
	}
}

// Lists in an API body are bounded by the same table: a hall may send as
// many tables as the form may, and no more.
func TestAPIListsAreBoundedLikeForms(t *testing.T) {
	for _, tc := range []struct {
		field string
		n     int
		ok    bool
	}{
		{"tables", domain.MaxHallTables, true},
		{"tables", domain.MaxHallTables + 1, false},
		{"children", domain.MaxChildren, true},
		{"children", domain.MaxChildren + 1, false},
		{"teacher_ids", domain.MaxListItems, true},
		{"teacher_ids", domain.MaxListItems + 1, false},
	} {
		var p domain.Problems
		domain.CheckCount(&p, tc.field, tc.n)
		assert.Equal(t, tc.ok, p.Err() == nil, "%s × %d", tc.field, tc.n)
	}
}
