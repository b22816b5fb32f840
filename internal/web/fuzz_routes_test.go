package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// fuzzWorld is a server over a temp database holding one of everything
// (prison, school, teacher, family, showcase), so every path with an ID of
// 1 reaches a record, and an administrator's session.
type fuzzWorld struct {
	h      http.Handler
	token  string // a browser's session, for pages
	api    string // an API client's bearer token
	routes []Route
}

const fuzzCSRF = "fuzz-csrf-token-fuzz-csrf-token-1"

func newFuzzWorld(f *testing.F, routes func(*Server) []Route) fuzzWorld {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"), store.WithClock(func() time.Time { return testNow }))
	require.NoError(f, err)
	f.Cleanup(func() { st.Close() })
	e, err := New(Config{BaseURL: "http://localhost", Now: func() time.Time { return testNow }}, st, i18n.MustLoad(), slog.New(slog.DiscardHandler))
	require.NoError(f, err)
	hash, err := HashPassword(testPassword)
	require.NoError(f, err)
	uid, err := st.CreateUser(ctx, domain.System, domain.User{Email: "admin@example.org", Name: "Admin", Role: domain.RoleAdmin, PasswordHash: hash, Lang: "en"})
	require.NoError(f, err)
	w := fuzzWorld{h: e, token: "fuzz-session-token-fuzz-session-token", api: "fuzz-api-token-fuzz-api-token-fuzz", routes: routes(&Server{})}
	require.NoError(f, st.CreateSession(ctx, w.token, uid, store.SessionWeb, 24*time.Hour*365*10))
	require.NoError(f, st.CreateSession(ctx, w.api, uid, store.SessionAPI, 24*time.Hour*365*10))
	prison, err := st.CreatePrison(ctx, domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(f, err)
	la, err := st.CreateLocalAuthority(ctx, domain.System, "Bridgend")
	require.NoError(f, err)
	school, err := st.CreateSchool(ctx, domain.System, domain.School{Name: "Ysgol y Bryn", Type: "primary", LanguageMedium: "welsh", LocalAuthorityID: la, Lang: "cy"})
	require.NoError(f, err)
	_, err = st.CreateTeacher(ctx, domain.System, domain.Teacher{SchoolID: school, Name: "Ms Rees", Email: "rees@example.org", Role: "class_teacher", Lang: "cy"})
	require.NoError(f, err)
	_, err = st.CreateReferral(ctx, domain.System, domain.ReferralInput{PrisonID: prison, ParentName: "Rhodri", ReferralSource: "parent", ReferredOn: "2026-11-20",
		Carer:    domain.Carer{Name: "Seren", Relationship: "parent", Phone: "07700 900123", Lang: "cy", Primary: true},
		Children: []domain.Child{{FirstName: "Cai", SchoolID: school, Lang: "cy", WantsToAttend: domain.WishUndecided}}})
	require.NoError(f, err)
	_, err = st.CreateEvent(ctx, domain.System, domain.Event{PrisonID: prison, Title: "Showcase", StartsAt: testNow.Add(240 * time.Hour), SlotMinutes: 10, Slots: 6, ArrivalMinutes: 45})
	require.NoError(f, err)
	return w
}

var pathParam = regexp.MustCompile(`:[a-z]+`)

// post sends body to the i-th POST route (modulo their number) and
// returns the status.
func (w fuzzWorld) post(t *testing.T, i uint8, body []byte, page bool) (string, int) {
	var posts []Route
	for _, r := range w.routes {
		if r.Method == http.MethodPost {
			posts = append(posts, r)
		}
	}
	r := posts[int(i)%len(posts)]
	path := pathParam.ReplaceAllString(r.Path, "1")
	var req *http.Request
	if page {
		req = httptest.NewRequest(http.MethodPost, path, strings.NewReader("_csrf="+fuzzCSRF+"&"+string(body)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "_csrf", Value: fuzzCSRF})
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: w.token})
	} else {
		req = httptest.NewRequest(http.MethodPost, path, strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+w.api)
	}
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, req)
	return r.Path, rec.Code
}

// FuzzAPIRoutes sends any body to every POST route of the API, as an
// administrator: each is answered, and never with a 5xx.
func FuzzAPIRoutes(f *testing.F) {
	w := newFuzzWorld(f, (*Server).apiRoutes)
	for i := range len(w.routes) {
		for _, b := range []string{`{}`, `{"parent_name":"Rhodri\u0000","children":[{"first_name":"Cai"}],"attendees":4611686018427387904,"date":"9999-12-31"}`, `{"a":`} {
			f.Add(uint8(i), []byte(b))
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		if path, code := w.post(t, route, body, false); code >= 500 {
			t.Fatalf("POST %s %q: %d", path, body, code)
		}
	})
}

// FuzzPageForms sends any form to every POST page route, signed in as an
// administrator with a valid CSRF token: never a 5xx.
func FuzzPageForms(f *testing.F) {
	w := newFuzzWorld(f, (*Server).routes)
	for i := range len(w.routes) {
		for _, b := range []string{"", "rows=0&parent_name=%00&name=%ED%A0%80", "child_first_name_0=Cai&referred_on=0000-01-01&attendees=4611686018427387904&date=9999-12-31"} {
			f.Add(uint8(i), []byte(b))
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		if path, code := w.post(t, route, body, true); code >= 500 {
			t.Fatalf("POST %s %q: %d", path, body, code)
		}
	})
}
