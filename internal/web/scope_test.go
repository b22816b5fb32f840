package web

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/packs"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
)

func id(n int64) string { return strconv.FormatInt(n, 10) }

// assertNoMarkers fails if body carries any of the other prison's words,
// except those the request itself sent (a form shown again with its
// error echoes what was typed, and says nothing new).
func assertNoMarkers(t *testing.T, body string, w prisonWorld, what string, sent ...string) {
	t.Helper()
	for _, m := range w.markers {
		if !slices.Contains(sent, m) {
			assert.NotContains(t, body, m, "%s shows %q of HMP %s", what, m, w.name)
		}
	}
}

// Issue 8, defect 7: a prison_staff account made for a second prison read
// the first prison's clearance list, recorded clearance there and marked a
// parent "transferred", which took the family out of the showcase and
// queued "please do not travel" emails. Every one of those is now refused
// as not found, and nothing changes.
func TestPrisonStaffOfAnotherPrisonReachNothing(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	staffB := a.userIn(domain.RolePrisonStaff, "B", w.B.prison)
	before := a.counts()
	require.Positive(t, before["outbox"], "the showcase has invitations, so a stand-down would queue emails")

	r := staffB.page.get("/clearance")
	require.Equal(t, http.StatusOK, r.code)
	assertNoMarkers(t, r.body, w.A, "the clearance list")
	assert.Contains(t, r.body, "Parent Betaready", "their own prison's family is on their list")
	ar := staffB.api.call(http.MethodGet, "/api/v1/clearance", nil)
	require.Equal(t, http.StatusOK, ar.code)
	assertNoMarkers(t, ar.body, w.A, "the clearance API")
	assert.Len(t, ar.list(t), 1)

	fam := "/families/" + id(w.A.ready)
	for _, path := range []string{fam + "/clearance", fam + "/custody", "/events/" + id(w.A.event) + "/runsheet.pdf"} {
		r := staffB.page.get(path)
		assert.Equal(t, http.StatusNotFound, r.code, path)
		assertNoMarkers(t, r.body, w.A, path)
	}
	// Transfer first: on the old code this stood the family down and
	// queued "please do not travel" to the carer and the school.
	api := "/api/v1/families/" + id(w.A.ready)
	ar = staffB.api.call(http.MethodPost, api+"/custody", map[string]any{"status": "transferred"})
	assert.Equal(t, http.StatusNotFound, ar.code)
	assertNoMarkers(t, ar.body, w.A, "the custody API's answer")
	assert.Equal(t, http.StatusNotFound, staffB.page.post(fam+"/custody", url.Values{"status": {"transferred"}}).code)
	refuse := url.Values{"outcome": {"refused"}, "reason_category": {"security"}, "occurred_on": {"2026-11-23"}}
	assert.Equal(t, http.StatusNotFound, staffB.page.post(fam+"/clearance", refuse).code)
	assert.Equal(t, http.StatusNotFound, staffB.api.call(http.MethodPost, api+"/clearance", map[string]any{"outcome": "refused", "reason_category": "security", "occurred_on": "2026-11-23"}).code)

	assert.Equal(t, before, a.counts(), "nothing recorded, nobody stood down, no email queued")

	// Their own prison's family, at the clearance stage, is theirs to act on.
	r = staffB.page.post("/families/"+id(w.B.ready)+"/custody", url.Values{"status": {"held"}, "release_date": {"2027-06-01"}})
	assert.Equal(t, "/clearance", r.location, r.body)
}

// Prison staff see a family only from the clearance stage on: before the
// carer consents and the school steps are done, opening it by ID is not
// found, on pages and API alike.
func TestPrisonStaffCannotOpenAFamilyBeforeConsent(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	staffA := a.userIn(domain.RolePrisonStaff, "A", w.A.prison)

	early := "/families/" + id(w.A.referred)
	for _, path := range []string{early + "/clearance", early + "/custody"} {
		assert.Equal(t, http.StatusNotFound, staffA.page.get(path).code, path)
	}
	api := "/api/v1/families/" + id(w.A.referred)
	assert.Equal(t, http.StatusNotFound, staffA.api.call(http.MethodPost, api+"/custody", map[string]any{"status": "held"}).code)
	assert.Equal(t, http.StatusNotFound, staffA.api.call(http.MethodPost, api+"/clearance", map[string]any{"outcome": "refused", "reason_category": "security", "occurred_on": "2026-11-23"}).code)
	r := staffA.page.get("/clearance")
	assert.NotContains(t, r.body, "Parent Alphanew")
	assert.NotContains(t, r.body, "A2222AA")
	r = staffA.page.get("/keep-apart")
	assert.NotContains(t, r.body, refOf(t, a, w.A.referred), "a pair naming a family they may not see is not theirs either")

	// The family at the clearance stage is there.
	r = staffA.page.get("/families/" + id(w.A.ready) + "/clearance")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Parent Alpharead")
}

