package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
)

// freshTwin is a second server on a's database that keeps no pages: what
// every page would be if it were rendered afresh.
func (a *testApp) freshTwin(now func() time.Time) string {
	a.t.Helper()
	e, err := New(Config{BaseURL: "http://localhost", Now: now, NoPageCache: true}, a.store, i18n.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(a.t, err)
	srv := httptest.NewServer(e)
	a.t.Cleanup(srv.Close)
	return srv.URL
}

// as sends GET path to base as u: with its browser's cookies for a page,
// its bearer token for the API. Redirects are not followed.
func (a *testApp) as(u scopedUser, base, path string) response {
	a.t.Helper()
	return a.asWith(u, base, path, nil)
}

func isAPIPath(p string) bool { return len(p) >= 5 && p[:5] == "/api/" }

// A kept page must always be the page its reader would get afresh. Random
// sequences of changes (made through the store, as the command line and
// the demo make them), scope changes, language switches and the clock
// moving on run against a server that keeps pages; after each, everyone
// opens every page they use on it and on a twin that keeps none, and the
// two answers must be the same, byte for byte.
func TestKeptPagesAreAlwaysWhatAFreshRenderWouldShow(t *testing.T) {
	clock := &testClock{now: testNow}
	a := newTestAppAt(t, clock.Now, nil)
	w := a.scopeWorld()
	fresh := a.freshTwin(clock.Now)
	coordA, coordB := a.userIn(domain.RoleCoordinator, "a", w.A.prison), a.userIn(domain.RoleCoordinator, "b", w.B.prison)
	staffA := a.userIn(domain.RolePrisonStaff, "a", w.A.prison)
	comm, admin := a.userIn(domain.RoleCommissioner, "c"), a.userIn(domain.RoleAdmin, "x")
	staffPaths := []string{"/", "/families", "/clearance", "/events",
		fmt.Sprintf("/families/%d", w.A.ready), fmt.Sprintf("/families/%d", w.B.ready),
		fmt.Sprintf("/events/%d", w.A.event), fmt.Sprintf("/events/%d/allocation", w.A.event), fmt.Sprintf("/events/%d/costs", w.B.event),
		"/api/v1/families", "/api/v1/clearance", fmt.Sprintf("/api/v1/families/%d", w.A.ready), fmt.Sprintf("/api/v1/events/%d/allocation", w.B.event)}
	reads := map[string][]string{
		coordA.name: staffPaths, coordB.name: staffPaths, admin.name: staffPaths,
		staffA.name: {"/", "/clearance", "/api/v1/clearance", fmt.Sprintf("/events/%d/readiness", w.A.event)},
		comm.name:   {"/figures", "/figures/costs", "/api/v1/figures"},
	}
	users := []scopedUser{coordA, coordB, staffA, comm, admin}

	ctx := context.Background()
	families := []int64{w.A.ready, w.A.referred, w.B.ready, w.B.referred}
	actions := []struct {
		name string
		do   func(r *rand.Rand)
	}{
		{"a carer's name changes", func(r *rand.Rand) {
			id := families[r.IntN(len(families))]
			cs, err := a.store.Case(ctx, domain.Unrestricted, id)
			require.NoError(t, err)
			carer := cs.Carers[0]
			carer.Name = fmt.Sprintf("Carer %d", r.IntN(1000))
			require.NoError(t, a.store.UpdateCarer(ctx, domain.System, id, carer))
		}},
		{"consent is withdrawn", func(r *rand.Rand) {
			id := families[r.IntN(len(families))]
			_, err := a.store.RecordSteps(ctx, domain.System, id, func(c domain.Case) ([]domain.Step, error) {
				st, err := c.DecideConsent(domain.ConsentInput{Outcome: domain.ConsentWithdrawn, Route: "phone", OccurredOn: "2026-11-23"}, "2026-11-23")
				return []domain.Step{st}, err
			})
			var gate *domain.GateError
			if err != nil {
				require.ErrorAs(t, err, &gate, "only the rule's refusal, when there is no consent to withdraw")
			}
		}},
		{"a parent is released", func(r *rand.Rand) {
			require.NoError(t, a.store.SetParentStatus(ctx, domain.System, families[r.IntN(len(families))], domain.Released, "2026-11-20"))
		}},
		{"coordinator b is given prison a, or has it taken away", func(r *rand.Rand) {
			prisons := []int64{w.B.prison}
			if r.IntN(2) == 0 {
				prisons = append(prisons, w.A.prison)
			}
			require.NoError(t, a.store.SetUserScope(ctx, domain.System, userID(t, a, "coordinator-b@example.org"), prisons, nil))
		}},
		{"someone switches language", func(r *rand.Rand) {
			u := users[r.IntN(len(users))]
			u.page.get("/login?lang=" + []string{"cy", "en"}[r.IntN(2)])
		}},
		{"time passes", func(r *rand.Rand) { clock.Add(time.Duration(r.IntN(90)) * time.Second) }},
		{"nothing happens", func(*rand.Rand) {}},
	}

	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(uint64(seed), 17))
	kept, opened := 0, 0
	for step := range 40 {
		act := actions[r.IntN(len(actions))]
		act.do(r)
		for _, u := range users {
			for _, p := range reads[u.name] {
				a.reads.Store(0)
				got := a.as(u, a.srv.URL, p)
				if opened++; got.code == http.StatusOK && a.reads.Load() <= keptReads {
					kept++
				}
				want := a.as(u, fresh, p)
				require.Equal(t, want.code, got.code, "step %d (%s): %s opens %s", step, act.name, u.name, p)
				if want.code == http.StatusOK { // an error page names its own request
					require.Equal(t, want.body, got.body, "step %d (%s): %s opens %s", step, act.name, u.name, p)
				}
			}
		}
	}
	t.Logf("%d of %d pages served as kept", kept, opened)
	assert.Greater(t, kept, 100, "pages served as kept: the test must exercise the cache, not only miss it")
}

