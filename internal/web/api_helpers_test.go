package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// apiClient is a program using the API: JSON in, JSON out, a bearer token.
type apiClient struct {
	t     *testing.T
	base  string
	token string
	lang  string
}

type apiResp struct {
	code   int
	body   string
	header http.Header
}

// json decodes the response body into a generic value for assertions.
func (r apiResp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.body), &m), r.body)
	return m
}

func (r apiResp) list(t *testing.T) []map[string]any {
	t.Helper()
	var l []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.body), &l), r.body)
	return l
}

// apiAs creates an account with role and signs it in through the API.
func (a *testApp) apiAs(role domain.Role) *apiClient {
	a.t.Helper()
	email := "api-" + string(role) + "@example.org"
	hash, err := HashPassword(testPassword)
	require.NoError(a.t, err)
	id, err := a.store.CreateUser(context.Background(), domain.System, domain.User{Email: email, Name: "API " + string(role), Role: role, PasswordHash: hash, Lang: "en",
		Prisons: a.existingPrisons(role)})
	require.NoError(a.t, err)
	if role == domain.RoleCoordinator {
		a.staff = append(a.staff, id)
	}
	c := a.api()
	r := c.call(http.MethodPost, "/api/v1/session", map[string]any{"email": email, "password": testPassword})
	require.Equal(a.t, http.StatusCreated, r.code, r.body)
	c.token = r.json(a.t)["token"].(string)
	return c
}

// api is a client with no token.
func (a *testApp) api() *apiClient { return &apiClient{t: a.t, base: a.srv.URL} }

// call sends body as JSON; a string body is sent as it is, so tests can
// send malformed JSON.
func (c *apiClient) call(method, path string, body any) apiResp {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			rd = bytes.NewBufferString(s)
		} else {
			b, err := json.Marshal(body)
			require.NoError(c.t, err)
			rd = bytes.NewReader(b)
		}
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	require.NoError(c.t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(req)
}

func (c *apiClient) send(req *http.Request) apiResp {
	c.t.Helper()
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return apiResp{code: resp.StatusCode, body: string(b), header: resp.Header}
}

// apiWorld is the reference data a referral needs.
type apiWorld struct {
	prison, la, school, teacher int64
}

func (a *testApp) apiSeed() apiWorld {
	a.t.Helper()
	ctx := context.Background()
	var w apiWorld
	var err error
	w.prison, err = a.store.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(a.t, err)
	w.la, err = a.store.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(a.t, err)
	w.school, err = a.store.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol y Bryn", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: w.la, Lang: "cy"})
	require.NoError(a.t, err)
	w.teacher, err = a.store.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: w.school, Name: "Ms Rees", Email: "rees@example.org", Role: "class_teacher", Lang: "cy"})
	require.NoError(a.t, err)
	return w
}

func (w apiWorld) referral() map[string]any {
	return map[string]any{
		"prison_id": w.prison, "parent_name": "Rhodri Example", "prison_number": "A1234BC", "referral_source": "parent",
		"referrer_name": "Self", "referred_on": "2026-11-20",
		"carer":    map[string]any{"name": "Seren Example", "relationship": "parent", "phone": "07700 900123", "lang": "cy"},
		"children": []any{map[string]any{"first_name": "Cai", "year_group": "Year 4", "school_id": w.school, "needs_quiet": true}},
	}
}

// family creates a referral through the API and returns its path.
func (c *apiClient) family(w apiWorld) string {
	c.t.Helper()
	r := c.call(http.MethodPost, "/api/v1/families", w.referral())
	require.Equal(c.t, http.StatusCreated, r.code, r.body)
	return r.header.Get("Location")
}

// childID is the first child's ID in the family at path.
func (c *apiClient) childID(path string) int64 {
	c.t.Helper()
	r := c.call(http.MethodGet, path, nil)
	require.Equal(c.t, http.StatusOK, r.code, r.body)
	return int64(r.json(c.t)["children"].([]any)[0].(map[string]any)["id"].(float64))
}

// The workflow's request bodies, valid unless a test changes them.
func consentBody(outcome string) map[string]any {
	return map[string]any{"outcome": outcome, "route": "phone", "occurred_on": "2026-11-21"}
}

func (w apiWorld) agreementBody() map[string]any {
	return map[string]any{"school_id": w.school, "outcome": "agreed", "route": "email", "occurred_on": "2026-11-22", "teacher_ids": []int64{w.teacher}}
}

func sessionBody() map[string]any {
	return map[string]any{"delivered_on": "2026-11-22", "delivered_by": "Coordinator", "attendees": 6, "route": "in_person"}
}

func (w apiWorld) voiceBody(child int64) map[string]any {
	return map[string]any{"child_id": child, "wants_to_attend": "yes", "preferred_teacher_id": w.teacher, "may_know": []int64{w.teacher},
		"approved_by": "both", "obtained_how": "talked with Cai at home", "occurred_on": "2026-11-23"}
}

func clearanceBody() map[string]any {
	return map[string]any{"outcome": "cleared", "occurred_on": "2026-11-23"}
}

func (w apiWorld) schoolPath() string { return "/api/v1/schools/" + strconv.FormatInt(w.school, 10) }