// The run sheet goes to prison staff: it names no school, so no school
// type (a PRU here) reaches them.
func TestRunSheetCarriesNoSchoolType(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	staffA := a.userIn(domain.RolePrisonStaff, "A", w.A.prison)
	r := staffA.page.get("/events/" + id(w.A.event) + "/runsheet.pdf")
	require.Equal(t, http.StatusOK, r.code)
	text := extractPDF(t, []byte(r.body))
	require.Contains(t, text, "Parent Alphaready", "the family is seated, so the run sheet lists them")
	for _, label := range []string{"Ysgol Alpha", "PRU", "Pupil referral", "pupil referral", "Special", "special school", "EOTAS", "otherwise than"} {
		assert.NotContains(t, text, label)
	}
}

// scopeRoute says how the route × role × prison test reaches a route with
// the other prison's records, and what counts as keeping them out.
type scopeRoute struct {
	kind routeKind
	// insider is what prison A's own accounts get on a GET, when not 200.
	insider int
	form    url.Values     // page POST body: valid, so only scope can refuse it
	json    map[string]any // API POST body, likewise
	csv     string         // API POST body sent as a CSV file instead
}

type routeKind int

const (
	byPublic    routeKind = iota // no account, no records of a prison
	byListing                    // lists records: nothing of the other prison in it
	byFamilyID                   // :id is a family
	byEventID                    // :id is a showcase
	byPrisonID                   // :id is a prison
	byOutboxID                   // :id or :file is an outbox message
	byTeacherID                  // :id is a teacher who meets the prison's families
	byCreates                    // names a prison or families in its body: refused, nothing made
	byShared                     // schools, teachers and rates are shared by every prison
	byAccounts                   // administrators only
	byOwn                        // the signed-in account's own settings: no prison's records
)

const day = "2026-11-23"

