package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/quotedprintable"
	"net/http"
	netmail "net/mail"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
	"schoolzone/internal/store"
)

// auditActions lists the audit log's actions on an account, oldest first.
func auditActions(t *testing.T, a *testApp, id int64) []string {
	t.Helper()
	entries, err := a.store.AuditLog(t.Context(), store.AuditFilter{Entity: "user", EntityID: id})
	require.NoError(t, err)
	var out []string
	for i := len(entries) - 1; i >= 0; i-- {
		out = append(out, entries[i].Action)
	}
	return out
}

func userID(t *testing.T, a *testApp, email string) int64 {
	t.Helper()
	u, err := a.store.UserByEmail(t.Context(), email)
	require.NoError(t, err)
	return u.ID
}

func TestDisablingAnAccountEndsItsSessionsAndStopsSignIn(t *testing.T) {
	a := newTestApp(t)
	admin := a.user(domain.RoleAdmin)
	coord := a.user(domain.RoleCoordinator)
	api := a.apiAs(domain.RoleCoordinator)
	id := userID(t, a, "coordinator@example.org")
	apiID := userID(t, a, "api-coordinator@example.org")
	page := fmt.Sprintf("/users/%d", id)

	r := admin.get(page + "/disable")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "signed out everywhere at once", "the confirm step says what will happen")
	assert.Equal(t, "/", coord.get("/").location, "nothing happens until it is confirmed")

	r = admin.post(page+"/disable", url.Values{})
	assert.Equal(t, page, r.location)
	assert.Contains(t, r.body, "The account is disabled")
	assert.Equal(t, "/login", coord.get("/").location, "its session has ended")
	r = a.client().post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}})
	assert.Equal(t, http.StatusUnauthorized, r.code, "it cannot sign in")

	admin.post(fmt.Sprintf("/users/%d/disable", apiID), url.Values{})
	assert.Equal(t, http.StatusUnauthorized, api.call(http.MethodGet, "/api/v1/families", nil).code, "API tokens end too")

	r = admin.post(page+"/enable", url.Values{})
	assert.Contains(t, r.body, "enabled again")
	r = a.client().post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}})
	assert.Equal(t, "/", r.location)
	assert.Equal(t, []string{"create", "disable", "enable"}, auditActions(t, a, id))

	// The only administrator cannot be disabled, by anyone.
	adminID := userID(t, a, "admin@example.org")
	r = admin.post(fmt.Sprintf("/users/%d/disable", adminID), url.Values{})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "only administrator who can sign in")
	assert.Contains(t, r.body, "<title>Error: ")
	assert.ErrorIs(t, a.store.SetUserDisabled(t.Context(), domain.System, adminID, true), store.ErrLastAdmin)
}

