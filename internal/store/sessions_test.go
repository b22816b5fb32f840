package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/domain"
)

// However many sessions are in use, marking them seen costs at most one
// commit a minute, since every commit ends every kept page; yet each
// session's last use is written, the idle expiry still sees it, and
// closing the store writes what is still waiting.
func TestSessionsAreMarkedSeenInOneCommitAMinute(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	now := fixedNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	wait := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := Open(ctx, path, WithClock(clock))
	require.NoError(t, err)
	uid, err := s.CreateUser(ctx, domain.System, domain.User{Email: "ann@example.org", Name: "Ann", Role: domain.RoleAdmin, PasswordHash: "x", Lang: "en"})
	require.NoError(t, err)
	const sessions = 20
	token := func(i int) string { return fmt.Sprint("token-", i) }
	for i := range sessions {
		require.NoError(t, s.CreateSession(ctx, token(i), uid, SessionWeb, 24*time.Hour))
	}
	useAll := func() {
		for i := range sessions {
			_, err := s.SessionUser(ctx, token(i), SessionWeb, 2*time.Hour)
			require.NoError(t, err, "session %d", i)
		}
	}
	commits := func(during func()) int {
		before, err := s.DataVersion(ctx)
		require.NoError(t, err)
		during()
		after, err := s.DataVersion(ctx)
		require.NoError(t, err)
		if after == before {
			return 0
		}
		return 1 // at least one; the calls below show it is not more
	}
	lastSeen := func(st *Store) map[time.Time]int {
		out := map[time.Time]int{}
		list, err := st.UserSessions(ctx, uid)
		require.NoError(t, err)
		for _, x := range list {
			out[x.LastSeenAt.UTC()]++
		}
		return out
	}

	wait(5 * time.Minute)
	used := now
	assert.Zero(t, commits(useAll), "all 20 used in one minute: nothing written yet")
	assert.Zero(t, commits(useAll), "nor on their second use that minute")
	wait(time.Minute)
	_, err = s.SessionUser(ctx, token(0), SessionWeb, 2*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, map[time.Time]int{used: sessions}, lastSeen(s), "the next minute's first request writes them all")
	assert.Zero(t, commits(useAll), "and no other request that minute writes")

	// Used just under two hours after its last use, while that use is
	// still waiting to be written, a session is alive: the waiting use is
	// written first. Unused for longer, it is not.
	wait(2*time.Hour - time.Minute)
	_, err = s.SessionUser(ctx, token(1), SessionWeb, 2*time.Hour)
	assert.NoError(t, err, "a use still waiting to be written counts for the idle expiry")
	wait(2*time.Hour + time.Minute)
	_, err = s.SessionUser(ctx, token(2), SessionWeb, 2*time.Hour)
	assert.ErrorIs(t, err, domain.ErrNotFound, "idle too long")

	// A use still waiting when the store closes is written then.
	require.NoError(t, s.CreateSession(ctx, "late", uid, SessionWeb, 24*time.Hour))
	wait(5 * time.Minute)
	_, err = s.SessionUser(ctx, "late", SessionWeb, 2*time.Hour)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	again, err := Open(ctx, path, WithClock(clock))
	require.NoError(t, err)
	defer again.Close()
	assert.Equal(t, 1, lastSeen(again)[now], "the last use, written on close")
}