func scopeRoutes(w prisonWorld) map[string]scopeRoute {
	refuse := url.Values{"outcome": {"refused"}, "reason_category": {"security"}, "occurred_on": {day}}
	return map[string]scopeRoute{
		"GET /healthz": {kind: byPublic}, "GET /login": {kind: byPublic}, "POST /login": {kind: byPublic}, "POST /logout": {kind: byPublic},
		"GET /setup": {kind: byPublic}, "POST /setup": {kind: byPublic}, "GET /feeds/:file": {kind: byPublic},
		// Personal links need no account: the token names one person of one
		// showcase (TestPersonalLinks).
		"GET /l/:token": {kind: byPublic}, "POST /l/:token": {kind: byPublic}, "GET /l/:token/pack.pdf": {kind: byPublic},
		"GET /l/:token/invite.ics": {kind: byPublic}, "POST /l/:token/feed": {kind: byPublic},
		"GET /l/:token/withdraw": {kind: byPublic}, "POST /l/:token/withdraw": {kind: byPublic},
		"GET /l/:token/child/:child": {kind: byPublic}, "POST /l/:token/child/:child": {kind: byPublic},
		"GET /l/:token/travel": {kind: byPublic}, "POST /l/:token/travel": {kind: byPublic},
		"GET /api/v1/openapi.yaml": {kind: byPublic}, "POST /api/v1/session": {kind: byPublic}, "DELETE /api/v1/session": {kind: byPublic},

		"GET /": {kind: byListing}, "GET /clearance": {kind: byListing}, "GET /runsheets": {kind: byListing}, "GET /events": {kind: byListing}, "GET /keep-apart": {kind: byListing},
		"GET /figures": {kind: byListing}, "GET /figures/costs": {kind: byListing}, "GET /figures/costs.xlsx": {kind: byListing}, "GET /figures/costs.csv": {kind: byListing},
		"GET /outbox": {kind: byListing}, "GET /families": {kind: byListing}, "GET /families/new": {kind: byListing},
		"GET /families/import": {kind: byListing}, "GET /families/import/template.csv": {kind: byListing}, "GET /places": {kind: byListing}, "GET /schools": {kind: byListing},
		"GET /costs/rates": {kind: byListing}, "GET /schools/:id": {kind: byListing},
		"GET /api/v1/families": {kind: byListing}, "GET /api/v1/clearance": {kind: byListing}, "GET /api/v1/runsheets": {kind: byListing}, "GET /api/v1/events": {kind: byListing},
		"GET /api/v1/prisons": {kind: byListing}, "GET /api/v1/schools": {kind: byListing}, "GET /api/v1/schools/:id": {kind: byListing},
		"GET /api/v1/local-authorities": {kind: byListing}, "GET /api/v1/keep-apart": {kind: byListing}, "GET /api/v1/outbox": {kind: byListing}, "GET /api/v1/costs/rates": {kind: byListing},
		"GET /api/v1/figures": {kind: byListing}, "GET /api/v1/figures/costs": {kind: byListing}, "GET /api/v1/figures/costs.xlsx": {kind: byListing},
		"GET /api/v1/figures/costs.csv":             {kind: byListing},
		"GET /api/v1/referrals/import/template.csv": {kind: byListing},

		"GET /families/:id": {kind: byFamilyID}, "GET /families/:id/consent": {kind: byFamilyID},
		"POST /families/:id/consent":               {kind: byFamilyID, form: url.Values{"outcome": {"withdrawn"}, "route": {"phone"}, "occurred_on": {day}}},
		"GET /families/:id/agreement/:school":      {kind: byFamilyID},
		"POST /families/:id/agreement/:school":     {kind: byFamilyID, form: url.Values{"outcome": {"declined"}, "route": {"email"}, "occurred_on": {day}}},
		"GET /families/:id/voice/:child":           {kind: byFamilyID},
		"GET /families/:id/children/:child":        {kind: byFamilyID},
		"GET /families/:id/carers/:carer":          {kind: byFamilyID},
		"GET /families/:id/carers":                 {kind: byFamilyID},
		"POST /families/:id/carers":                {kind: byFamilyID, form: url.Values{"name": {"Intruder"}}},
		"POST /api/v1/families/:id/carers":         {kind: byFamilyID, json: map[string]any{"name": "Intruder"}},
		"POST /families/:id/carers/:carer":         {kind: byFamilyID, form: url.Values{"name": {"Intruder"}}},
		"PUT /api/v1/families/:id/carers/:carer":   {kind: byFamilyID, json: map[string]any{"name": "Intruder"}},
		"POST /families/:id/children/:child":       {kind: byFamilyID, form: url.Values{"first_name": {"Intruder"}}},
		"PUT /api/v1/families/:id/children/:child": {kind: byFamilyID, json: map[string]any{"first_name": "Intruder"}},
		"POST /families/:id/voice/:child":          {kind: byFamilyID, form: url.Values{"wants_to_attend": {"no"}, "obtained_how": {"asked"}, "occurred_on": {day}}},
		"GET /families/:id/clearance":              {kind: byFamilyID},
		"POST /families/:id/clearance":             {kind: byFamilyID, form: refuse},
		"GET /families/:id/custody":                {kind: byFamilyID},
		"GET /families/:id/details":                {kind: byFamilyID},
		"POST /families/:id/details": {kind: byFamilyID, form: url.Values{"parent_name": {"Changed"}, "referral_source": {"parent"}, "referred_on": {day},
			"carer_name": {"Changed"}, "carer_relationship": {"parent"}, "carer_phone": {"07700 900000"}, "carer_lang": {"en"}}},
		"POST /families/:id/custody": {kind: byFamilyID, form: url.Values{"status": {"transferred"}}},
		// A wrong confirmation: the prison's own accounts are asked again,
		// others find no family; nobody erases anything here.
		"GET /families/:id/erase":                  {kind: byFamilyID},
		"POST /families/:id/erase":                 {kind: byFamilyID, form: url.Values{"confirm": {"FAM-9999"}}, insider: http.StatusBadRequest},
		"POST /api/v1/families/:id/erase":          {kind: byFamilyID, json: map[string]any{"confirm": "FAM-9999"}, insider: http.StatusBadRequest},
		"GET /families/:id/access":                 {kind: byFamilyID},
		"POST /families/:id/access":                {kind: byFamilyID, form: url.Values{"person": {"uncle"}}, insider: http.StatusBadRequest},
		"POST /api/v1/families/:id/subject-access": {kind: byFamilyID, json: map[string]any{"person": "uncle"}, insider: http.StatusBadRequest},
		"GET /api/v1/families/:id":                 {kind: byFamilyID},
		"PUT /api/v1/families/:id/details": {kind: byFamilyID, json: map[string]any{"parent_name": "Intruder", "referral_source": "parent", "referred_on": day,
			"carer": map[string]any{"name": "Someone", "relationship": "parent", "phone": "07700 900999", "lang": "en"}}},
		// The two-prison world has no conflict to settle, so prison A's own
		// accounts get the form's own not found.
		"GET /families/:id/resolve/:child/:teacher/:kind":  {kind: byFamilyID, insider: http.StatusNotFound},
		"POST /families/:id/resolve/:child/:teacher/:kind": {kind: byFamilyID, form: url.Values{"decided_by": {"both"}, "why": {"agreed"}, "occurred_on": {day}}},
		"POST /api/v1/families/:id/resolve": {kind: byFamilyID, json: map[string]any{"child_id": w.child, "teacher_id": w.teacher, "kind": "not_on_register",
			"decided_by": "both", "why": "agreed", "occurred_on": day}},
		"POST /api/v1/families/:id/consent":                            {kind: byFamilyID, json: map[string]any{"outcome": "withdrawn", "route": "phone", "occurred_on": day}},
		"POST /api/v1/families/:id/agreement":                          {kind: byFamilyID, json: map[string]any{"school_id": w.school, "outcome": "declined", "route": "email", "occurred_on": day}},
		"POST /api/v1/families/:id/voice":                              {kind: byFamilyID, json: map[string]any{"child_id": w.child, "wants_to_attend": "no", "obtained_how": "asked", "occurred_on": day}},
		"POST /api/v1/families/:id/clearance":                          {kind: byFamilyID, json: map[string]any{"outcome": "refused", "reason_category": "security", "occurred_on": day}},
		"POST /api/v1/families/:id/custody":                            {kind: byFamilyID, json: map[string]any{"status": "transferred"}},
		"GET /events/:id":                                              {kind: byEventID},
		"GET /events/:id/allocation":                                   {kind: byEventID},
		"GET /events/:id/allocate":                                     {kind: byEventID},
		"POST /events/:id/allocate":                                    {kind: byEventID, form: url.Values{"confirm": {"yes"}}},
		"POST /events/:id/allocation/move":                             {kind: byEventID, form: url.Values{"kind": {"table"}, "family": {store.FamilyKey(w.ready)}, "table": {"T1"}, "confirm": {"1"}}},
		"GET /events/:id/allocation/teacher/:tid/withdraw":             {kind: byEventID},
		"POST /events/:id/allocation/teacher/:tid/withdraw":            {kind: byEventID, form: url.Values{"confirm": {"yes"}}},
		"POST /events/:id/allocation/teacher/:tid/reinstate":           {kind: byEventID, form: url.Values{}},
		"POST /events/:id/allocation/teacher/:tid/availability":        {kind: byEventID, form: url.Values{"unavailable": {"0", "1"}}},
		"POST /events/:id/allocation/teacher/:tid/cover":               {kind: byEventID, form: url.Values{"needs_cover": {"no"}}},
		"GET /events/:id/costs":                                        {kind: byEventID},
		"POST /events/:id/costs/lines":                                 {kind: byEventID, form: url.Values{"category": {"catering"}, "bearer": {"prison"}, "description": {"Tea"}, "estimated": {"10.00"}}},
		"POST /events/:id/costs/actual":                                {kind: byEventID, form: url.Values{"line": {"x"}, "actual": {"1.00"}}},
		"POST /events/:id/costs/override":                              {kind: byEventID, form: url.Values{"override_line": {"x"}, "amount": {"1.00"}, "reason": {"x"}}},
		"POST /events/:id/costs/recalculate":                           {kind: byEventID, form: url.Values{}},
		"POST /events/:id/costs/settings":                              {kind: byEventID, form: url.Values{"setup_minutes": {"60"}, "half_day_threshold_minutes": {"210"}}},
		"GET /events/:id/costs.xlsx":                                   {kind: byEventID},
		"GET /events/:id/costs.csv":                                    {kind: byEventID},
		"GET /events/:id/documents":                                    {kind: byEventID},
		"GET /events/:id/documents/:file":                              {kind: byEventID},
		"POST /events/:id/invitations":                                 {kind: byEventID, form: url.Values{}},
		"GET /events/:id/runsheet.pdf":                                 {kind: byEventID},
		"GET /events/:id/readiness":                                    {kind: byEventID},
		"GET /events/:id/links/:kind/:rid/revoke":                      {kind: byEventID, insider: http.StatusNotFound},
		"POST /events/:id/links/:kind/:rid/revoke":                     {kind: byEventID, form: url.Values{}, insider: http.StatusNotFound},
		"DELETE /api/v1/events/:id/links/:kind/:rid":                   {kind: byEventID, json: map[string]any{"confirm": true}, insider: http.StatusNotFound},
		"GET /events/:id/links/:kind/:rid/letter":                      {kind: byEventID, insider: http.StatusNotFound},
		"POST /events/:id/links/:kind/:rid/letter":                     {kind: byEventID, form: url.Values{}, insider: http.StatusNotFound},
		"POST /api/v1/events/:id/links/:kind/:rid/letter":              {kind: byEventID, json: map[string]any{"confirm": true}, insider: http.StatusNotFound},
		"POST /events/:id/reminders":                                   {kind: byEventID, form: url.Values{}},
		"GET /api/v1/events/:id/readiness":                             {kind: byEventID},
		"GET /api/v1/events/:id/travel":                                {kind: byEventID},
		"POST /api/v1/events/:id/reminders":                            {kind: byEventID},
		"GET /figures/costs/showcases/:id":                             {kind: byEventID},
		"GET /figures/costs/showcases/:id/costs.xlsx":                  {kind: byEventID},
		"GET /api/v1/events/:id":                                       {kind: byEventID},
		"POST /api/v1/events/:id/allocation/teachers/:tid/reinstate":   {kind: byEventID, json: map[string]any{}},
		"PUT /api/v1/events/:id/allocation/teachers/:tid/availability": {kind: byEventID, json: map[string]any{"unavailable": []int{1}}},
		"PUT /api/v1/events/:id/allocation/teachers/:tid/cover":        {kind: byEventID, json: map[string]any{"needs_cover": true}},
		"GET /api/v1/figures/costs/showcases/:id":                      {kind: byEventID},
		"GET /api/v1/figures/costs/showcases/:id/costs.xlsx":           {kind: byEventID},
		"GET /api/v1/events/:id/costs":                                 {kind: byEventID},
		"POST /api/v1/events/:id/costs/lines":                          {kind: byEventID, json: map[string]any{"category": "refreshments", "bearer": "prison", "description": "Tea", "estimated": "10.00"}},
		"DELETE /api/v1/events/:id/costs/lines":                        {kind: byEventID, json: map[string]any{"line": "manual/1", "confirm": true}},
		"POST /api/v1/events/:id/costs/actuals":                        {kind: byEventID, json: map[string]any{"line": "x", "actual": "1.00"}},
		"POST /api/v1/events/:id/costs/overrides":                      {kind: byEventID, json: map[string]any{"line": "x", "amount": "1.00", "reason": "x"}},
		"POST /api/v1/events/:id/costs/recalculate":                    {kind: byEventID, json: map[string]any{}},
		"PUT /api/v1/events/:id/costs/settings":                        {kind: byEventID, json: map[string]any{"setup_minutes": 60, "half_day_minutes": 210}},
		"GET /api/v1/events/:id/costs.xlsx":                            {kind: byEventID},
		"GET /api/v1/events/:id/costs.csv":                             {kind: byEventID},
		"GET /api/v1/events/:id/documents":                             {kind: byEventID},
		"GET /api/v1/events/:id/documents/:file":                       {kind: byEventID},
		"POST /api/v1/events/:id/invitations":                          {kind: byEventID, json: map[string]any{}},
		"GET /api/v1/events/:id/runsheet.pdf":                          {kind: byEventID},
		"GET /api/v1/outbox/:file":                                     {kind: byOutboxID},
		"POST /api/v1/outbox/:id/retry":                                {kind: byOutboxID, json: map[string]any{}},
		"POST /api/v1/teachers/:id/feed":                               {kind: byTeacherID, json: map[string]any{}},
		"GET /api/v1/events/:id/allocation":                            {kind: byEventID},
		"POST /api/v1/events/:id/allocation":                           {kind: byEventID, json: map[string]any{"confirm": true}},
		"POST /api/v1/events/:id/allocation/moves":                     {kind: byEventID, json: map[string]any{"kind": "table", "family_id": w.ready, "table_id": 1, "confirm": true}},
		"POST /api/v1/events/:id/allocation/teachers/:tid/withdraw":    {kind: byEventID, json: map[string]any{"confirm": true}},
		"GET /api/v1/prisons/:id/hall":                                 {kind: byPrisonID},
		"PUT /api/v1/prisons/:id/hall":                                 {kind: byPrisonID, json: map[string]any{"tables": []map[string]any{{"label": "1"}}, "confirm": true}},
		"GET /prisons/:id/hall":                                        {kind: byPrisonID},
		"GET /prisons/:id/details":                                     {kind: byPrisonID},
		"POST /prisons/:id/details":                                    {kind: byPrisonID, form: url.Values{"name": {"HMP Renamed"}}},
		"PUT /api/v1/prisons/:id":                                      {kind: byPrisonID, json: map[string]any{"name": "HMP Renamed"}},
		"POST /prisons/:id/hall":                                       {kind: byPrisonID, form: hallForm([]string{"1"}, nil, nil)},
		"GET /outbox/:file":                                            {kind: byOutboxID},
		"POST /outbox/:id/retry":                                       {kind: byOutboxID, form: url.Values{}},
		"GET /teachers/:id/feed":                                       {kind: byTeacherID},
		"POST /teachers/:id/feed":                                      {kind: byTeacherID, form: url.Values{}},
		"GET /events/:id/costs/lines/delete":                           {kind: byEventID, insider: http.StatusNotFound},
		"GET /events/:id/costs/lines/edit":                             {kind: byEventID, insider: http.StatusNotFound},
		"POST /events/:id/costs/lines/edit":                            {kind: byEventID, form: url.Values{"line": {"manual/1"}, "category": {"catering"}, "bearer": {"prison"}, "description": {"Tea"}, "estimated": {"1"}}},
		"PUT /api/v1/events/:id/costs/lines":                           {kind: byEventID, json: map[string]any{"line": "manual/1", "category": "refreshments", "bearer": "prison", "description": "Tea", "estimated": "1"}},
		"POST /events/:id/costs/lines/delete":                          {kind: byEventID, form: url.Values{"line": {"manual/1"}, "confirm": {"yes"}}},

		"POST /families": {kind: byCreates, form: url.Values{"prison_id": {id(w.prison)}, "parent_name": {"Intruder"}, "referral_source": {"parent"},
			"referred_on": {day}, "carer_name": {"Someone"}, "carer_relationship": {"parent"}, "carer_phone": {"07700 900999"}, "carer_lang": {"en"},
			"child_first_name_0": {"Kid"}, "child_school_0": {id(w.school)}}},
		"POST /api/v1/families": {kind: byCreates, json: map[string]any{"prison_id": w.prison, "parent_name": "Intruder", "referral_source": "parent",
			"referred_on": day, "carer": map[string]any{"name": "Someone", "relationship": "parent", "phone": "07700 900999", "lang": "en"},
			"children": []map[string]any{{"first_name": "Kid", "school_id": w.school}}}},
		"POST /events": {kind: byCreates, form: url.Values{"prison_id": {id(w.prison)}, "title": {"Intruders' showcase"}, "date": {"2027-01-20"},
			"time": {"14:00"}, "slot_minutes": {"10"}, "slots": {"6"}, "arrival_minutes": {"45"}}},
		"POST /api/v1/events": {kind: byCreates, json: map[string]any{"prison_id": w.prison, "title": "Intruders' showcase", "date": "2027-01-20",
			"time": "14:00", "slot_minutes": 10, "slots": 6, "arrival_minutes": 45}},
		// The outsider's spreadsheet names prison A by its ID: the check
		// knows only the outsider's prisons, so nothing is saved.
		"POST /families/import":           {kind: byCreates, form: url.Values{}},
		"POST /families/import/confirm":   {kind: byCreates, form: url.Values{"name": {"referrals.csv"}, "data": {base64.RawURLEncoding.EncodeToString([]byte(intruderCSV(w)))}}},
		"POST /api/v1/referrals/import":   {kind: byCreates, csv: intruderCSV(w)},
		"POST /keep-apart":                {kind: byCreates, form: url.Values{"family_a": {w.referredRef}, "family_b": {w.readyRef}}},
		"GET /keep-apart/remove":          {kind: byCreates, insider: http.StatusNotFound},
		"POST /keep-apart/remove":         {kind: byCreates, form: url.Values{"a": {id(w.ready)}, "b": {id(w.referred)}}},
		"POST /api/v1/keep-apart":         {kind: byCreates, json: map[string]any{"family_a": w.referredRef, "family_b": w.readyRef}},
		"POST /api/v1/keep-apart/remove":  {kind: byCreates, json: map[string]any{"family_a_id": w.ready, "family_b_id": w.referred, "confirm": true}},
		"POST /api/v1/costs/rates":        {kind: byCreates, json: map[string]any{"scope": "prison:" + id(w.prison), "key": "supply_half_day", "effective_from": "2026-04-01", "amount": "1.00"}},
		"GET /costs/rates/:rid/delete":    {kind: byCreates, insider: http.StatusNotFound},
		"POST /costs/rates/:rid/delete":   {kind: byCreates, form: url.Values{"confirm": {"yes"}}},
		"DELETE /api/v1/costs/rates/:rid": {kind: byCreates, json: map[string]any{"confirm": true}},
		"POST /costs/rates":               {kind: byCreates, form: url.Values{"scope": {"prison:" + id(w.prison)}, "key": {"supply_half_day"}, "effective_from": {"2026-04-01"}, "amount": {"1.00"}}},

		"POST /places/prisons": {kind: byShared}, "POST /places/authorities": {kind: byShared}, "POST /schools": {kind: byShared},
		"POST /schools/:id/teachers": {kind: byShared}, "POST /schools/:id/sessions": {kind: byShared}, "POST /costs/travel": {kind: byShared},
		"POST /api/v1/schools": {kind: byShared}, "POST /api/v1/schools/:id/teachers": {kind: byShared},
		"GET /schools/:id/teachers/:tid": {kind: byShared}, "POST /schools/:id/teachers/:tid": {kind: byShared},
		"PUT /api/v1/schools/:id/teachers/:tid": {kind: byShared},
		"GET /schools/:id/details":              {kind: byShared}, "POST /schools/:id/details": {kind: byShared},
		"PUT /api/v1/schools/:id":           {kind: byShared},
		"POST /api/v1/schools/:id/sessions": {kind: byShared}, "POST /api/v1/prisons": {kind: byShared}, "POST /api/v1/costs/travel": {kind: byShared},
		"POST /api/v1/local-authorities": {kind: byShared},
		"GET /places/authorities/:id":    {kind: byShared}, "POST /places/authorities/:id": {kind: byShared},
		"PUT /api/v1/local-authorities/:id": {kind: byShared},

		"GET /audit": {kind: byAccounts}, "GET /api/v1/audit": {kind: byAccounts}, "GET /users": {kind: byAccounts}, "POST /users": {kind: byAccounts}, "GET /users/new": {kind: byAccounts},
		// An account's own page and its actions; the test reaches no
		// account (:id is left as it is), so administrators get 404 too.
		"GET /users/:id": {kind: byAccounts, insider: http.StatusNotFound}, "GET /users/:id/disable": {kind: byAccounts, insider: http.StatusNotFound},
		"GET /users/:id/scope": {kind: byAccounts, insider: http.StatusNotFound}, "POST /users/:id/scope": {kind: byAccounts},
		"POST /users/:id/disable": {kind: byAccounts}, "POST /users/:id/enable": {kind: byAccounts}, "POST /users/:id/unlock": {kind: byAccounts},
		"POST /users/:id/reset": {kind: byAccounts}, "GET /users/:id/sessions/:session/revoke": {kind: byAccounts, insider: http.StatusNotFound},
		"POST /users/:id/sessions/:session/revoke": {kind: byAccounts},
		"GET /account/password":                    {kind: byOwn}, "POST /account/password": {kind: byOwn},
		"GET /api/v1/users": {kind: byAccounts}, "POST /api/v1/users": {kind: byAccounts},
		"GET /api/v1/users/:id": {kind: byAccounts, insider: http.StatusNotFound}, "PUT /api/v1/users/:id/scope": {kind: byAccounts, insider: http.StatusNotFound},
		"POST /api/v1/users/:id/disable": {kind: byAccounts, insider: http.StatusNotFound}, "POST /api/v1/users/:id/enable": {kind: byAccounts, insider: http.StatusNotFound},
		"POST /api/v1/users/:id/unlock": {kind: byAccounts, insider: http.StatusNotFound}, "POST /api/v1/users/:id/reset": {kind: byAccounts, insider: http.StatusNotFound},
		"DELETE /api/v1/users/:id/sessions/:session": {kind: byAccounts, insider: http.StatusNotFound},
		"PUT /api/v1/account/password":               {kind: byOwn},
		"GET /reset/:token":                          {kind: byPublic}, "POST /reset/:token": {kind: byPublic},
	}
}