// resetLink reads the link out of the newest password reset email.
func resetLink(t *testing.T, a *testApp, now time.Time) string {
	t.Helper()
	msgs, err := a.store.Outbox(t.Context(), store.OutboxFilter{Scope: domain.Unrestricted})
	require.NoError(t, err)
	require.NotEmpty(t, msgs)
	require.Equal(t, store.PasswordResetKind, msgs[0].Kind)
	m, err := a.store.OutboxMessageByID(t.Context(), msgs[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "coordinator@example.org", m.To)
	// As the sender takes it: nobody else can read the message.
	due, err := a.store.ClaimDue(t.Context(), now, 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, due, 1)
	msg, err := netmail.ReadMessage(bytes.NewReader(due[0].EML))
	require.NoError(t, err)
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	require.NoError(t, err)
	link := regexp.MustCompile(`http://localhost(/reset/[A-Za-z0-9_-]{43})\b`).FindStringSubmatch(string(body))
	require.NotNil(t, link, string(body))
	return link[1]
}

func TestAResetLinkGoesThroughTheOutboxAndWorksOnce(t *testing.T) {
	clock := &testClock{now: testNow}
	a := newTestAppAt(t, clock.Now, nil)
	admin := a.user(domain.RoleAdmin)
	coord := a.user(domain.RoleCoordinator)
	id := userID(t, a, "coordinator@example.org")

	r := admin.post(fmt.Sprintf("/users/%d/reset", id), url.Values{})
	assert.Contains(t, r.body, "A password reset link is in the outbox")
	link := resetLink(t, a, clock.Now())
	token := strings.TrimPrefix(link, "/reset/")
	_, err := a.store.PasswordResetUser(t.Context(), token)
	require.NoError(t, err, "the link names the account")
	msgs, _ := a.store.Outbox(t.Context(), store.OutboxFilter{Scope: domain.Unrestricted})
	r = admin.get(fmt.Sprintf("/outbox/%d.eml", msgs[0].ID))
	assert.Equal(t, http.StatusNotFound, r.code, "nobody can download the link from the outbox")

	visitor := a.client()
	r = visitor.get(link)
	require.Equal(t, http.StatusOK, r.code)
	r = visitor.post(link, url.Values{"password": {"Password1234"}, "confirm": {"Password1234"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "one of the most common")
	const fresh = "a brand new passphrase"
	r = visitor.post(link, url.Values{"password": {fresh}, "confirm": {fresh}})
	assert.Equal(t, "/login", r.location)
	assert.Contains(t, r.body, "Your new password is set")

	assert.Equal(t, "/login", coord.get("/").location, "the account's sessions ended")
	r = a.client().post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}})
	assert.Equal(t, http.StatusUnauthorized, r.code, "the old password is gone")
	r = a.client().post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {fresh}})
	assert.Equal(t, "/", r.location)

	r = visitor.post(link, url.Values{"password": {"yet another passphrase"}, "confirm": {"yet another passphrase"}})
	assert.Equal(t, http.StatusNotFound, r.code, "a link works once")
	assert.Contains(t, r.body, "This link no longer works")

	admin.post(fmt.Sprintf("/users/%d/reset", id), url.Values{})
	late := resetLink(t, a, clock.Now())
	clock.Add(resetTTL + time.Minute)
	assert.Equal(t, http.StatusNotFound, a.client().get(late).code, "a link expires")
	assert.Equal(t, []string{"create", "send_password_reset", "reset_password", "send_password_reset"}, auditActions(t, a, id))
}

func TestChangingYourPasswordEndsYourOtherSessions(t *testing.T) {
	a := newTestApp(t)
	here := a.user(domain.RoleCoordinator)
	there := a.client()
	there.post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}})
	require.Equal(t, "/", there.get("/").location)

	const fresh = "a brand new passphrase"
	tests := []struct {
		name                       string
		current, password, confirm string
		field                      string
	}{
		{"wrong current password", "not my password", fresh, fresh, "Enter your current password"},
		{"too short", testPassword, "short", "short", "at least 12 characters"},
		{"does not match", testPassword, fresh, fresh + "!", "do not match"},
	}
	for _, tt := range tests {
		r := here.post("/account/password", url.Values{"current": {tt.current}, "password": {tt.password}, "confirm": {tt.confirm}})
		assert.Equal(t, http.StatusBadRequest, r.code, tt.name)
		assert.Contains(t, r.body, tt.field, tt.name)
		assert.Equal(t, "/", there.get("/").location, "%s: nothing changed", tt.name)
	}

	r := here.post("/account/password", url.Values{"current": {testPassword}, "password": {fresh}, "confirm": {fresh}})
	assert.Equal(t, "/account/password", r.location)
	assert.Contains(t, r.body, "Your password has been changed")
	assert.Equal(t, "/", here.get("/").location, "this session stays")
	assert.Equal(t, "/login", there.get("/").location, "the other one ends")
	r = a.client().post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {fresh}})
	assert.Equal(t, "/", r.location)
	assert.Contains(t, auditActions(t, a, userID(t, a, "coordinator@example.org")), "change_password")
}

