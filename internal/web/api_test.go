package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func TestAPITokenLoginAndLogout(t *testing.T) {
	a := newTestApp(t)
	a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)

	anon := a.api()
	wrong := anon.call(http.MethodPost, "/api/v1/session", map[string]any{"email": "api-coordinator@example.org", "password": "not the password"})
	unknown := anon.call(http.MethodPost, "/api/v1/session", map[string]any{"email": "nobody@example.org", "password": "not the password"})
	assert.Equal(t, http.StatusUnauthorized, wrong.code)
	assert.Equal(t, wrong.body, unknown.body, "an unknown email is indistinguishable from a wrong password")
	assert.Contains(t, wrong.json(t)["error"], "not right")
	assert.Equal(t, "application/json", strings.Split(wrong.header.Get("Content-Type"), ";")[0])

	r := anon.call(http.MethodPost, "/api/v1/session", map[string]any{"email": "API-Coordinator@example.org", "password": testPassword})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	body := r.json(t)
	assert.NotEmpty(t, body["token"])
	assert.Equal(t, testNow.Add(12*time.Hour).Format(time.RFC3339), body["expires_at"])
	assert.Equal(t, "coordinator", body["user"].(map[string]any)["role"])
	assert.NotContains(t, r.body, "$2a$", "no password hash ever leaves the server")

	assert.Equal(t, http.StatusOK, c.call(http.MethodGet, "/api/v1/families", nil).code)
	assert.Equal(t, http.StatusNoContent, c.call(http.MethodDelete, "/api/v1/session", nil).code)
	r = c.call(http.MethodGet, "/api/v1/families", nil)
	assert.Equal(t, http.StatusUnauthorized, r.code, "the token no longer works")
	assert.Equal(t, "Sign in to continue", r.json(t)["error"])
}

func TestAPIAuthenticationAndRoles(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	coord := a.apiAs(domain.RoleCoordinator)
	fam := coord.family(w)
	clients := map[domain.Role]*apiClient{
		domain.RoleCoordinator:  coord,
		domain.RolePrisonStaff:  a.apiAs(domain.RolePrisonStaff),
		domain.RoleCommissioner: a.apiAs(domain.RoleCommissioner),
		domain.RoleAdmin:        a.apiAs(domain.RoleAdmin),
		"":                      a.api(),
	}
	cases := []struct {
		name   string
		role   domain.Role
		method string
		path   string
		body   any
		want   int
	}{
		{"no token", "", http.MethodGet, "/api/v1/families", nil, http.StatusUnauthorized},
		{"no token, write", "", http.MethodPost, fam + "/consent", consentBody("given"), http.StatusUnauthorized},
		{"bad token", "bogus", http.MethodGet, "/api/v1/families", nil, http.StatusUnauthorized},
		{"commissioner may not refer", domain.RoleCommissioner, http.MethodPost, "/api/v1/families", w.referral(), http.StatusForbidden},
		{"commissioner may not see families", domain.RoleCommissioner, http.MethodGet, fam, nil, http.StatusForbidden},
		{"prison staff may not record consent", domain.RolePrisonStaff, http.MethodPost, fam + "/consent", consentBody("given"), http.StatusForbidden},
		{"prison staff may not see the full case", domain.RolePrisonStaff, http.MethodGet, fam, nil, http.StatusForbidden},
		{"prison staff may not see schools", domain.RolePrisonStaff, http.MethodGet, "/api/v1/schools", nil, http.StatusForbidden},
		{"prison staff see the clearance list", domain.RolePrisonStaff, http.MethodGet, "/api/v1/clearance", nil, http.StatusOK},
		{"prison staff do not see a family before the clearance stage", domain.RolePrisonStaff, http.MethodPost, fam + "/clearance", clearanceBody(), http.StatusNotFound},
		{"nor change its custody", domain.RolePrisonStaff, http.MethodPost, fam + "/custody", map[string]any{"status": "held"}, http.StatusNotFound},
		{"commissioner may not record custody", domain.RoleCommissioner, http.MethodPost, fam + "/custody", map[string]any{"status": "held"}, http.StatusForbidden},
		{"admin does coordinator work", domain.RoleAdmin, http.MethodGet, fam, nil, http.StatusOK},
		{"the API description is public", "", http.MethodGet, "/api/v1/openapi.yaml", nil, http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := clients[tc.role]
			if tc.role == "bogus" {
				c = &apiClient{t: t, base: a.srv.URL, token: "not-a-token"}
			}
			r := c.call(tc.method, tc.path, tc.body)
			assert.Equal(t, tc.want, r.code, r.body)
			if tc.want >= 400 {
				assert.NotEmpty(t, r.json(t)["error"])
			}
		})
	}
}

