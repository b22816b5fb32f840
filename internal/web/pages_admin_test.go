package web

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

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
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Choose the one prison this member of prison staff works at", "prison staff belong to a prison")
	prison, err := a.store.CreatePrison(t.Context(), domain.System, domain.Prison{Name: "HMP Example"})
	require.NoError(t, err)
	other, err := a.store.CreatePrison(t.Context(), domain.System, domain.Prison{Name: "HMP Other"})
	require.NoError(t, err)
	good["prisons"] = []string{fmt.Sprint(prison), fmt.Sprint(other)}
	r = admin.post("/users", good)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Choose the one prison", "and to one only")
	good["prisons"] = []string{fmt.Sprint(prison)}
	r = admin.post("/users", good)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Prisons: HMP Example")
	assert.Equal(t, "/users", r.location)
	assert.Contains(t, r.body, "The account has been added")
	assert.Contains(t, r.body, "Prison staff")
	u, err := a.store.UserByEmail(t.Context(), "pat@prison.example")
	require.NoError(t, err)
	assert.Equal(t, domain.RolePrisonStaff, u.Role)
	assert.Equal(t, "cy", u.Lang)
	assert.Equal(t, []int64{prison}, u.Prisons)

	r = admin.post("/users", good)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "An account with this email address already exists")

	// The new account can sign in.
	c := a.client()
	r = c.post("/login", url.Values{"email": {"pat@prison.example"}, "password": {testPassword}})
	assert.Equal(t, "/clearance", r.location)
}

// An administrator changes where an existing account works; the account's
// next page follows, and a coordinator is never left with no prison.
func TestChangeWhereAnAccountWorks(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	admin := a.userIn(domain.RoleAdmin, "admin")
	staff := a.userIn(domain.RolePrisonStaff, "A", w.A.prison)
	coord := a.userIn(domain.RoleCoordinator, "A", w.A.prison)
	users, err := a.store.Users(t.Context())
	require.NoError(t, err)
	idOf := map[domain.Role]string{}
	for _, u := range users {
		idOf[u.Role] = fmt.Sprint(u.ID)
	}

	r := admin.page.get("/users")
	assert.Contains(t, r.body, "Prisons: HMP Alpha")
	assert.Contains(t, r.body, "Every prison and area")
	assert.Contains(t, staff.page.get("/clearance").body, "Parent Alphaready")

	r = admin.page.post("/users/scope", url.Values{"account": {idOf[domain.RolePrisonStaff]}, "scope_prisons": {fmt.Sprint(w.B.prison)}})
	require.Equal(t, "/users", r.location, r.body)
	assert.Contains(t, r.body, "Saved. The account works with the new prisons")
	assert.Contains(t, r.body, "Prisons: HMP Beta")
	body := staff.page.get("/clearance").body
	assert.Contains(t, body, "Parent Betaready", "the next page follows the change")
	assert.NotContains(t, body, "Parent Alphaready")

	r = admin.page.post("/users/scope", url.Values{"account": {idOf[domain.RoleCoordinator]}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Choose at least one prison this coordinator works with")
	assert.Contains(t, coord.page.get("/").body, "Parent Alphaready", "nothing changed")

	r = admin.page.post("/users/scope", url.Values{"account": {idOf[domain.RoleAdmin]}, "scope_prisons": {fmt.Sprint(w.A.prison)}})
	assert.Equal(t, http.StatusBadRequest, r.code, "an administrator is limited by nothing")
	assert.Equal(t, http.StatusForbidden, coord.page.post("/users/scope", url.Values{"account": {idOf[domain.RolePrisonStaff]}}).code)

	assert.Contains(t, admin.page.get("/users?lang=cy").body, "Newid ble mae cyfrif yn gweithio")
}
