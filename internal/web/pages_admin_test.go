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
	assert.Contains(t, r.body, `<a class="button" href="/users/new">Add an account</a>`)
	r = admin.get("/users/new")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `<form method="post" action="/users"`)
	assert.Contains(t, r.body, `autocomplete="new-password"`)

	bad := url.Values{"name": {"Pat Prison"}, "email": {"pat@prison.example"}, "role": {"prison_staff"}, "lang": {"cy"}, "password": {"short"}, "confirm": {"short"}}
	r = admin.post("/users", bad)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `<h1>Add an account</h1>`, "the form's own page, not the list")
	assert.NotContains(t, r.body, `<caption>People who can sign in</caption>`)
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

// The account list is the list alone: its forms, with a checkbox for
// every prison of a national service, are each on a page of their own.
func TestAccountListHasNoForms(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	admin := a.userIn(domain.RoleAdmin, "admin")
	a.userIn(domain.RoleCoordinator, "A", w.A.prison)
	r := admin.page.get("/users")
	require.Equal(t, http.StatusOK, r.code)
	for _, no := range []string{`name="prisons"`, `name="authorities"`, `name="password"`, `action="/users`} {
		assert.NotContains(t, r.body, no)
	}
	assert.Contains(t, r.body, `href="/users/new"`)
	assert.Contains(t, r.body, "Prisons: HMP Alpha", "the list still says where each account works")
}

// A bad new account is shown again on the new-account page with what was
// wrong; a good one is added and the list says so.
func TestNewAccountPage(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	admin := a.userIn(domain.RoleAdmin, "admin")
	good := url.Values{"name": {"Cai Coord"}, "email": {"cai@example.org"}, "role": {"coordinator"}, "lang": {"en"},
		"prisons": {id(w.A.prison)}, "password": {testPassword}, "confirm": {testPassword}}
	without := func(field string) url.Values {
		v := url.Values{}
		for k, x := range good {
			if k != field {
				v[k] = x
			}
		}
		return v
	}
	tests := []struct {
		name  string
		form  url.Values
		field string
		msg   string
	}{
		{"no name", without("name"), "name", "Enter"},
		{"a coordinator with no prison", without("prisons"), "prisons", "Choose at least one prison this coordinator works with"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := admin.page.post("/users", tt.form)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Contains(t, r.body, `class="error-summary"`)
			assert.Contains(t, r.body, `href="#f-`+tt.field+`"`, "the summary links to the field")
			assert.Contains(t, r.body, tt.msg)
			assert.Contains(t, r.body, `<h1>Add an account</h1>`)
			assert.Contains(t, r.body, `value="cai@example.org"`, "what was typed is kept")
			_, err := a.store.UserByEmail(t.Context(), "cai@example.org")
			assert.ErrorIs(t, err, domain.ErrNotFound, "nothing saved")
		})
	}
	r := admin.page.get("/users/new")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `name="prisons" value="`+id(w.A.prison)+`"`)

	r = admin.page.post("/users", good)
	require.Equal(t, "/users", r.location, r.body)
	assert.Contains(t, r.body, "The account has been added")
	assert.Contains(t, r.body, "cai@example.org")
	assert.Equal(t, http.StatusForbidden, a.userIn(domain.RoleCoordinator, "A", w.A.prison).page.get("/users/new").code)
	assert.Contains(t, admin.page.get("/users/new?lang=cy").body, "<h1>Ychwanegu cyfrif</h1>")
}

