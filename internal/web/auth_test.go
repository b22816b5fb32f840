package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func TestFirstRunCreatesTheAdministrator(t *testing.T) {
	a := newTestApp(t)
	c := a.client()
	r := c.get("/")
	assert.Equal(t, "/setup", r.location, "with no accounts, everything leads to setup")

	r = c.post("/setup", url.Values{"name": {"Ann Admin"}, "email": {"ann@example.org"}, "password": {"short"}, "confirm": {"short"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "at least 12 characters")
	assert.Contains(t, r.body, `value="ann@example.org"`, "what was typed is kept")
	assert.NotContains(t, r.body, `value="short"`, "passwords are never echoed")
	n, _ := a.store.CountUsers(t.Context())
	assert.Zero(t, n, "nothing saved on bad input")

	r = c.post("/setup", url.Values{"name": {"Ann Admin"}, "email": {"ann@example.org"}, "password": {testPassword}, "confirm": {testPassword}})
	require.Equal(t, http.StatusOK, r.code)
	u, err := a.store.UserByEmail(t.Context(), "ann@example.org")
	require.NoError(t, err)
	assert.Equal(t, domain.RoleAdmin, u.Role)

	// Once an account exists, setup is closed.
	r = a.client().post("/setup", url.Values{"name": {"Eve"}, "email": {"eve@example.org"}, "password": {testPassword}, "confirm": {testPassword}})
	assert.Equal(t, "/login", r.location)
	_, err = a.store.UserByEmail(t.Context(), "eve@example.org")
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestLoginLogoutAndCSRF(t *testing.T) {
	a := newTestApp(t)
	a.user(domain.RoleCoordinator)
	c := a.client()
	r := c.post("/login", url.Values{"email": {"coordinator@example.org"}, "password": {"wrong password!"}})
	assert.Equal(t, http.StatusUnauthorized, r.code)
	assert.Contains(t, r.body, "not right")

	r = c.post("/login", url.Values{"email": {"COORDINATOR@example.org"}, "password": {testPassword}})
	assert.Equal(t, http.StatusOK, r.code)
	assert.NotEqual(t, "/login", r.location)

	// A form without the CSRF token is refused.
	req, _ := http.NewRequest(http.MethodPost, c.base+"/logout", nil)
	r = c.do(req)
	assert.Equal(t, http.StatusForbidden, r.code)
	assert.Contains(t, r.body, "expired")

	r = c.post("/logout", url.Values{})
	assert.Equal(t, "/login", r.location)
	assert.Equal(t, "/login", c.get("/").location, "signed out")
}

func TestSecurityHeadersAndHealth(t *testing.T) {
	a := newTestApp(t)
	r := a.client().get("/healthz")
	assert.Equal(t, http.StatusOK, r.code)
	assert.JSONEq(t, `{"status":"ok"}`, r.body)
	assert.Contains(t, r.header.Get("Content-Security-Policy"), "default-src 'self'")
	assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"))
}

func TestLanguageSwitch(t *testing.T) {
	a := newTestApp(t)
	a.user(domain.RoleCoordinator)
	c := a.client()
	r := c.get("/login?lang=cy")
	assert.Contains(t, r.body, `<html lang="cy">`)
	assert.Contains(t, r.body, "Mewngofnodi")
	r = c.get("/login")
	assert.Contains(t, r.body, "Mewngofnodi", "the choice is remembered")
	r = c.get("/login?lang=en")
	assert.Contains(t, r.body, "Sign in")
}

func TestStylesheetIsServed(t *testing.T) {
	a := newTestApp(t)
	r := a.client().get("/static/app.css")
	assert.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.header.Get("Content-Type"), "text/css")
	assert.Contains(t, r.body, ".skip-link")
}