func TestAPIUnknownRecordsAre404(t *testing.T) {
	a := newTestApp(t)
	a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/api/v1/families/999"},
		{http.MethodGet, "/api/v1/families/not-a-number"},
		{http.MethodPost, "/api/v1/families/999/consent"},
		{http.MethodPost, "/api/v1/families/999/clearance"},
		{http.MethodPost, "/api/v1/families/999/custody"},
		{http.MethodGet, "/api/v1/schools/999"},
		{http.MethodPost, "/api/v1/schools/999/sessions"},
		{http.MethodGet, "/api/v1/events/999"},
		{http.MethodGet, "/api/v1/nothing-here"},
	} {
		var body any
		switch {
		case strings.HasSuffix(tc.path, "/consent"):
			body = consentBody("given")
		case strings.HasSuffix(tc.path, "/clearance"):
			body = clearanceBody()
		case strings.HasSuffix(tc.path, "/custody"):
			body = map[string]any{"status": "held"}
		case strings.HasSuffix(tc.path, "/sessions"):
			body = sessionBody()
		}
		r := c.call(tc.method, tc.path, body)
		assert.Equal(t, http.StatusNotFound, r.code, "%s %s: %s", tc.method, tc.path, r.body)
		assert.Contains(t, r.json(t)["error"], "not found", tc.path)
	}
}

// step is one workflow request in a gate scenario; path is relative to the
// family unless it starts with "/".
type step struct {
	path string
	body func(w apiWorld, child int64) map[string]any
}

var (
	giveConsent     = step{"/consent", func(apiWorld, int64) map[string]any { return consentBody("given") }}
	withdrawConsent = step{"/consent", func(apiWorld, int64) map[string]any { return consentBody("withdrawn") }}
	agree           = step{"/agreement", func(w apiWorld, _ int64) map[string]any { return w.agreementBody() }}
	holdSession     = step{"school", func(apiWorld, int64) map[string]any { return sessionBody() }}
	recordVoice     = step{"/voice", func(w apiWorld, child int64) map[string]any { return w.voiceBody(child) }}
	clear           = step{"/clearance", func(apiWorld, int64) map[string]any { return clearanceBody() }}
)

func (c *apiClient) take(w apiWorld, fam string, child int64, s step) apiResp {
	c.t.Helper()
	path := fam + s.path
	if s.path == "school" {
		path = w.schoolPath() + "/sessions"
	}
	return c.call(http.MethodPost, path, s.body(w, child))
}