// keptReads is what a kept page costs the database: the session and its
// account's scope, and one look at the data version.
const keptReads = 3

// A page opened again with nothing changed costs only the sign-in check
// and one look at the database's version: no query of its own.
func TestAKeptPageIsServedWithoutItsQueries(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	coord := a.userIn(domain.RoleCoordinator, "a", w.A.prison)
	for _, p := range []string{"/", fmt.Sprintf("/families/%d", w.A.ready), fmt.Sprintf("/events/%d/allocation", w.A.event), "/api/v1/families"} {
		first := a.readsFor(func() int { return a.as(coord, a.srv.URL, p).code })
		again := a.readsFor(func() int { return a.as(coord, a.srv.URL, p).code })
		assert.Greater(t, first, int64(keptReads), "%s: rendered", p)
		assert.LessOrEqual(t, again, int64(keptReads), "%s: kept", p)
	}
}

// A page is kept for the session that asked, never handed to another:
// another account with the same role and another scope gets its own.
func TestAKeptPageIsNeverAnotherSessions(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	coordA, coordB := a.userIn(domain.RoleCoordinator, "a", w.A.prison), a.userIn(domain.RoleCoordinator, "b", w.B.prison)
	for _, p := range []string{"/", "/families", "/api/v1/families"} {
		for range 2 {
			assert.Contains(t, a.as(coordA, a.srv.URL, p).body, w.A.readyRef, p)
			b := a.as(coordB, a.srv.URL, p).body
			assert.Contains(t, b, w.B.readyRef, p)
			for _, m := range w.A.markers {
				assert.NotContains(t, b, m, "%s: coordinator b sees prison a's %q", p, m)
			}
		}
	}
}

// A one-off message shows once, even on a page that was kept before it.
func TestAFlashIsShownOnAKeptPageOnce(t *testing.T) {
	a := newTestApp(t)
	coord := a.user(domain.RoleCoordinator)
	coord.get("/")
	coord.get("/") // kept now
	site, _ := url.Parse(a.srv.URL)
	coord.http.Jar.SetCookies(site, []*http.Cookie{{Name: "flash", Value: "allocation.saved", Path: "/"}})
	saved := i18n.MustLoad().T(i18n.English, "allocation.saved", nil)
	require.NotEmpty(t, saved)
	assert.Contains(t, coord.get("/").body, saved, "the flash, though nothing was committed since the page was kept")
	assert.NotContains(t, coord.get("/").body, saved, "once only")
}

// The kept pages stay within pageCacheBytes, keys included: past it the
// cache starts again, and a page kept again replaces its old copy in the
// count. A page kept until a moment is not served from then on.
func TestKeptPagesStayWithinTheirBoundAndTime(t *testing.T) {
	var pc pageCache
	key := func(i int) pageKey { return pageKey{session: "s", uri: fmt.Sprint("/", i)} }
	// page is a page under key k taking n of the bound with its key.
	page := func(k pageKey, n int) keptPage { return keptPage{version: 1, body: make([]byte, n-k.size())} }
	quarter := pageCacheBytes / 4
	for i := range 4 {
		pc.put(key(i), page(key(i), quarter))
	}
	assert.Equal(t, pageCacheBytes, pc.bytes)
	pc.put(key(3), page(key(3), quarter)) // the same page again: no growth
	assert.Equal(t, pageCacheBytes, pc.bytes)
	_, ok := pc.get(key(0), 1, testNow)
	assert.True(t, ok)

	pc.put(key(4), page(key(4), key(4).size()+1)) // one byte over: start again
	assert.Equal(t, key(4).size()+1, pc.bytes)
	_, ok = pc.get(key(0), 1, testNow)
	assert.False(t, ok, "dropped with the rest")
	_, ok = pc.get(key(4), 1, testNow)
	assert.True(t, ok, "the new page is kept")
	_, ok = pc.get(key(4), 2, testNow)
	assert.False(t, ok, "not for another data version")

	// A page whose handler said when the clock changes it is kept until
	// then only.
	pc.put(key(5), keptPage{version: 1, until: testNow.Add(time.Second), body: []byte("x")})
	_, ok = pc.get(key(5), 1, testNow)
	assert.True(t, ok, "before its moment")
	_, ok = pc.get(key(5), 1, testNow.Add(time.Second))
	assert.False(t, ok, "from its moment on")
}