// intruderCSV is a referral spreadsheet naming prison w by its ID.
func intruderCSV(w prisonWorld) string {
	return "Prison,Parent name,Referral source,Referred on,Carer name,Carer relationship,Carer phone,Carer language,Child first name\n" +
		id(w.prison) + ",Intruder,parent,23/11/2026,Someone,parent,07700 900999,en,Kid\n"
}

// fillPath puts prison w's records into a route's path.
func fillPath(path string, w prisonWorld, outbox int64) string {
	r := strings.NewReplacer(":school", id(w.school), ":child", id(w.child), ":carer", id(w.carer), ":tid", id(w.teacher), ":teacher", id(w.teacher), ":kind", "not_on_register")
	path = r.Replace(path)
	switch {
	case strings.HasPrefix(path, "/families/"), strings.HasPrefix(path, "/api/v1/families/"):
		path = strings.Replace(path, ":id", id(w.ready), 1)
	case strings.HasPrefix(path, "/events/"), strings.HasPrefix(path, "/api/v1/events/"), strings.HasPrefix(path, "/figures/costs/showcases/"), strings.HasPrefix(path, "/api/v1/figures/costs/showcases/"):
		path = strings.Replace(path, ":id", id(w.event), 1)
		name, _ := packs.Filename(packs.KindRunSheet, showcase.EventRef(w.event), packs.English)
		path = strings.Replace(path, ":file", name, 1)
	case strings.HasPrefix(path, "/teachers/"), strings.HasPrefix(path, "/api/v1/teachers/"):
		path = strings.Replace(path, ":id", id(w.teacher), 1)
	case strings.HasPrefix(path, "/prisons/"), strings.HasPrefix(path, "/api/v1/prisons/"):
		path = strings.Replace(path, ":id", id(w.prison), 1)
	case strings.HasPrefix(path, "/outbox/"), strings.HasPrefix(path, "/api/v1/outbox/"):
		path = strings.Replace(strings.Replace(path, ":id", id(outbox), 1), ":file", id(outbox)+".eml", 1)
	case strings.HasPrefix(path, "/schools/"), strings.HasPrefix(path, "/api/v1/schools/"):
		path = strings.Replace(path, ":id", id(w.school), 1)
	}
	return path
}

