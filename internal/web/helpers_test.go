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
	"slices"
	"strings"
	"sync/atomic"
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
	// staff are the coordinators made by user and apiAs, who also join any
	// prison a world builder adds after them (see joinPrison).
	staff []int64
	// reads counts the database reads the server makes (see readsFor).
	reads *atomic.Int64
	// dbPath is the database file, for tests that look at it directly.
	dbPath string
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	return newTestAppAt(t, nil, nil)
}

// newTestAppWith is newTestApp with a changed configuration.
func newTestAppWith(t *testing.T, configure func(*Config)) *testApp {
	t.Helper()
	return newTestAppAt(t, nil, configure)
}

// newTestAppAt is newTestApp with a clock of the test's own (nil: fixed
// at testNow) and changes to the server's configuration (nil: none).
func newTestAppAt(t *testing.T, now func() time.Time, configure func(*Config)) *testApp {
	t.Helper()
	if now == nil {
		now = func() time.Time { return testNow }
	}
	dbPath := filepath.Join(t.TempDir(), "web.db")
	st, err := store.Open(context.Background(), dbPath, store.WithClock(now))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	cfg := Config{BaseURL: "http://localhost", Now: now}
	if configure != nil {
		configure(&cfg)
	}
	e, err := New(cfg, st, i18n.MustLoad(), slog.New(slog.NewTextHandler(testWriter{t}, nil)))
	require.NoError(t, err)
	reads := new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.ServeHTTP(w, r.WithContext(store.CountStatements(r.Context(), reads)))
	}))
	t.Cleanup(srv.Close)
	return &testApp{t: t, srv: srv, store: st, reads: reads, dbPath: dbPath}
}

// user creates an account with the given role and returns a signed-in
// client. Its scope is every prison on record so far (prison staff: the
// first); scope tests make their own accounts with userIn.
func (a *testApp) user(role domain.Role) *client {
	a.t.Helper()
	email := string(role) + "@example.org"
	hash, err := HashPassword(testPassword)
	require.NoError(a.t, err)
	id, err := a.store.CreateUser(context.Background(), domain.System, domain.User{Email: email, Name: "Test " + string(role), Role: role, PasswordHash: hash, Lang: "en",
		Prisons: a.existingPrisons(role)})
	require.NoError(a.t, err)
	if role == domain.RoleCoordinator {
		a.staff = append(a.staff, id)
	}
	c := a.client()
	resp := c.post("/login", url.Values{"email": {email}, "password": {testPassword}})
	require.NotEqual(a.t, "/login", resp.location, "login as %s failed: %s", role, resp.body)
	return c
}

// existingPrisons is the scope a test account gets by default: every
// prison on record for a coordinator, the first for prison staff, none
// (meaning all) for a commissioner.
func (a *testApp) existingPrisons(role domain.Role) []int64 {
	a.t.Helper()
	if role != domain.RoleCoordinator && role != domain.RolePrisonStaff {
		return nil
	}
	prisons, err := a.store.Prisons(context.Background(), domain.Unrestricted)
	require.NoError(a.t, err)
	var ids []int64
	for _, p := range prisons {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	if role == domain.RolePrisonStaff && len(ids) > 1 {
		ids = ids[:1]
	}
	return ids
}

// joinPrison adds a prison made after them to the default coordinators'
// scope, as if they had added it themselves.
func (a *testApp) joinPrison(prison int64) {
	a.t.Helper()
	for _, id := range a.staff {
		users, err := a.store.Users(context.Background())
		require.NoError(a.t, err)
		for _, u := range users {
			if u.ID == id {
				require.NoError(a.t, a.store.SetUserScope(context.Background(), domain.System, id, append(u.Prisons, prison), nil))
			}
		}
	}
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