// Every gate refuses a step taken out of order with a 409 naming the gate,
// and the refused step leaves no trace.
func TestAPIGatesRefuseOutOfOrderSteps(t *testing.T) {
	cases := []struct {
		name  string
		done  []step
		try   step
		gate  domain.Gate
		words string
	}{
		{"agreement before consent", nil, agree, domain.GateConsent, "has not given consent"},
		{"voice before consent", nil, recordVoice, domain.GateConsent, "has not given consent"},
		{"withdrawal without consent", nil, withdrawConsent, domain.GateConsent, "no consent to withdraw"},
		{"clearance before consent", nil, clear, domain.GateConsent, "has not given consent"},
		{"session before agreement", []step{giveConsent}, holdSession, domain.GateAgreement, "No headteacher"},
		{"clearance before agreement", []step{giveConsent}, clear, domain.GateAgreement, "headteacher has not agreed"},
		{"clearance before session", []step{giveConsent, agree}, clear, domain.GateAwareness, "awareness session"},
		{"clearance before voice", []step{giveConsent, agree, holdSession}, clear, domain.GateVoice, "Cai's views"},
		{"consent twice", []step{giveConsent}, giveConsent, domain.GateConsent, "already recorded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestApp(t)
			w := a.apiSeed()
			c := a.apiAs(domain.RoleCoordinator)
			fam := c.family(w)
			child := c.childID(fam)
			for _, s := range tc.done {
				r := c.take(w, fam, child, s)
				require.Equal(t, http.StatusCreated, r.code, r.body)
			}
			before := c.call(http.MethodGet, fam, nil).json(t)
			r := c.take(w, fam, child, tc.try)
			require.Equal(t, http.StatusConflict, r.code, r.body)
			body := r.json(t)
			assert.Equal(t, string(tc.gate), body["gate"])
			assert.Contains(t, body["error"], tc.words)
			assert.Equal(t, before, c.call(http.MethodGet, fam, nil).json(t), "a refused step changes nothing")
			sessions, err := a.store.SchoolSessions(t.Context(), w.school)
			require.NoError(t, err)
			assert.Len(t, sessions, countSteps(tc.done, holdSession))
		})
	}
}

func countSteps(steps []step, s step) int {
	n := 0
	for _, x := range steps {
		if x.path == s.path {
			n++
		}
	}
	return n
}

// Withdrawing consent stops everything downstream: no later step passes,
// and the school's agreement no longer stands for a session.
func TestAPIConsentWithdrawalStopsDownstream(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)
	fam := c.family(w)
	child := c.childID(fam)
	for _, s := range []step{giveConsent, agree, withdrawConsent} {
		r := c.take(w, fam, child, s)
		require.Equal(t, http.StatusCreated, r.code, r.body)
	}
	progress := c.call(http.MethodGet, fam, nil).json(t)["progress"].(map[string]any)
	assert.Equal(t, "withdrawn", progress["stage"])
	assert.Equal(t, false, progress["consent_stands"])

	for _, tc := range []struct {
		s    step
		gate domain.Gate
	}{{agree, domain.GateConsent}, {recordVoice, domain.GateConsent}, {clear, domain.GateConsent}, {holdSession, domain.GateAgreement}, {withdrawConsent, domain.GateConsent}} {
		r := c.take(w, fam, child, tc.s)
		assert.Equal(t, http.StatusConflict, r.code, "%s: %s", tc.s.path, r.body)
		assert.Equal(t, string(tc.gate), r.json(t)["gate"], tc.s.path)
	}
	prison := a.apiAs(domain.RolePrisonStaff)
	r := prison.call(http.MethodPost, fam+"/clearance", map[string]any{"outcome": "refused", "reason_category": "security", "occurred_on": "2026-11-23"})
	assert.Equal(t, http.StatusNotFound, r.code, "prison staff no longer see a family whose carer withdrew consent")
}

