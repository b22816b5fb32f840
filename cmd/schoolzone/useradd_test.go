package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"schoolzone/internal/domain"
	"schoolzone/internal/password"
	"schoolzone/internal/store"
)

func TestUseradd(t *testing.T) {
	const good = "correct horse battery"
	// Over bcrypt's 72 bytes, as the README's "long passphrase" invites.
	long := strings.Repeat("tea in the visits hall at four ", 4)
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stderr string
	}{
		{"creates an admin", []string{"--email", "admin@prison.example", "--name", "Sam Admin", "--role", "admin"}, good + "\n", exitOK, ""},
		{"CRLF stdin", []string{"--email", "c@prison.example", "--name", "Co Ord", "--role", "coordinator", "--lang", "cy", "--prison", "1", "--prison", "2"}, good + "\r\n", exitOK, ""},
		{"no trailing newline", []string{"--email", "p@prison.example", "--name", "Pat Staff", "--role", "prison_staff", "--prison", "2"}, good, exitOK, ""},
		{"commissioner of an area", []string{"--email", "m@prison.example", "--name", "Mo Comm", "--role", "commissioner", "--authority", "1"}, good, exitOK, ""},
		{"coordinator needs a prison", []string{"--email", "x@prison.example", "--name", "X", "--role", "coordinator"}, good, exitUsage, "--prison: a coordinator works with at least one prison"},
		{"prison staff at two prisons", []string{"--email", "x@prison.example", "--name", "X", "--role", "prison_staff", "--prison", "1", "--prison", "2"}, good, exitUsage, "exactly one prison"},
		{"an unknown prison", []string{"--email", "x@prison.example", "--name", "X", "--role", "coordinator", "--prison", "9"}, good, exitUsage, "no prison has that ID"},
		{"not an ID", []string{"--email", "x@prison.example", "--name", "X", "--role", "coordinator", "--prison", "Parc"}, good, exitUsage, "not a record ID"},
		{"an unknown area", []string{"--email", "x@prison.example", "--name", "X", "--role", "commissioner", "--authority", "9"}, good, exitUsage, "no local authority has that ID"},
		{"a passphrase over 72 bytes", []string{"--email", "long@prison.example", "--name", "Lo Ng", "--role", "admin"}, long + "\n", exitOK, ""},
		{"a common password", []string{"--email", "a@prison.example", "--name", "A", "--role", "admin"}, "Password1234\n", exitError, "most common passwords"},
		{"short password", []string{"--email", "a@prison.example", "--name", "A", "--role", "admin"}, "short\n", exitError, "at least 12"},
		{"empty stdin", []string{"--email", "a@prison.example", "--name", "A", "--role", "admin"}, "", exitError, "at least 12"},
		{"unknown role", []string{"--email", "a@prison.example", "--name", "A", "--role", "teacher"}, good, exitUsage, "--role must be one of"},
		{"missing email and name", []string{"--role", "admin"}, good, exitUsage, "--name is required"},
		{"bad email", []string{"--email", "Sam <sam@x.example>", "--name", "Sam", "--role", "admin"}, good, exitUsage, "--email"},
		{"bad language", []string{"--email", "a@prison.example", "--name", "A", "--role", "admin", "--lang", "fr"}, good, exitUsage, "--lang"},
	}
	db := tempDB(t)
	seed, err := store.Open(context.Background(), db)
	require.NoError(t, err)
	for _, name := range []string{"HMP One", "HMP Two"} {
		_, err := seed.CreatePrison(context.Background(), domain.System, domain.Prison{Name: name})
		require.NoError(t, err)
	}
	_, err = seed.CreateLocalAuthority(context.Background(), domain.System, "Bridgend")
	require.NoError(t, err)
	require.NoError(t, seed.Close())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(t, nil, tt.stdin, append([]string{"useradd", "--db", db}, tt.args...)...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.stderr)
			assert.NotContains(t, r.stdout+r.stderr, good, "the password is never echoed")
		})
	}

	st, err := store.Open(context.Background(), db)
	require.NoError(t, err)
	defer st.Close()
	users, err := st.Users(context.Background())
	require.NoError(t, err)
	require.Len(t, users, 5, "only the valid requests created accounts")
	u, err := st.UserByEmail(context.Background(), "admin@prison.example")
	require.NoError(t, err)
	assert.Equal(t, domain.RoleAdmin, u.Role)
	assertPassword(t, u.PasswordHash, good)
	lu, err := st.UserByEmail(context.Background(), "long@prison.example")
	require.NoError(t, err)
	assertPassword(t, lu.PasswordHash, long)
	cy, err := st.UserByEmail(context.Background(), "c@prison.example")
	require.NoError(t, err)
	assert.Equal(t, "cy", cy.Lang)
	assertPassword(t, cy.PasswordHash, good) // CR is not part of the password
	assert.Equal(t, []int64{1, 2}, cy.Prisons, "--prison repeats for a coordinator")
	staff, err := st.UserByEmail(context.Background(), "p@prison.example")
	require.NoError(t, err)
	assert.Equal(t, []int64{2}, staff.Prisons)
	comm, err := st.UserByEmail(context.Background(), "m@prison.example")
	require.NoError(t, err)
	assert.Equal(t, []int64{1}, comm.Authorities)

	r := runWith(t, nil, good, "useradd", "--db", db, "--email", "admin@prison.example", "--name", "Again", "--role", "admin")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "already registered")
}

func assertPassword(t *testing.T, hash, pw string) {
	t.Helper()
	ok, rehash, err := password.Verify(hash, pw)
	require.NoError(t, err)
	assert.True(t, ok, "the password matches")
	assert.False(t, rehash, "hashed with production's argon2id setting")
}
