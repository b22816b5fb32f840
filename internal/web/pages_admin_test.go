package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func TestAuditLogNewestFirstAndFiltered(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	admin := a.user(domain.RoleAdmin)
	coord := a.user(domain.RoleCoordinator)
	r := coord.post(fmt.Sprintf("/schools/%d/teachers", w.school), url.Values{"name": {"Mr Price"}, "email": {"price@ysgol.example"}, "role": {"senco"}, "lang": {"en"}})
	require.Equal(t, http.StatusOK, r.code)

	r = admin.get("/audit")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Test coordinator", "the actor is named")
	assert.Contains(t, r.body, "<details>")
	assert.Contains(t, r.body, "&#34;Name&#34;: &#34;Mr Price&#34;", "after-JSON is shown, indented")
	assert.Contains(t, r.body, "23 November 2026 10:00", "times are UK time")
	teacher, school := strings.Index(r.body, "Mr Price"), strings.Index(r.body, "Ysgol Gynradd Glanfa")
	require.Positive(t, teacher)
	require.Positive(t, school)
	assert.Less(t, teacher, school, "newest first")

	r = admin.get(fmt.Sprintf("/audit?entity=school&entity_id=%d", w.school))
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Ysgol Gynradd Glanfa")
	assert.NotContains(t, r.body, "Mr Price", "filtered to one school")
	assert.Contains(t, r.body, `<option value="school" selected>School</option>`)

	r = admin.get("/audit?entity=teacher")
	assert.Contains(t, r.body, "Mr Price")
	assert.NotContains(t, r.body, "HMP Glanfa")

	r = admin.get("/audit?entity_id=twelve")
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Enter a record number, like 12")
	assert.Contains(t, r.body, `value="twelve"`)

	assert.Contains(t, admin.get("/audit?lang=cy").body, "Log archwilio")
}

func TestAddAccount(t *testing.T) {
	a := newTestApp(t)
	admin := a.user(domain.RoleAdmin)

	r := admin.get("/users")
	assert.Contains(t, r.body, "admin@example.org")
	assert.Contains(t, r.body, `autocomplete="new-password"`)

	bad := url.Values{"name": {"Pat Prison"}, "email": {"pat@prison.example"}, "role": {"prison_staff"}, "lang": {"cy"}, "password": {"short"}, "confirm": {"short"}}
	r = admin.post("/users", bad)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Use a password of at least 12 characters")
	assert.Contains(t, r.body, `value="pat@prison.example"`, "what was typed is kept")
	assert.NotContains(t, r.body, `value="short"`, "passwords are never echoed")

	mismatch := url.Values{"name": {"Pat Prison"}, "email": {"pat@prison.example"}, "role": {"warden"}, "lang": {"cy"}, "password": {testPassword}, "confirm": {testPassword + "!"}}
	r = admin.post("/users", mismatch)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "The two passwords do not match")
	assert.Contains(t, r.body, "Choose one of the options")

	badLang := url.Values{"name": {"Pat Prison"}, "email": {"pat@prison.example"}, "role": {"prison_staff"}, "lang": {"fr"}, "password": {testPassword}, "confirm": {testPassword}}
	assert.Equal(t, http.StatusBadRequest, admin.post("/users", badLang).code)
	_, err := a.store.UserByEmail(t.Context(), "pat@prison.example")
	assert.ErrorIs(t, err, domain.ErrNotFound, "nothing saved on bad input")

	good := url.Values{"name": {"Pat Prison"}, "email": {"pat@prison.example"}, "role": {"prison_staff"}, "lang": {"cy"}, "password": {testPassword}, "confirm": {testPassword}}
	r = admin.post("/users", good)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "/users", r.location)
	assert.Contains(t, r.body, "The account has been added")
	assert.Contains(t, r.body, "Prison staff")
	u, err := a.store.UserByEmail(t.Context(), "pat@prison.example")
	require.NoError(t, err)
	assert.Equal(t, domain.RolePrisonStaff, u.Role)
	assert.Equal(t, "cy", u.Lang)

	r = admin.post("/users", good)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "An account with this email address already exists")

	// The new account can sign in.
	c := a.client()
	r = c.post("/login", url.Values{"email": {"pat@prison.example"}, "password": {testPassword}})
	assert.Equal(t, "/clearance", r.location)
}