// A referral taken all the way to "ready for allocation" through the API,
// with the school and its teacher added through the API too.
func TestAPIReferralToReady(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)

	r := c.call(http.MethodPost, "/api/v1/schools", map[string]any{"name": "Ysgol Glan Môr", "type": "pru", "language_medium": "bilingual",
		"local_authority_id": w.la, "head_name": "Mr Hughes", "head_email": "head@glanmor.example.org", "lang": "cy", "distance_miles": 7})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	w.school = int64(r.json(t)["id"].(float64))
	assert.Equal(t, w.schoolPath(), r.header.Get("Location"))
	r = c.call(http.MethodPost, w.schoolPath()+"/teachers", map[string]any{"name": "Ms Lewis", "email": "lewis@glanmor.example.org", "role": "tutor", "lang": "cy"})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	w.teacher = int64(r.json(t)["id"].(float64))

	fam := c.family(w)
	assert.Equal(t, "/api/v1/families/1", fam)
	child := c.childID(fam)
	next := []string{}
	for _, s := range []step{giveConsent, agree, holdSession, recordVoice} {
		r := c.take(w, fam, child, s)
		require.Equal(t, http.StatusCreated, r.code, "%s: %s", s.path, r.body)
		if s.path != "school" {
			next = append(next, r.json(t)["progress"].(map[string]any)["next"].(string))
		}
	}
	assert.Equal(t, []string{"next.ask_head", "next.run_session", "next.request_clearance"}, next)

	prison := a.apiAs(domain.RolePrisonStaff)
	list := prison.call(http.MethodGet, "/api/v1/clearance", nil).list(t)
	require.Len(t, list, 1)
	assert.Equal(t, true, list[0]["awaiting_clearance"])
	r = prison.call(http.MethodPost, fam+"/clearance", clearanceBody())
	require.Equal(t, http.StatusCreated, r.code, r.body)
	for _, hidden := range []string{"school", "needs_quiet", "voice", "Year 4", "Cai", "may_know", "07700"} {
		assert.NotContains(t, r.body, hidden, "prison staff see only what clearance needs")
	}
	assert.Equal(t, "cleared", r.json(t)["clearance"].(map[string]any)["outcome"])

	got := c.call(http.MethodGet, fam, nil).json(t)
	progress := got["progress"].(map[string]any)
	assert.Equal(t, "ready", progress["stage"])
	assert.Equal(t, "Ready to allocate to a showcase", progress["next_text"])
	steps := got["steps"].([]any)
	require.Len(t, steps, 3)
	consent := steps[0].(map[string]any)
	assert.Equal(t, "phone", consent["route"], "how")
	assert.Equal(t, "2026-11-21", consent["occurred_on"], "when")
	assert.Equal(t, "API coordinator", consent["recorded_by"].(map[string]any)["name"], "who")
	school := progress["schools"].([]any)[0].(map[string]any)
	assert.Equal(t, true, school["agreed"])
	assert.NotNil(t, school["session"])
	voice := got["children"].([]any)[0].(map[string]any)["voice"].(map[string]any)
	assert.Equal(t, "yes", voice["wants_to_attend"])
	assert.Len(t, voice["may_know"], 1)

	items := c.call(http.MethodGet, "/api/v1/families", nil).list(t)
	require.Len(t, items, 1)
	assert.Equal(t, "ready", items[0]["stage"])
	assert.Equal(t, float64(1), items[0]["children_taking_part"])

	// A transfer takes the family off "ready" until the parent is back.
	r = prison.call(http.MethodPost, fam+"/custody", map[string]any{"status": "transferred"})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, "on_hold", c.call(http.MethodGet, fam, nil).json(t)["progress"].(map[string]any)["stage"])

	detail := c.call(http.MethodGet, w.schoolPath(), nil).json(t)
	assert.Equal(t, true, detail["head_agreed"])
	assert.Len(t, detail["teachers"], 1)
	assert.Len(t, detail["sessions"], 1)
}

