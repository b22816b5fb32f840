package web

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/store"
)

// newDocumentsApp is a test app over a database holding the showcase
// fixture of internal/showcase, changed by any extra SQL given.
func newDocumentsApp(t *testing.T, extra ...string) *testApp {
	t.Helper()
	path := filepath.Join(t.TempDir(), "web.db")
	st, err := store.Open(context.Background(), path, store.WithClock(func() time.Time { return testNow }))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	seed, err := os.ReadFile(filepath.Join("..", "showcase", "testdata", "showcase.sql"))
	require.NoError(t, err)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(ON)")
	require.NoError(t, err)
	defer db.Close()
	for _, q := range append([]string{string(seed)}, extra...) {
		_, err = db.Exec(q)
		require.NoError(t, err)
	}
	// Before the fixture's showcase, so its feed entries are upcoming.
	now := func() time.Time { return time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC) }
	e, err := New(Config{BaseURL: "http://localhost", Now: now}, st, i18n.MustLoad(), slog.New(slog.NewTextHandler(testWriter{t}, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &testApp{t: t, srv: srv, store: st}
}

func TestDocumentsPages(t *testing.T) {
	a := newDocumentsApp(t)
	coord := a.user(domain.RoleCoordinator)
	prison := a.user(domain.RolePrisonStaff)
	pub := a.client()

	page := coord.get("/events/3/documents")
	require.Equal(t, 200, page.code, page.body)
	assert.Contains(t, page.body, "TCH-0009")
	assert.Contains(t, page.body, "No email address: post or phone")
	assert.Contains(t, page.body, "teacher-pack-TCH-0007-cy.pdf")
	assert.NotContains(t, page.body, "Rhodri")

	cases := []struct {
		name        string
		c           *client
		path        string
		code        int
		contentType string
		filename    string
	}{
		{"teacher pack", coord, "/events/3/documents/teacher-pack-TCH-0007-cy.pdf", 200, "application/pdf", "teacher-pack-TCH-0007-cy.pdf"},
		{"invite", coord, "/events/3/documents/invite-FAM-0012.ics", 200, "text/calendar; charset=utf-8", "invite-FAM-0012.ics"},
		{"unknown file", coord, "/events/3/documents/passwords.txt", 404, "", ""},
		{"run sheet for prison staff", prison, "/events/3/runsheet.pdf", 200, "application/pdf", "run-sheet-EV-0003-en.pdf"},
		{"documents not for prison staff", prison, "/events/3/documents", 403, "", ""},
		{"pack not for prison staff", prison, "/events/3/documents/teacher-pack-TCH-0007-cy.pdf", 403, "", ""},
		{"outbox not for prison staff", prison, "/outbox", 403, "", ""},
		{"signed out", pub, "/events/3/runsheet.pdf", 200, "text/html; charset=UTF-8", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.c.get(tc.path)
			if tc.name == "signed out" {
				assert.Equal(t, "/login", r.location)
				return
			}
			assert.Equal(t, tc.code, r.code)
			if tc.contentType != "" {
				assert.Equal(t, tc.contentType, r.header.Get("Content-Type"))
				assert.Equal(t, `attachment; filename=`+tc.filename, r.header.Get("Content-Disposition"))
			}
		})
	}

	r := coord.post("/events/3/invitations", url.Values{})
	require.Equal(t, 200, r.code, r.body)
	assert.Equal(t, "/events/3/documents", r.location)
	assert.Contains(t, r.body, "Invitations are in the outbox.")
	assert.Contains(t, r.body, "Nothing to send")

	msgs, err := a.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: 3})
	require.NoError(t, err)
	require.Len(t, msgs, 4)
	out := coord.get("/outbox")
	require.Equal(t, 200, out.code)
	assert.Contains(t, out.body, "Gwahoddiad: Cyfarfod Parth Ysgol, CEF Parc")
	eml := coord.get("/outbox/" + docID(msgs[0].ID) + ".eml")
	assert.Equal(t, 200, eml.code)
	assert.Equal(t, "message/rfc822", eml.header.Get("Content-Type"))
	assert.Contains(t, eml.body, "method=REQUEST")
	assert.Equal(t, 404, coord.get("/outbox/999.eml").code)
}

func TestTeacherFeed(t *testing.T) {
	a := newDocumentsApp(t)
	coord := a.user(domain.RoleCoordinator)
	pub := a.client()

	// The documents page links to a confirm page first.
	assert.Contains(t, coord.get("/events/3/documents").body, `href="/teachers/8/feed?back=/events/3/documents"`)
	r := coord.post("/teachers/8/feed", url.Values{"back": {"/events/3/documents"}})
	require.Equal(t, "/teachers/8/feed", r.location)
	assert.Contains(t, r.body, "Make a new calendar link?")
	assert.NotContains(t, r.body, "webcal://", "nothing made without the yes")
	r = coord.post("/teachers/8/feed", url.Values{"back": {"/events/3/documents"}, "confirm": {"yes"}})
	require.Equal(t, 200, r.code, r.body)
	m := regexp.MustCompile(`webcal://[^/]+/feeds/([A-Za-z0-9_-]{43})\.ics`).FindStringSubmatch(r.body)
	require.NotNil(t, m, r.body)

	feed := pub.get("/feeds/" + m[1] + ".ics")
	require.Equal(t, 200, feed.code)
	assert.Equal(t, "text/calendar; charset=utf-8", feed.header.Get("Content-Type"))
	assert.Contains(t, feed.body, "METHOD:PUBLISH")
	assert.Contains(t, feed.body, "UID:sz-ev3-teacher8-feed@localhost")
	assert.NotContains(t, feed.body, "ATTENDEE")
	for _, name := range []string{"Rhodri", "Gareth", "Gwenllïan", "Siôn"} {
		assert.NotContains(t, feed.body, name)
	}
	assert.Equal(t, 404, pub.get("/feeds/"+strings.Repeat("x", 43)+".ics").code)

	// A new link revokes the old one.
	require.Equal(t, 200, coord.post("/teachers/8/feed", url.Values{"confirm": {"yes"}}).code)
	assert.Equal(t, 404, pub.get("/feeds/"+m[1]+".ics").code)
}

func docID(n int64) string { return strconv.FormatInt(n, 10) }

// TestCustodyTransferStandsDown: recording a transfer takes the family out
// of the showcase and queues "please do not travel" for carer and school.
// The fixture seats families without recording their workflow steps, so
// prison staff (who see a family only from clearance on) cannot see them;
// the coordinator records the prison's word here.
func TestCustodyTransferStandsDown(t *testing.T) {
	a := newDocumentsApp(t)
	coord := a.user(domain.RoleCoordinator)
	r := coord.post("/families/12/custody", url.Values{"status": {"transferred"}})
	require.Contains(t, r.body, "Saved.", r.body)
	msgs, err := a.store.Outbox(context.Background(), store.OutboxFilter{Scope: domain.Unrestricted, EventID: 3})
	require.NoError(t, err)
	var to []string
	for _, m := range msgs {
		assert.Equal(t, "do_not_travel", m.Kind)
		to = append(to, m.To)
	}
	assert.ElementsMatch(t, []string{"angharad@example.org", "pennaeth@ywern.example"}, to)
}