// request sends a route's request as u would: pages with a session and a
// form, the API with a token and JSON.
func (u scopedUser) request(r Route, path string, spec scopeRoute) (int, string) {
	if strings.HasPrefix(path, "/api/") && spec.csv != "" {
		req, _ := http.NewRequest(r.Method, u.api.base+path+"?commit=true", strings.NewReader(spec.csv))
		req.Header.Set("Content-Type", "text/csv")
		res := u.api.send(req)
		return res.code, res.body
	}
	if strings.HasPrefix(path, "/api/") {
		var body any
		if r.Method != http.MethodGet {
			body = spec.json
			if body == nil {
				body = map[string]any{}
			}
		}
		res := u.api.call(r.Method, path, body)
		return res.code, res.body
	}
	if r.Method == http.MethodGet {
		res := u.page.get(path)
		return res.code, res.body
	}
	form := url.Values{}
	for k, v := range spec.form {
		form[k] = v
	}
	res := u.page.post(path, form)
	return res.code, res.body
}

// Every page, download, action and API route, for every role, with two
// prisons: an account limited to prison B gets nothing of prison A (not
// found or forbidden, no name, prison number or reference in any answer,
// and no change), while prison A's own accounts still reach what is theirs.
// A route added to the table without a line in scopeRoutes fails here.
func TestEveryRouteKeepsToTheAccountsPrisons(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	specs := scopeRoutes(w.A)
	s := &Server{}
	routes := append(s.routes(), s.apiRoutes()...)
	seen := map[string]bool{}
	for _, r := range routes {
		key := r.Method + " " + r.Path
		seen[key] = true
		if _, ok := specs[key]; !ok {
			t.Errorf("%s is not classified in scopeRoutes: say how it is limited to an account's prisons", key)
		}
	}
	for key := range specs {
		assert.True(t, seen[key], "scopeRoutes lists %s, which is no longer a route", key)
	}

	outsiders := []scopedUser{
		a.userIn(domain.RoleCoordinator, "B", w.B.prison),
		a.userIn(domain.RolePrisonStaff, "B", w.B.prison),
		a.userIn(domain.RoleCommissioner, "B", w.B.prison),
	}
	before := a.counts()
	for _, u := range outsiders {
		for _, r := range routes {
			spec := specs[r.Method+" "+r.Path]
			if spec.kind == byPublic || spec.kind == byShared || spec.kind == byOwn || (spec.kind == byAccounts && r.Method != http.MethodGet) {
				continue
			}
			path := fillPath(r.Path, w.A, w.A.outbox)
			t.Run(u.name+" "+r.Method+" "+path, func(t *testing.T) {
				code, body := u.request(r, path, spec)
				var sent []string
				for _, v := range spec.form {
					sent = append(sent, v...)
				}
				for _, v := range spec.json {
					if s, ok := v.(string); ok {
						sent = append(sent, s)
					}
				}
				assertNoMarkers(t, body, w.A, path, sent...)
				switch spec.kind {
				case byListing:
					assert.Contains(t, []int{http.StatusOK, http.StatusForbidden}, code, body)
				case byCreates:
					assert.Contains(t, []int{http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound}, code, body)
				default:
					assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, code, body)
				}
			})
		}
	}
	assert.Equal(t, before, a.counts(), "no request from prison B changed anything")

	insiders := []scopedUser{
		a.userIn(domain.RoleCoordinator, "A", w.A.prison),
		a.userIn(domain.RolePrisonStaff, "A", w.A.prison),
		a.userIn(domain.RoleCommissioner, "A", w.A.prison),
		a.userIn(domain.RoleAdmin, "admin"),
	}
	for _, u := range insiders {
		for _, r := range routes {
			spec := specs[r.Method+" "+r.Path]
			if r.Method != http.MethodGet || spec.kind == byPublic || spec.kind == byShared || spec.kind == byOwn || !allowed(r, u.role) {
				continue
			}
			path := fillPath(r.Path, w.A, w.A.outbox)
			t.Run(u.name+" "+r.Method+" "+path, func(t *testing.T) {
				code, body := u.request(r, path, spec)
				assert.Equal(t, cmp.Or(spec.insider, http.StatusOK), code, body)
			})
		}
	}
	// Each of prison A's own people finds its family where their role looks.
	ref := refOf(t, a, w.A.ready)
	for _, x := range []struct {
		u          scopedUser
		path, want string
	}{
		{insiders[0], "/", "Parent Alphaready"}, {insiders[1], "/clearance", "Parent Alphaready"}, {insiders[0], "/api/v1/families", ref},
		{insiders[1], "/api/v1/clearance", "Parent Alphaready"}, {insiders[0], "/events", "Alpha showcase"}, {insiders[0], "/keep-apart", ref},
		{insiders[0], "/outbox", "Carer Alphaready"}, {insiders[0], "/families", ref},
	} {
		_, body := x.u.request(Route{Method: http.MethodGet}, x.path, scopeRoute{})
		assert.Contains(t, body, x.want, "%s for %s", x.path, x.u.name)
	}
}