func TestAPIEvents(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)
	r := c.call(http.MethodPost, "/api/v1/events", map[string]any{"prison_id": w.prison, "title": "Winter showcase", "date": "2026-12-05",
		"time": "10:00", "slot_minutes": 10, "slots": 12, "arrival_minutes": 45})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	ev := r.json(t)
	assert.Equal(t, "2026-12-05T10:00:00Z", ev["starts_at"], "December is GMT")
	assert.Equal(t, "2026-12-05T12:00:00Z", ev["ends_at"])
	assert.Equal(t, "planning", ev["status"])
	r = c.call(http.MethodGet, r.header.Get("Location"), nil)
	assert.Equal(t, http.StatusOK, r.code)
	assert.Len(t, c.call(http.MethodGet, "/api/v1/events", nil).list(t), 1)

	r = c.call(http.MethodPost, "/api/v1/events", map[string]any{"prison_id": w.prison, "title": "Past", "date": "2026-01-05", "time": "10:00",
		"slot_minutes": 10, "slots": 12})
	require.Equal(t, http.StatusBadRequest, r.code)
	fields := fieldNames(r.json(t))
	assert.Equal(t, []string{"date", "arrival_minutes"}, fields)
	assert.Len(t, c.call(http.MethodGet, "/api/v1/events", nil).list(t), 1, "nothing saved")
}

func fieldNames(body map[string]any) []string {
	var out []string
	for _, f := range body["fields"].([]any) {
		out = append(out, f.(map[string]any)["field"].(string))
	}
	return out
}

// Bad input is a 400 naming the field, and nothing is saved.
func TestAPIBadReferralSavesNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)
	with := func(change func(m map[string]any)) map[string]any {
		m := w.referral()
		change(m)
		return m
	}
	cases := []struct {
		name  string
		body  any
		field string
		words string
	}{
		{"missing parent", with(func(m map[string]any) { delete(m, "parent_name") }), "parent_name", "Enter this information"},
		{"bad carer email", with(func(m map[string]any) { m["carer"].(map[string]any)["email"] = "seren.example" }), "carer.email", "correct format"},
		{"no children", with(func(m map[string]any) { m["children"] = []any{} }), "children", "at least one child"},
		{"blank child", with(func(m map[string]any) { m["children"] = []any{map[string]any{"school_id": w.school}} }), "children", ""},
		{"unknown school", with(func(m map[string]any) { m["children"].([]any)[0].(map[string]any)["school_id"] = 99 }), "children[0].school_id", "no school with this ID"},
		{"unknown prison", with(func(m map[string]any) { m["prison_id"] = 99 }), "prison_id", "no prison with this ID"},
		{"future referral", with(func(m map[string]any) { m["referred_on"] = "2027-01-01" }), "referred_on", "today or in the past"},
		{"date as a number", with(func(m map[string]any) { m["referred_on"] = 20261120 }), "referred_on", "referred_on: expected a string like 2026-11-23"},
		{"id as a string", with(func(m map[string]any) { m["prison_id"] = "HMP Example" }), "prison_id", "expected a whole number"},
		{"nested type", with(func(m map[string]any) { m["children"].([]any)[0].(map[string]any)["needs_quiet"] = "yes" }), "children.needs_quiet", "expected true or false"},
		{"unknown field", with(func(m map[string]any) { m["offence"] = "not needed" }), "offence", "offence is not a field"},
		{"unknown nested field", with(func(m map[string]any) { m["carer"].(map[string]any)["address"] = "1 High St" }), "address", "not a field"},
		{"malformed JSON", `{"parent_name": "Rhodri",}`, "", "not valid JSON"},
		{"truncated JSON", `{"parent_name": "Rhodri"`, "", "before the JSON is complete"},
		{"two objects", `{} {}`, "", "one JSON object only"},
		{"a list", `[]`, "", "must be a JSON object"},
		{"empty body", ` `, "", "body is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.call(http.MethodPost, "/api/v1/families", tc.body)
			require.Equal(t, http.StatusBadRequest, r.code, r.body)
			body := r.json(t)
			if tc.field != "" {
				assert.Equal(t, tc.field, body["field"], r.body)
			} else {
				assert.NotContains(t, body, "field")
			}
			assert.Contains(t, body["error"], tc.words)
			cases, err := a.store.Cases(t.Context(), domain.Unrestricted, 0)
			require.NoError(t, err)
			assert.Empty(t, cases, "nothing saved")
		})
	}

	t.Run("every problem at once", func(t *testing.T) {
		r := c.call(http.MethodPost, "/api/v1/families", with(func(m map[string]any) {
			m["parent_name"] = " "
			m["carer"] = map[string]any{"name": "Seren", "relationship": "aunt", "lang": "cy"}
			m["children"].([]any)[0].(map[string]any)["school_id"] = 99
		}))
		require.Equal(t, http.StatusBadRequest, r.code)
		assert.Equal(t, []string{"parent_name", "carer.relationship", "carer.phone", "children[0].school_id"}, fieldNames(r.json(t)))
	})

	t.Run("too large", func(t *testing.T) {
		r := c.call(http.MethodPost, "/api/v1/families", `{"notes": "`+strings.Repeat("x", 3<<20)+`"}`)
		assert.Equal(t, http.StatusRequestEntityTooLarge, r.code)
		assert.Contains(t, r.json(t)["error"], "The request is too large: send less than 2 MB")
	})

	t.Run("wrong content type", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/api/v1/families", strings.NewReader("parent_name=Rhodri"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r := c.send(req)
		assert.Equal(t, http.StatusUnsupportedMediaType, r.code)
		assert.Contains(t, r.json(t)["error"], "Content-Type: application/json")
	})
}

