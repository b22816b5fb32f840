package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// asWith is a.as with extra request headers.
func (a *testApp) asWith(u scopedUser, base, path string, hdr map[string]string) response {
	a.t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	require.NoError(a.t, err)
	if isAPIPath(path) {
		req.Header.Set("Authorization", "Bearer "+u.api.token)
	} else {
		site, _ := url.Parse(a.srv.URL)
		for _, ck := range u.page.http.Jar.Cookies(site) {
			req.AddCookie(ck)
		}
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	return response{code: resp.StatusCode, body: string(b), header: resp.Header}
}

// The API picks its language from Accept-Language inside the handler
// (s.api), after keep has made its key from the language middleware's
// choice (the account's preference). A script asking in Welsh and then in
// English on the same token gets the Welsh answer kept.
func TestKeptPageHostileAPIAcceptLanguageIsNotInTheKey(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	fresh := a.freshTwin(func() time.Time { return testNow })
	coord := a.userIn(domain.RoleCoordinator, "a", w.A.prison)
	for _, p := range []string{"/api/v1/families", fmt.Sprintf("/api/v1/families/%d", w.A.ready)} {
		cy := a.asWith(coord, a.srv.URL, p, map[string]string{"Accept-Language": "cy"})
		require.Equal(t, http.StatusOK, cy.code)
		got := a.asWith(coord, a.srv.URL, p, map[string]string{"Accept-Language": "en"})
		want := a.asWith(coord, fresh, p, map[string]string{"Accept-Language": "en"})
		require.NotEqual(t, cy.body, want.body, "%s: the answer differs by language", p)
		assert.Equal(t, want.body, got.body, "%s: asked in English, answered from the Welsh one kept", p)
	}
}

// A lock ends at a second, not on a minute; the accounts list kept in the
// minute the lock ends still says "locked" after it has ended.
func TestKeptPageHostileLockEndingMidMinuteIsStaleOnUsers(t *testing.T) {
	clock := &testClock{now: testNow.Add(30 * time.Second)}
	a := newTestAppAt(t, clock.Now, nil)
	fresh := a.freshTwin(clock.Now)
	admin := a.userIn(domain.RoleAdmin, "x")
	a.userIn(domain.RoleCoordinator, "v")
	id := userID(t, a, "coordinator-v@example.org")
	for range store.LockAfter {
		_, err := a.store.RecordLoginFailure(context.Background(), id)
		require.NoError(t, err)
	}
	clock.Add(store.LockFor - 2*time.Second) // the lock has 2 s to go, at :28 of the minute
	before := a.as(admin, a.srv.URL, "/users")
	require.Equal(t, http.StatusOK, before.code)
	clock.Add(4 * time.Second) // :32, the same minute; the lock has ended
	want := a.as(admin, fresh, "/users")
	got := a.as(admin, a.srv.URL, "/users")
	require.Equal(t, countLocked(before.body)-1, countLocked(want.body), "a fresh render no longer says locked")
	assert.Equal(t, want.body, got.body, "the kept accounts list still says locked")
}

// countLocked is how many accounts the list tags (locked or disabled).
func countLocked(body string) int { return strings.Count(body, `<span class="tag stopped">`) }

// pageCacheBytes counts bodies only. The key holds the request URI, which
// a signed-in script makes as long as the server's header limit allows
// (about 1 MB, a long parameter name is not checked), while the body of
// a families list stays a few hundred bytes: the "32 MB" cache holds many
// times that before it starts again.
func TestKeptPageHostileKeptPagesBoundIgnoresTheKeysSize(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	coord := a.userIn(domain.RoleCoordinator, "a", w.A.prison)
	pad := make([]byte, 900<<10)
	for i := range pad {
		pad[i] = 'a'
	}
	uri := func(i int) string { return fmt.Sprintf("/api/v1/families?%d%s=", i, pad) }
	total := 0
	for i := range 40 {
		r := a.as(coord, a.srv.URL, uri(i))
		require.Equal(t, http.StatusOK, r.code, r.body)
		total += len(uri(i))
	}
	require.Greater(t, total, pageCacheBytes)
	again := a.readsFor(func() int { return a.as(coord, a.srv.URL, uri(0)).code })
	assert.Greater(t, again, int64(keptReads), "the first page is still kept after %d MB of keys: the bound counts bodies only", total>>20)
}

// A HEAD on a kept page.
func TestKeptPageHostileHeadOnAKeptPage(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	coord := a.userIn(domain.RoleCoordinator, "a", w.A.prison)
	req, err := http.NewRequest(http.MethodHead, a.srv.URL+"/families", nil)
	require.NoError(t, err)
	site, _ := url.Parse(a.srv.URL)
	for _, ck := range coord.page.http.Jar.Cookies(site) {
		req.AddCookie(ck)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
	t.Logf("HEAD /families: %d", resp.StatusCode)
	got := a.as(coord, a.srv.URL, "/families")
	assert.Equal(t, http.StatusOK, got.code)
	assert.Contains(t, got.body, "</html>")
}

// authenticate loads the account (and its scope) before keep reads the
// data version. A scope change committed between the two leaves a page
// rendered with the old scope kept under the new version: every request
// after it, in that minute, is served the prison the account no longer
// has. Readers hammer the families list while prison A is taken from
// coordinator b; after the commit and the readers have stopped, the kept
// page must be what a fresh render shows.
func TestKeptPageHostileScopeWithdrawnBetweenAuthenticateAndVersionRead(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	fresh := a.freshTwin(func() time.Time { return testNow })
	coordB := a.userIn(domain.RoleCoordinator, "b", w.B.prison)
	id := userID(t, a, "coordinator-b@example.org")
	ctx := context.Background()
	const path = "/api/v1/families"
	for trial := range 60 {
		require.NoError(t, a.store.SetUserScope(ctx, domain.System, id, []int64{w.B.prison, w.A.prison}, nil))
		require.Contains(t, a.as(coordB, a.srv.URL, path).body, w.A.readyRef)
		stop := make(chan struct{})
		done := make(chan struct{})
		for range 6 {
			go func() {
				defer func() { done <- struct{}{} }()
				for {
					select {
					case <-stop:
						return
					default:
					}
					a.as(coordB, a.srv.URL, path)
				}
			}()
		}
		time.Sleep(time.Duration(2+trial%5) * time.Millisecond)
		require.NoError(t, a.store.SetUserScope(ctx, domain.System, id, []int64{w.B.prison}, nil))
		time.Sleep(5 * time.Millisecond)
		close(stop)
		for range 6 {
			<-done
		}
		want := a.as(coordB, fresh, path)
		got := a.as(coordB, a.srv.URL, path)
		require.NotContains(t, want.body, w.A.readyRef)
		if got.body != want.body {
			t.Fatalf("trial %d: prison a taken from coordinator b, but the kept %s still shows it:\n%s", trial, path, got.body)
		}
	}
}

// A page opened with ?lang= is kept (the language cookie is set before
// keep runs, so keep does not see it as the page's own), contrary to
// keep's comment; but it is still what a fresh render shows, and the
// account's preference is still saved on a kept serve.
func TestKeptPageHostileLangQueryOnAKeptPageHolds(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	fresh := a.freshTwin(func() time.Time { return testNow })
	coord := a.userIn(domain.RoleCoordinator, "a", w.A.prison)
	id := userID(t, a, "coordinator-a@example.org")
	for _, p := range []string{"/families?lang=cy", "/families?lang=en", "/families?lang=cy", "/api/v1/families?lang=cy", "/api/v1/families?lang=en"} {
		got := a.as(coord, a.srv.URL, p)
		u, err := a.store.UserByEmail(t.Context(), "coordinator-a@example.org")
		require.NoError(t, err)
		assert.Equal(t, p[len(p)-2:], u.Lang, "%s: the account's language is saved (user %d)", p, id)
		want := a.as(coord, fresh, p)
		assert.Equal(t, want.body, got.body, p)
	}
}