// keepingOneSession serves list at /list through keep, on a server that
// keeps pages, with every request signed in to one session at one data
// version, as authenticate would leave it.
func keepingOneSession(list echo.HandlerFunc) (*Server, *echo.Echo) {
	s := &Server{cfg: Config{Now: func() time.Time { return testNow }}}
	e := echo.New()
	signedIn := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(tokenKey, "one session")
			c.Set(versionKey, int64(7))
			return next(c)
		}
	}
	e.GET("/list", list, signedIn, s.keep)
	return s, e
}

// Clients of one session that miss the same page at once (wrk's hundred,
// or a script's, after a commit or at the turn of a minute) wait for one
// render of it rather than each rendering it. When that render is not
// kept, each renders its own, so nobody is handed an error meant for
// another request, or left waiting.
func TestConcurrentMissesRenderAPageOnce(t *testing.T) {
	for _, x := range []struct {
		name    string
		status  int
		renders func(clients int) int
	}{
		{"kept: rendered once", http.StatusOK, func(int) int { return 1 }},
		{"not kept: rendered by each", http.StatusServiceUnavailable, func(n int) int { return n }},
	} {
		t.Run(x.name, func(t *testing.T) {
			release := make(chan struct{})
			var renders atomic.Int32
			s, e := keepingOneSession(func(c echo.Context) error {
				renders.Add(1)
				<-release
				return c.String(x.status, "the list")
			})
			srv := httptest.NewServer(e)
			defer srv.Close()

			const clients = 8
			type answer struct {
				code int
				body string
			}
			answers := make(chan answer, clients)
			for range clients {
				go func() {
					resp, err := http.Get(srv.URL + "/list")
					if err != nil {
						answers <- answer{body: err.Error()}
						return
					}
					defer resp.Body.Close()
					b, _ := io.ReadAll(resp.Body)
					answers <- answer{resp.StatusCode, string(b)}
				}()
			}
			require.Eventually(t, func() bool { return renders.Load() >= 1 }, 5*time.Second, time.Millisecond)
			time.Sleep(100 * time.Millisecond) // the others arrive and wait
			close(release)
			for range clients {
				a := <-answers
				assert.Equal(t, answer{x.status, "the list"}, a)
			}
			assert.EqualValues(t, x.renders(clients), renders.Load())
			assert.Empty(t, s.pages.rendering, "nothing is left claimed")
		})
	}
}

// stalledWriter is a client that stops reading: its first write of a body
// blocks until it is let go (a phone that lost its signal, say, until the
// server's write timeout).
type stalledWriter struct {
	*httptest.ResponseRecorder
	writing, release chan struct{}
}

func (w *stalledWriter) Write(b []byte) (int, error) {
	close(w.writing)
	<-w.release
	return w.ResponseRecorder.Write(b)
}

// The client whose request renders a page may be slow to take it, or gone
// without a word. The other clients of the session waiting for that render
// must be served once the page is rendered and kept, not once that client
// has read it: otherwise one stalled tab holds every other tab of the
// session until the server's write timeout (two minutes).
func TestWaitersDoNotWaitForTheRenderersClient(t *testing.T) {
	_, e := keepingOneSession(func(c echo.Context) error { return c.String(http.StatusOK, "the list") })

	slow := &stalledWriter{ResponseRecorder: httptest.NewRecorder(), writing: make(chan struct{}), release: make(chan struct{})}
	leaderDone := make(chan struct{})
	go func() {
		defer close(leaderDone)
		e.ServeHTTP(slow, httptest.NewRequest(http.MethodGet, "/list", nil))
	}()
	defer func() { close(slow.release); <-leaderDone }()
	select {
	case <-slow.writing:
	case <-time.After(5 * time.Second):
		t.Fatal("the first client's page was never written")
	}

	served := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/list", nil))
		served <- rec
	}()
	select {
	case rec := <-served:
		assert.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "the list", rec.Body.String())
	case <-time.After(2 * time.Second):
		t.Fatal("a second client of the session waited for the first client to read its page")
	}
}