// Bad step input names the field and records no step.
func TestAPIBadStepInputSavesNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)
	fam := c.family(w)
	child := c.childID(fam)
	require.Equal(t, http.StatusCreated, c.take(w, fam, child, giveConsent).code)
	cases := []struct {
		name, path string
		body       any
		field      string
	}{
		{"consent date in UK order", "/consent", map[string]any{"outcome": "given", "route": "phone", "occurred_on": "23/11/2026"}, "occurred_on"},
		{"consent date as a number", "/consent", map[string]any{"outcome": "withdrawn", "route": "phone", "occurred_on": 2026}, "occurred_on"},
		{"consent unknown route", "/consent", map[string]any{"outcome": "withdrawn", "route": "pigeon", "occurred_on": "2026-11-23"}, "route"},
		{"agreement without school", "/agreement", map[string]any{"outcome": "agreed", "route": "email", "occurred_on": "2026-11-23"}, "school_id"},
		{"agreement without teacher", "/agreement", map[string]any{"school_id": w.school, "outcome": "agreed", "route": "email", "occurred_on": "2026-11-23"}, "teacher_ids"},
		{"agreement teacher ids as text", "/agreement", map[string]any{"school_id": w.school, "teacher_ids": "1"}, "teacher_ids"},
		{"voice for another family's child", "/voice", w.voiceBody(child + 100), "child_id"},
		{"voice without how", "/voice", map[string]any{"child_id": child, "wants_to_attend": "yes", "occurred_on": "2026-11-23"}, "obtained_how"},
		{"clearance refused without reason", "/clearance", map[string]any{"outcome": "refused", "occurred_on": "2026-11-23"}, "reason_category"},
		{"custody status unknown", "/custody", map[string]any{"status": "escaped"}, "status"},
		{"custody release date", "/custody", map[string]any{"status": "held", "release_date": "next spring"}, "release_date"},
	}
	before := c.call(http.MethodGet, fam, nil).json(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.call(http.MethodPost, fam+tc.path, tc.body)
			require.Equal(t, http.StatusBadRequest, r.code, r.body)
			assert.Equal(t, tc.field, r.json(t)["field"], r.body)
			assert.Equal(t, before, c.call(http.MethodGet, fam, nil).json(t), "nothing saved")
		})
	}
	r := c.call(http.MethodPost, w.schoolPath()+"/sessions", map[string]any{"delivered_on": "2026-11-23", "delivered_by": "", "attendees": 0, "route": "in_person"})
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, []string{"delivered_by", "attendees"}, fieldNames(r.json(t)))
	r = c.call(http.MethodPost, w.schoolPath()+"/teachers", map[string]any{"name": "Ms Lewis", "role": "dinner_lady", "lang": "cy"})
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, []string{"email", "role"}, fieldNames(r.json(t)))
	teachers, _ := a.store.Teachers(t.Context(), w.school)
	assert.Len(t, teachers, 1)
}

