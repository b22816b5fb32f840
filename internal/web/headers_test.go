package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// Every response that may hold personal data is no-store; only the
// stylesheets and the health check may be kept by a browser or a proxy.
func TestCacheControlKeepsPersonalDataOutOfCaches(t *testing.T) {
	a := newTestApp(t)
	a.seed()
	c := a.user(domain.RoleCoordinator)
	api := a.apiAs(domain.RoleCoordinator)
	cases := []struct {
		name    string
		get     func() http.Header
		noStore bool
	}{
		{"dashboard", func() http.Header { return c.get("/").header }, true},
		{"family list by API", func() http.Header { return api.call(http.MethodGet, "/api/v1/families", nil).header }, true},
		{"an API error", func() http.Header { return api.call(http.MethodGet, "/api/v1/families/999", nil).header }, true},
		{"a page not found", func() http.Header { return c.get("/nothing-here").header }, true},
		{"the login page", func() http.Header { return a.client().get("/login").header }, true},
		{"a stylesheet", func() http.Header { return c.get("/static/app.css").header }, false},
		{"the health check", func() http.Header { return c.get("/healthz").header }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.get()
			if tc.noStore {
				assert.Equal(t, "no-store", h.Get("Cache-Control"))
			} else {
				assert.Empty(t, h.Get("Cache-Control"))
			}
		})
	}
}

// HSTS comes with secure cookies, which mean the app is served over HTTPS,
// and never without them.
func TestHSTSOnlyWithSecureCookies(t *testing.T) {
	for _, secure := range []bool{false, true} {
		a := newTestAppWith(t, func(cfg *Config) { cfg.SecureCookies = secure })
		for _, path := range []string{"/login", "/static/app.css", "/api/v1/openapi.yaml"} {
			h := a.client().get(path).header.Get("Strict-Transport-Security")
			if secure {
				assert.Equal(t, "max-age=31536000; includeSubDomains", h, path)
			} else {
				assert.Empty(t, h, path)
			}
		}
	}
}

// /static/ serves files and never lists a directory.
func TestStaticDoesNotListDirectories(t *testing.T) {
	a := newTestApp(t)
	c := a.client()
	for path, code := range map[string]int{
		"/static/":          http.StatusNotFound,
		"/static/.":         http.StatusNotFound,
		"/static/app.css":   http.StatusOK,
		"/static/missing":   http.StatusNotFound,
		"/static/../go.mod": http.StatusNotFound,
	} {
		r := c.get(path)
		assert.Equal(t, code, r.code, path)
		assert.NotContains(t, r.body, `<a href="app.css">`, path)
	}
}

// A body over the limit is refused with a message saying the limit, on a
// page as in the API (TestAPIBadReferralSavesNothing).
func TestOversizedFormIsRefusedWithTheLimit(t *testing.T) {
	a := newTestApp(t)
	w := a.seed()
	c := a.user(domain.RoleCoordinator)
	f := referralForm(w)
	f.Set("notes", strings.Repeat("x", 3<<20))
	r := c.post("/families", f)
	assert.Equal(t, http.StatusRequestEntityTooLarge, r.code)
	assert.Contains(t, r.body, "send less than 2 MB")
	cases, err := a.store.Cases(t.Context(), domain.Unrestricted, 0)
	require.NoError(t, err)
	assert.Empty(t, cases)
}
