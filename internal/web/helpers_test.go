package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const testPassword = "correct horse battery"

// testApp is a real server on loopback over a temp SQLite file.
type testApp struct {
	t     *testing.T
	srv   *httptest.Server
	store *store.Store
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "web.db"), store.WithClock(func() time.Time { return testNow }))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	e, err := New(Config{BaseURL: "http://localhost", Now: func() time.Time { return testNow }}, st, i18n.MustLoad(), slog.New(slog.NewTextHandler(testWriter{t}, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &testApp{t: t, srv: srv, store: st}
}

// user creates an account with the given role and returns a signed-in client.
func (a *testApp) user(role domain.Role) *client {
	a.t.Helper()
	email := string(role) + "@example.org"
	hash, err := HashPassword(testPassword)
	require.NoError(a.t, err)
	_, err = a.store.CreateUser(context.Background(), domain.System, domain.User{Email: email, Name: "Test " + string(role), Role: role, PasswordHash: hash, Lang: "en"})
	require.NoError(a.t, err)
	c := a.client()
	resp := c.post("/login", url.Values{"email": {email}, "password": {testPassword}})
	require.NotEqual(a.t, "/login", resp.location, "login as %s failed: %s", role, resp.body)
	return c
}

// client is a browser stand-in: it keeps cookies and sends the CSRF token.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func (a *testApp) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: a.t, base: a.srv.URL, http: &http.Client{Jar: jar}}
}

type response struct {
	code     int
	body     string
	location string
	header   http.Header
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	resp, err := c.http.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{code: resp.StatusCode, body: string(b), location: resp.Request.URL.Path, header: resp.Header}
}

func (c *client) get(path string) response {
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req)
}

// post sends a form as a browser would, fetching a CSRF cookie first if
// the client has none yet.
func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	if c.csrf() == "" {
		c.get("/login")
	}
	form.Set("_csrf", c.csrf())
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) csrf() string {
	u, _ := url.Parse(c.base)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "_csrf" {
			return ck.Value
		}
	}
	return ""
}

// testWriter sends the server's log to the test's output, shown on failure.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