func TestAPIErrorsInWelsh(t *testing.T) {
	a := newTestApp(t)
	w := a.apiSeed()
	c := a.apiAs(domain.RoleCoordinator)
	fam := c.family(w)
	c.lang = "cy"

	r := c.call(http.MethodPost, fam+"/agreement", w.agreementBody())
	require.Equal(t, http.StatusConflict, r.code)
	assert.Contains(t, r.json(t)["error"], "Nid yw'r gofalwr wedi rhoi caniatâd")

	r = c.call(http.MethodPost, fam+"/consent", map[string]any{"outcome": "given", "route": "phone", "occurred_on": 23})
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "occurred_on: roedd disgwyl testun fel 2026-11-23", r.json(t)["error"])

	r = c.call(http.MethodPost, fam+"/consent", map[string]any{"outcome": "given", "route": "phone"})
	assert.Equal(t, "Rhowch yr wybodaeth hon", r.json(t)["error"])

	item := c.call(http.MethodGet, "/api/v1/families", nil).list(t)[0]
	assert.Equal(t, "next.get_consent", item["next"], "the machine-readable key does not change with language")
	assert.NotEqual(t, "Ask the carer for consent", item["next_text"])

	anon := a.api()
	anon.lang = "cy-GB,cy;q=0.9,en;q=0.5"
	assert.Equal(t, "Mewngofnodwch i barhau", anon.call(http.MethodGet, "/api/v1/families", nil).json(t)["error"])

	c.lang = "en-GB"
	r = c.call(http.MethodPost, fam+"/agreement", w.agreementBody())
	assert.Contains(t, r.json(t)["error"], "The carer has not given consent")
}

func TestAPIChangeFamilyDetails(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	clients := a.twoPrisonClients(w)
	fam := "/api/v1/families/" + id(w.A.ready)
	details := func(change func(m map[string]any)) map[string]any {
		m := map[string]any{"parent_name": "Parent Alpharenamed", "referral_source": "parent", "referred_on": "2026-11-01",
			"carer": map[string]any{"name": "Carer Alphaready", "relationship": "parent", "phone": "07700 900123", "lang": "cy", "distance_miles": 14}}
		if change != nil {
			change(m)
		}
		return m
	}
	runAPICases(t, clients, []apiCase{
		{"prison staff do not change referrals", "staffA", http.MethodPut, fam + "/details", details(nil), http.StatusForbidden, ""},
		{"another prison's family is not found", "coordB", http.MethodPut, fam + "/details", details(nil), http.StatusNotFound, ""},
		{"a parent needs a name", "coordA", http.MethodPut, fam + "/details", details(func(m map[string]any) { m["parent_name"] = " " }), http.StatusBadRequest, "parent_name"},
		{"the carer's distance is a whole number of miles", "coordA", http.MethodPut, fam + "/details",
			details(func(m map[string]any) { m["carer"].(map[string]any)["distance_miles"] = -3 }), http.StatusBadRequest, "carer.distance_miles"},
		{"the carer's name, named by path", "coordA", http.MethodPut, fam + "/details",
			details(func(m map[string]any) { m["carer"].(map[string]any)["name"] = "" }), http.StatusBadRequest, "carer.name"},
	})
	r := clients["coordA"].call(http.MethodPut, fam+"/details", details(nil))
	require.Equal(t, http.StatusOK, r.code, r.body)
	body := r.json(t)
	assert.Equal(t, "Parent Alpharenamed", body["parent_name"])
	assert.Equal(t, "cy", body["carers"].([]any)[0].(map[string]any)["lang"])
}