func TestAnAdministratorSeesAndEndsAnAccountsSessions(t *testing.T) {
	a := newTestApp(t)
	admin := a.user(domain.RoleAdmin)
	coord := a.user(domain.RoleCoordinator)
	id := userID(t, a, "coordinator@example.org")
	sessions, err := a.store.UserSessions(t.Context(), id)
	require.NoError(t, err)
	require.Len(t, sessions, 1)

	r := admin.get(fmt.Sprintf("/users/%d", id))
	assert.Contains(t, r.body, "Web browser")
	revoke := fmt.Sprintf("/users/%d/sessions/%d/revoke", id, sessions[0].ID)
	assert.Contains(t, r.body, `href="`+revoke+`"`)
	r = admin.get(revoke)
	assert.Contains(t, r.body, "End this session?")
	assert.Equal(t, "/", coord.get("/").location, "still signed in before confirming")
	r = admin.post(revoke, url.Values{})
	assert.Contains(t, r.body, "The session has ended")
	assert.Equal(t, "/login", coord.get("/").location)
	assert.Equal(t, http.StatusNotFound, admin.post(revoke, url.Values{}).code, "gone")
	assert.Contains(t, auditActions(t, a, id), "revoke_session")
	coord = a.client()
	coord.post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}})
	assert.Equal(t, http.StatusForbidden, coord.get(fmt.Sprintf("/users/%d", id)).code, "administrators only")
}

func TestSessionsEndWhenIdleAndAtTheLatest(t *testing.T) {
	clock := &testClock{now: testNow}
	a := newTestAppAt(t, clock.Now, nil)
	c := a.user(domain.RoleCoordinator)

	clock.Add(sessionIdle - time.Minute)
	assert.Equal(t, "/", c.get("/").location, "used within the idle time")
	clock.Add(sessionIdle - time.Minute)
	assert.Equal(t, "/", c.get("/").location, "each use keeps it alive")
	clock.Add(sessionIdle + time.Minute)
	assert.Equal(t, "/login", c.get("/").location, "idle too long")

	c = a.client()
	c.post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {testPassword}})
	start := clock.Now()
	for clock.Now().Sub(start) < sessionTTL-time.Hour {
		clock.Add(time.Hour)
		require.Equal(t, "/", c.get("/").location, "in use at %v", clock.Now().Sub(start))
	}
	clock.Add(time.Hour + time.Minute)
	assert.Equal(t, "/login", c.get("/").location, "ends at the latest after %v, however busy", sessionTTL)
}

func TestSetupMakesOneAdministratorHoweverManyAtOnce(t *testing.T) {
	a := newTestApp(t)
	var wg sync.WaitGroup
	codes := make([]string, 20)
	for i := range 20 {
		wg.Go(func() {
			c := a.client()
			c.get("/setup")
			r := c.post("/setup", url.Values{"name": {fmt.Sprint("Admin ", i)}, "email": {fmt.Sprintf("admin%d@example.org", i)}, "password": {testPassword}, "confirm": {testPassword}})
			codes[i] = r.location
		})
	}
	wg.Wait()
	n, err := a.store.CountUsers(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, n, "exactly one administrator")
	assert.Contains(t, codes, "/")
}

func TestTheStoreMakesOneFirstAdministrator(t *testing.T) {
	a := newTestApp(t)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			a.store.CreateFirstAdmin(context.Background(), domain.User{Email: fmt.Sprintf("a%d@example.org", i), Name: "A", Role: domain.RoleAdmin, PasswordHash: "x", Lang: "en"})
		})
	}
	wg.Wait()
	n, err := a.store.CountUsers(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	_, err = a.store.CreateFirstAdmin(t.Context(), domain.User{Email: "late@example.org", Name: "Late", Role: domain.RoleAdmin, PasswordHash: "x", Lang: "en"})
	assert.ErrorIs(t, err, store.ErrSetupDone)
}
