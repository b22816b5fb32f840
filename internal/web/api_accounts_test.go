package web

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// An administrator does through the API what the accounts pages do, with
// the same checks and confirm steps: add an account, set its scope, lock
// it out and back in, send a reset link, end a session. Each change is
// audited, and nothing answers with a password hash.
func TestAccountsThroughTheAPI(t *testing.T) {
	a := newTestApp(t)
	w := newRefWorld(t, a)
	admin := a.apiAs(domain.RoleAdmin)

	r := admin.call(http.MethodPost, "/api/v1/users", map[string]any{"name": "Staff Gate", "email": "gate@example.org", "password": "short", "role": "prison_staff"})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "password", r.json(t)["field"])
	r = admin.call(http.MethodPost, "/api/v1/users", map[string]any{"name": "Staff Gate", "email": "gate@example.org", "password": testPassword,
		"role": "prison_staff", "lang": "cy", "prisons": []int64{w.prison}})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	id := int64(r.json(t)["id"].(float64))
	path := fmt.Sprintf("/api/v1/users/%d", id)
	assert.NotContains(t, r.body, "argon2")

	r = admin.call(http.MethodGet, "/api/v1/users", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "gate@example.org")
	assert.NotContains(t, r.body, "$argon2")

	r = admin.call(http.MethodPut, path+"/scope", map[string]any{"prisons": []int64{}})
	assert.Equal(t, http.StatusBadRequest, r.code, "prison staff need their prison")

	// The account signs in through the API, so it has a session to end.
	staff := a.api()
	r = staff.call(http.MethodPost, "/api/v1/session", map[string]any{"email": "gate@example.org", "password": testPassword})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	staff.token = r.json(t)["token"].(string)
	r = admin.call(http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, r.code)
	sessions := r.json(t)["sessions"].([]any)
	require.Len(t, sessions, 1)
	sid := int64(sessions[0].(map[string]any)["id"].(float64))

	r = admin.call(http.MethodDelete, fmt.Sprintf("%s/sessions/%d", path, sid), map[string]any{})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "confirm", r.json(t)["field"])
	assert.Equal(t, http.StatusOK, staff.call(http.MethodGet, "/api/v1/clearance", nil).code, "the session still works")
	r = admin.call(http.MethodDelete, fmt.Sprintf("%s/sessions/%d", path, sid), map[string]any{"confirm": true})
	assert.Equal(t, http.StatusNoContent, r.code)
	assert.Equal(t, http.StatusUnauthorized, staff.call(http.MethodGet, "/api/v1/clearance", nil).code, "the session has ended")

	r = admin.call(http.MethodPost, path+"/disable", map[string]any{})
	assert.Equal(t, http.StatusBadRequest, r.code, "disabling asks to confirm")
	r = admin.call(http.MethodPost, path+"/disable", map[string]any{"confirm": true})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, true, r.json(t)["disabled"])
	assert.Equal(t, http.StatusConflict, admin.call(http.MethodPost, path+"/reset", nil).code, "no reset link for a disabled account")
	r = staff.call(http.MethodPost, "/api/v1/session", map[string]any{"email": "gate@example.org", "password": testPassword})
	assert.NotEqual(t, http.StatusCreated, r.code, "a disabled account cannot sign in")
	require.Equal(t, http.StatusOK, admin.call(http.MethodPost, path+"/enable", nil).code)
	require.Equal(t, http.StatusOK, admin.call(http.MethodPost, path+"/unlock", nil).code)
	assert.Equal(t, http.StatusAccepted, admin.call(http.MethodPost, path+"/reset", nil).code)

	assert.Equal(t, []string{"create", "revoke_session", "disable", "enable", "unlock", "send_password_reset"}, auditActions(t, a, id))
	assert.Equal(t, http.StatusForbidden, a.apiAs(domain.RoleCoordinator).call(http.MethodGet, "/api/v1/users", nil).code)
	assert.Equal(t, http.StatusNotFound, admin.call(http.MethodGet, "/api/v1/users/99999", nil).code)
}

// Anyone changes their own password through the API with the current one;
// their other sessions end and the one they used stays.
func TestChangeOwnPasswordThroughTheAPI(t *testing.T) {
	a := newTestApp(t)
	me := a.apiAs(domain.RoleCoordinator)
	other := a.api()
	r := other.call(http.MethodPost, "/api/v1/session", map[string]any{"email": "api-coordinator@example.org", "password": testPassword})
	require.Equal(t, http.StatusCreated, r.code)
	other.token = r.json(t)["token"].(string)

	r = me.call(http.MethodPut, "/api/v1/account/password", map[string]any{"current": "wrong wrong wrong", "password": "a new long passphrase"})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, "current", r.json(t)["field"])
	r = me.call(http.MethodPut, "/api/v1/account/password", map[string]any{"current": testPassword, "password": "password1234"})
	assert.Equal(t, http.StatusBadRequest, r.code, "a common password is refused")
	r = me.call(http.MethodPut, "/api/v1/account/password", map[string]any{"current": testPassword, "password": "a new long passphrase"})
	require.Equal(t, http.StatusNoContent, r.code, r.body)
	assert.Equal(t, http.StatusOK, me.call(http.MethodGet, "/api/v1/families", nil).code)
	assert.Equal(t, http.StatusUnauthorized, other.call(http.MethodGet, "/api/v1/families", nil).code)
}
