package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func TestTheCSRFTokenComesFromTheFormOrAHeaderOnly(t *testing.T) {
	a := newTestApp(t)
	c := a.user(domain.RoleCoordinator)
	send := func(path string, form url.Values, header string) int {
		req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if header != "" {
			req.Header.Set(csrfHeader, header)
		}
		return c.do(req).code
	}
	tests := []struct {
		name   string
		path   string
		form   url.Values
		header string
		want   int
	}{
		{"in the query string", "/account/password?_csrf=" + c.csrf(), url.Values{}, "", http.StatusForbidden},
		{"a wrong one in the form", "/account/password", url.Values{"_csrf": {"wrong"}}, "", http.StatusForbidden},
		{"in the form", "/account/password", url.Values{"_csrf": {c.csrf()}}, "", http.StatusBadRequest},
		{"in the header", "/account/password", url.Values{}, c.csrf(), http.StatusBadRequest},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, send(tt.path, tt.form, tt.header), tt.name)
	}
}

func TestSigningInGivesANewCSRFToken(t *testing.T) {
	a := newTestApp(t)
	a.user(domain.RoleCoordinator)
	c := a.client()
	c.get("/login")
	before := c.csrf()
	require.NotEmpty(t, before)
	r := c.post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}})
	require.Equal(t, "/", r.location)
	assert.NotEqual(t, before, c.csrf(), "a token known before sign-in is worth nothing after")
	req, _ := http.NewRequest(http.MethodPost, c.base+"/logout", strings.NewReader(url.Values{"_csrf": {before}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, http.StatusForbidden, c.do(req).code)
	assert.Equal(t, "/login", c.post("/logout", url.Values{}).location, "the new one works")
}

// A browser's session works on pages only and an API token on /api only,
// whichever way each is sent.
func TestCookiesAreForPagesAndTokensForTheAPI(t *testing.T) {
	a := newTestApp(t)
	page := a.user(domain.RoleCoordinator)
	api := a.apiAs(domain.RoleCoordinator)
	var cookie string
	u, _ := url.Parse(page.base)
	for _, ck := range page.http.Jar.Cookies(u) {
		if ck.Name == sessionCookie {
			cookie = ck.Value
		}
	}
	require.NotEmpty(t, cookie)
	get := func(path string, h http.Header) response {
		req, _ := http.NewRequest(http.MethodGet, page.base+path, nil)
		req.Header = h
		return a.client().do(req)
	}
	tests := []struct {
		name, path string
		header     http.Header
		want       int
		location   string
	}{
		{"API token as a bearer on a page", "/", http.Header{"Authorization": {"Bearer " + api.token}}, http.StatusOK, "/login"},
		{"API token as a cookie on a page", "/", http.Header{"Cookie": {sessionCookie + "=" + api.token}}, http.StatusOK, "/login"},
		{"session cookie on the API", "/api/v1/families", http.Header{"Cookie": {sessionCookie + "=" + cookie}}, http.StatusUnauthorized, "/api/v1/families"},
		{"session cookie's token as a bearer on the API", "/api/v1/families", http.Header{"Authorization": {"Bearer " + cookie}}, http.StatusUnauthorized, "/api/v1/families"},
		{"session cookie on a page", "/", http.Header{"Cookie": {sessionCookie + "=" + cookie}}, http.StatusOK, "/"},
		{"API token on the API", "/api/v1/families", http.Header{"Authorization": {"Bearer " + api.token}}, http.StatusOK, "/api/v1/families"},
	}
	for _, tt := range tests {
		r := get(tt.path, tt.header)
		assert.Equal(t, tt.want, r.code, tt.name)
		assert.Equal(t, tt.location, r.location, tt.name)
	}
}

func TestSigningInReturnsToThePageAskedFor(t *testing.T) {
	a := newTestApp(t)
	a.user(domain.RoleCoordinator)
	c := a.client()
	r := c.get("/events?lang=en")
	require.Equal(t, "/login", r.location)
	assert.Contains(t, r.body, `name="next" value="/events?lang=en"`)
	r = c.post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}, "next": {"/events?lang=en"}})
	assert.Equal(t, "/events", r.location)
}

func TestSigningInNeverSendsYouToAnotherSite(t *testing.T) {
	a := newTestApp(t)
	a.user(domain.RoleCoordinator)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "http:/evil.example",
		"javascript:alert(1)", "/\r\nSet-Cookie:x=y", "/\x00", " //evil.example", "/login?next=//evil.example", "evil"} {
		t.Run(next, func(t *testing.T) {
			c := a.client()
			c.http.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			c.get("/login")
			form := url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}, "next": {next}, "_csrf": {c.csrf()}}
			req, _ := http.NewRequest(http.MethodPost, c.base+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := c.http.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			// A control character is refused as bad input before any
			// sign-in; anything else signs in and lands on the dashboard.
			if strings.ContainsAny(next, "\r\n\x00") {
				assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
				assert.Empty(t, resp.Header.Get("Location"))
				return
			}
			assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
			assert.Equal(t, "/", resp.Header.Get("Location"))
		})
	}
	assert.Equal(t, "/events?x=1", localPath("/events?x=1"))
}
