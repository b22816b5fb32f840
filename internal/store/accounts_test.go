package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

func TestAResetTokenIsStoredOnlyAsItsHash(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, err := s.CreateUser(ctx, domain.System, domain.User{Email: "ann@example.org", Name: "Ann", Role: domain.RoleAdmin, PasswordHash: "x", Lang: "en"})
	require.NoError(t, err)
	const token = "a-reset-token-from-the-email"
	m := OutboxMessage{Kind: PasswordResetKind, RecipientKind: "user", RecipientID: id, To: "ann@example.org", Subject: "s", EML: []byte("x")}
	require.NoError(t, s.CreatePasswordReset(ctx, domain.System, id, token, time.Hour, m))
	var stored string
	require.NoError(t, s.read.QueryRowContext(ctx, `SELECT token_hash FROM password_resets`).Scan(&stored))
	assert.Equal(t, hashToken(token), stored)
	assert.NotContains(t, stored, token)

	require.NoError(t, s.UsePasswordReset(ctx, token, "new hash"))
	assert.ErrorIs(t, s.UsePasswordReset(ctx, token, "another"), ErrResetUsed, "once only")
	u, err := s.UserByID(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "new hash", u.PasswordHash)
}

func TestTheTenthWrongPasswordLocksTheAccount(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, err := s.CreateUser(ctx, domain.System, domain.User{Email: "ann@example.org", Name: "Ann", Role: domain.RoleAdmin, PasswordHash: "x", Lang: "en"})
	require.NoError(t, err)
	for i := 1; i <= LockAfter; i++ {
		locked, err := s.RecordLoginFailure(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, i == LockAfter, locked, "failure %d", i)
	}
	u, err := s.UserByID(ctx, id)
	require.NoError(t, err)
	assert.True(t, u.Locked(s.now()))
	assert.False(t, u.Locked(s.now().Add(LockFor)))
	require.NoError(t, s.UnlockUser(ctx, domain.System, id))
	u, err = s.UserByID(ctx, id)
	require.NoError(t, err)
	assert.False(t, u.Locked(s.now()))
}
