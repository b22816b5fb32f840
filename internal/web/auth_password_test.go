package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"schoolzone/internal/domain"
)

func TestABcryptHashBecomesArgon2idAtSignIn(t *testing.T) {
	a := newTestApp(t)
	old, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	require.NoError(t, err)
	_, err = a.store.CreateUser(context.Background(), domain.System, domain.User{Email: "old@example.org", Name: "Old Hash", Role: domain.RoleCoordinator, PasswordHash: string(old), Lang: "en"})
	require.NoError(t, err)

	r := a.client().post("/login", url.Values{"email": {"old@example.org"}, "password": {"not the password"}})
	assert.Equal(t, http.StatusUnauthorized, r.code)
	u, err := a.store.UserByEmail(t.Context(), "old@example.org")
	require.NoError(t, err)
	assert.Equal(t, string(old), u.PasswordHash, "a wrong password changes nothing")

	r = a.client().post("/login", url.Values{"email": {"old@example.org"}, "password": {testPassword}})
	require.Equal(t, "/", r.location)
	u, err = a.store.UserByEmail(t.Context(), "old@example.org")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$"), u.PasswordHash)

	r = a.client().post("/login", url.Values{"email": {"old@example.org"}, "password": {testPassword}})
	assert.Equal(t, "/", r.location, "the new hash signs in")
}

func TestPasswordRulesOnSetupAndAccounts(t *testing.T) {
	long := strings.Repeat("tea in the visits hall at four ", 4) // 124 bytes
	tests := []struct {
		name, pw string
		code     int
		msg      string
	}{
		{"a passphrase over 72 bytes", long, http.StatusOK, ""},
		{"too short", "short", http.StatusBadRequest, "at least 12 characters"},
		{"a common password", "Password1234", http.StatusBadRequest, "one of the most common"},
		{"far too long", strings.Repeat("x", 1025), http.StatusBadRequest, "1,024 characters or fewer"},
	}
	for _, tt := range tests {
		t.Run("setup: "+tt.name, func(t *testing.T) {
			a := newTestApp(t)
			r := a.client().post("/setup", url.Values{"name": {"Ann Admin"}, "email": {"ann@example.org"}, "password": {tt.pw}, "confirm": {tt.pw}})
			assert.Equal(t, tt.code, r.code)
			assert.Contains(t, r.body, tt.msg)
			if tt.code == http.StatusOK {
				r = a.client().post("/login", url.Values{"email": {"ann@example.org"}, "password": {tt.pw}})
				assert.Equal(t, "/", r.location, "the passphrase signs in")
			}
		})
		t.Run("accounts: "+tt.name, func(t *testing.T) {
			a := newTestApp(t)
			admin := a.user(domain.RoleAdmin)
			r := admin.post("/users", url.Values{"name": {"Cy Ord"}, "email": {"cy@example.org"}, "role": {"commissioner"}, "lang": {"en"}, "password": {tt.pw}, "confirm": {tt.pw}})
			assert.Equal(t, tt.code, r.code)
			assert.Contains(t, r.body, tt.msg)
			_, err := a.store.UserByEmail(t.Context(), "cy@example.org")
			if tt.code == http.StatusOK {
				require.NoError(t, err)
				r = a.client().post("/login", url.Values{"email": {"cy@example.org"}, "password": {tt.pw}})
				assert.Equal(t, "/figures", r.location, "a commissioner's home")
			} else {
				assert.ErrorIs(t, err, domain.ErrNotFound, "nothing saved")
			}
		})
	}
}