func allowed(r Route, role domain.Role) bool {
	for _, x := range r.Roles {
		if x == role {
			return true
		}
	}
	return false
}

// A school is shared by every prison, but whether its headteacher has
// agreed for a family is that family's business: a coordinator of prison B
// neither sees prison A's agreement on the school's page nor can lean on it
// to record a session there.
func TestSchoolPageKeepsAnotherPrisonsAgreementToItself(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	school := "/schools/" + id(w.A.school)
	in := a.userIn(domain.RoleCoordinator, "A", w.A.prison)
	out := a.userIn(domain.RoleCoordinator, "B", w.B.prison)
	warning := "No headteacher at this school has agreed yet"
	assert.NotContains(t, in.page.get(school).body, warning)
	r := out.page.get(school)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, warning)
	assertNoMarkers(t, r.body, w.A, school)
	ar := out.api.call(http.MethodGet, "/api/v1/schools/"+id(w.A.school), nil)
	require.Equal(t, http.StatusOK, ar.code)
	assert.Equal(t, false, ar.json(t)["head_agreed"])
}

// An account with no prison yet (prison staff after the migration, where a
// server has several prisons) sees nothing, and is told why.
func TestAnAccountWithNoPrisonIsToldWhy(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	for _, u := range []scopedUser{a.userIn(domain.RoleCoordinator, "none"), a.userIn(domain.RolePrisonStaff, "none")} {
		for _, lang := range []string{"", "?lang=cy"} {
			r := u.page.get("/" + lang)
			require.Equal(t, http.StatusOK, r.code)
			assert.Contains(t, r.body, map[string]string{"": "not tied to a prison yet", "?lang=cy": "gysylltu â charchar eto"}[lang], u.name)
			assertNoMarkers(t, r.body, w.A, u.name)
			assertNoMarkers(t, r.body, w.B, u.name)
		}
	}
	assert.NotContains(t, a.userIn(domain.RoleCoordinator, "A", w.A.prison).page.get("/").body, "not tied to a prison yet")
}