// An administrator changes where an existing account works on the
// account's own page; the account's next page follows, and a coordinator
// is never left with no prison.
func TestChangeWhereAnAccountWorks(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	admin := a.userIn(domain.RoleAdmin, "admin")
	staff := a.userIn(domain.RolePrisonStaff, "A", w.A.prison)
	coord := a.userIn(domain.RoleCoordinator, "A", w.A.prison)
	users, err := a.store.Users(t.Context())
	require.NoError(t, err)
	pathOf := map[domain.Role]string{}
	for _, u := range users {
		pathOf[u.Role] = fmt.Sprintf("/users/%d", u.ID)
	}

	for _, tt := range []struct {
		role   domain.Role
		scope  string
		change bool
	}{
		{domain.RoleCoordinator, "Prisons: HMP Alpha", true},
		{domain.RolePrisonStaff, "Prisons: HMP Alpha", true},
		{domain.RoleAdmin, "Every prison and area", false},
	} {
		r := admin.page.get(pathOf[tt.role])
		require.Equal(t, http.StatusOK, r.code)
		assert.Contains(t, r.body, tt.scope, tt.role)
		link := `<a href="` + pathOf[tt.role] + `/scope">Change<span class="visually-hidden"> (Works with)</span></a>`
		if tt.change {
			assert.Contains(t, r.body, link, tt.role)
		} else {
			assert.NotContains(t, r.body, `/scope"`, "an administrator works with everything")
		}
	}

	form := admin.page.get(pathOf[domain.RolePrisonStaff] + "/scope")
	require.Equal(t, http.StatusOK, form.code)
	assert.Contains(t, form.body, `<form method="post" action="`+pathOf[domain.RolePrisonStaff]+`/scope"`)
	assert.Regexp(t, `name="prisons" value="`+id(w.A.prison)+`"[^>]* checked`, form.body, "the current prison is chosen")
	assert.NotRegexp(t, `name="prisons" value="`+id(w.B.prison)+`"[^>]* checked`, form.body)
	assert.Contains(t, staff.page.get("/clearance").body, "Parent Alphaready")

	r := admin.page.post(pathOf[domain.RolePrisonStaff]+"/scope", url.Values{"prisons": {id(w.B.prison)}})
	require.Equal(t, pathOf[domain.RolePrisonStaff], r.location, r.body)
	assert.Contains(t, r.body, "Saved. The account works with the new prisons")
	assert.Contains(t, r.body, "Prisons: HMP Beta")
	body := staff.page.get("/clearance").body
	assert.Contains(t, body, "Parent Betaready", "the next page follows the change")
	assert.NotContains(t, body, "Parent Alphaready")

	r = admin.page.post(pathOf[domain.RoleCoordinator]+"/scope", url.Values{})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `class="error-summary"`)
	assert.Contains(t, r.body, `href="#f-prisons"`, "the summary links to the field itself")
	assert.Contains(t, r.body, "Choose at least one prison this coordinator works with")
	assert.Contains(t, coord.page.get("/").body, "Parent Alphaready", "nothing changed")

	for _, method := range []string{http.MethodGet, http.MethodPost} {
		var r response
		if method == http.MethodGet {
			r = admin.page.get(pathOf[domain.RoleAdmin] + "/scope")
		} else {
			r = admin.page.post(pathOf[domain.RoleAdmin]+"/scope", url.Values{"prisons": {id(w.A.prison)}})
		}
		assert.Equal(t, http.StatusNotFound, r.code, "%s: an administrator is limited by nothing", method)
	}
	assert.Equal(t, http.StatusForbidden, coord.page.post(pathOf[domain.RolePrisonStaff]+"/scope", url.Values{"prisons": {id(w.A.prison)}}).code)
	u, err := a.store.UserByID(t.Context(), userID(t, a, "prison_staff-A@example.org"))
	require.NoError(t, err)
	assert.Equal(t, []int64{w.B.prison}, u.Prisons, "the store kept the one change")

	// In Welsh too (the language sticks to the session, so this is last).
	assert.Contains(t, admin.page.get(pathOf[domain.RoleCoordinator]+"?lang=cy").body, `>Newid<span class="visually-hidden"> (Yn gweithio gyda)</span>`)
	assert.Contains(t, admin.page.get(pathOf[domain.RolePrisonStaff]+"/scope").body, "<h1>Newid ble mae cyfrif yn gweithio</h1>")
}

// A commissioner with no prison chosen counts every prison, so a prison
// the form cannot read (a value that is not a number) must not be
// dropped, silently widening the account to the whole country: the form
// says the choice is wrong and nothing changes. The same holds for areas
// and for a new account.
func TestScopeFormRefusesAPrisonItCannotRead(t *testing.T) {
	a := newTestApp(t)
	w := a.scopeWorld()
	admin := a.userIn(domain.RoleAdmin, "admin")
	a.userIn(domain.RoleCommissioner, "C", w.A.prison)
	cid := userID(t, a, "commissioner-C@example.org")
	path := fmt.Sprintf("/users/%d/scope", cid)
	for _, form := range []url.Values{{"prisons": {"HMP Beta"}}, {"prisons": {id(w.A.prison)}, "authorities": {"x"}}} {
		r := admin.page.post(path, form)
		assert.Equal(t, http.StatusBadRequest, r.code, "%v: %s", form, r.location)
		assert.Contains(t, r.body, "Choose one of the options", form)
		u, err := a.store.UserByID(t.Context(), cid)
		require.NoError(t, err)
		assert.Equal(t, []int64{w.A.prison}, u.Prisons, "%v: nothing changed", form)
		assert.Empty(t, u.Authorities, form)
	}

	r := admin.page.post("/users", url.Values{"name": {"Cy Comm"}, "email": {"cy@example.org"}, "role": {"commissioner"}, "lang": {"en"},
		"prisons": {"1.5"}, "password": {testPassword}, "confirm": {testPassword}})
	assert.Equal(t, http.StatusBadRequest, r.code, r.location)
	_, err := a.store.UserByEmail(t.Context(), "cy@example.org")
	assert.ErrorIs(t, err, domain.ErrNotFound, "no account that counts every prison")
}
